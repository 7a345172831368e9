// The script-tag shop: plain JavaScript calling window.personalize, which is the inline stub until
// /dist/personalize-tracker.js has loaded and the real tracker afterwards.
(function () {
  var movies = window.DEMO_MOVIES;
  var grid = document.getElementById('grid');
  var detail = document.getElementById('detail');
  var flash = document.querySelector('[data-testid="flash"]');
  var cartCount = document.querySelector('[data-testid="cart-count"]');
  var userLabel = document.querySelector('[data-testid="user"]');
  var loginButton = document.querySelector('[data-testid="login"]');
  var logoutButton = document.querySelector('[data-testid="logout"]');
  var flushButton = document.querySelector('[data-testid="flush"]');
  var cart = 0;

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === 'text') node.textContent = attributes.text;
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function poster(movie, size) {
    var style = '--poster-a:' + movie.colors[0] + ';--poster-b:' + movie.colors[1];
    return element('div', { class: 'poster poster--' + size, style: style, 'aria-hidden': 'true' }, [
      element('span', { text: movie.title }),
    ]);
  }

  function say(message) {
    flash.textContent = message;
  }

  // The tracker throws a TypeError for invalid input; a shop would log it, the demo shows it.
  function track(eventType, properties) {
    try {
      window.personalize.track(eventType, properties);
    } catch (error) {
      say(String(error));
    }
  }

  function stars(movie) {
    var row = element('div', { class: 'stars', role: 'group', 'aria-label': 'Rate ' + movie.title });
    [1, 2, 3, 4, 5].forEach(function (value) {
      var star = element('button', { type: 'button', class: 'star', 'data-testid': 'rate-' + movie.id + '-' + value, 'aria-label': value + ' stars', text: '★' });
      star.addEventListener('click', function () {
        track('MovieRating', { itemId: movie.id, eventValue: value });
        row.querySelectorAll('.star').forEach(function (other, index) { other.classList.toggle('star--on', index < value); });
        say('Rated ' + movie.title + ' ' + value + '/5');
      });
      row.appendChild(star);
    });
    return row;
  }

  function showDetail(movie) {
    track('View', { itemId: movie.id });
    var addToCart = element('button', { type: 'button', class: 'primary', 'data-testid': 'add-to-cart-' + movie.id, text: 'Add to cart · $' + movie.price });
    addToCart.addEventListener('click', function () {
      track('AddToCart', { itemId: movie.id, eventValue: 1, price: movie.price });
      cart += 1;
      cartCount.textContent = 'Cart: ' + cart;
      say(movie.title + ' added to the cart');
    });
    var close = element('button', { type: 'button', class: 'detail__close', 'data-testid': 'close-detail', 'aria-label': 'Close', text: '×' });
    close.addEventListener('click', function () { detail.hidden = true; });
    detail.replaceChildren(
      poster(movie, 'large'),
      element('div', { class: 'detail__body' }, [
        element('h2', { text: movie.title }),
        element('p', { class: 'muted', text: movie.genre + ' · ' + movie.year + ' · ' + movie.id }),
        element('p', { text: 'Your rating:' }),
        stars(movie),
        addToCart,
      ]),
      close,
    );
    detail.hidden = false;
    window.scrollTo(0, 0); // the detail view sits above the grid
  }

  movies.forEach(function (movie) {
    var card = element('button', { type: 'button', class: 'card', 'data-testid': 'movie-card-' + movie.id }, [
      poster(movie, 'small'),
      element('strong', { text: movie.title }),
      element('span', { class: 'muted', text: movie.genre + ' · $' + movie.price }),
    ]);
    card.addEventListener('click', function () { showDetail(movie); });
    grid.appendChild(card);
  });

  function setUser(userId) {
    userLabel.textContent = userId || 'anonymous';
    loginButton.hidden = Boolean(userId);
    logoutButton.hidden = !userId;
  }

  loginButton.addEventListener('click', function () {
    window.personalize.identify('user-42');
    setUser('user-42');
    say('Logged in: later events carry userId user-42 (same session)');
  });
  logoutButton.addEventListener('click', function () {
    window.personalize.reset();
    setUser(undefined);
    say('Logged out: a new session starts');
  });
  flushButton.addEventListener('click', function () {
    var result = window.personalize.flush();
    // Before the tracker file has loaded, flush() is the stub's: it queues and returns nothing.
    if (!result || !result.then) return say('Flush queued until the tracker has loaded');
    say('Flushing…');
    result.then(function (outcome) {
      say('Flushed: ' + outcome.delivered + ' delivered, ' + outcome.rejected + ' rejected, ' + outcome.pending + ' pending');
    });
  });
})();
