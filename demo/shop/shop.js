// The script-tag shop: plain JavaScript calling window.personalize, which is the inline stub until
// /dist/personalize-tracker.js has loaded and the real tracker afterwards. Recommendations and the
// watchlist button use the declarative data-personalize-* markup instead of calls.
(function () {
  var movies = window.DEMO_MOVIES;
  var ledger = window.DEMO_LEDGER;
  var CONSENT_KEY = 'personalize-tracker:consent'; // README "Storage": `in` or `out`
  var grid = document.getElementById('grid');
  var detail = document.getElementById('detail');
  var homeStrip = document.querySelector('[data-testid="home-recommendations"]');
  var flash = document.querySelector('[data-testid="flash"]');
  var cartCount = document.querySelector('[data-testid="cart-count"]');
  var userLabel = document.querySelector('[data-testid="user"]');
  var loginButton = document.querySelector('[data-testid="login"]');
  var logoutButton = document.querySelector('[data-testid="logout"]');
  var optOutButton = document.querySelector('[data-testid="opt-out"]');
  var optInButton = document.querySelector('[data-testid="opt-in"]');
  var consentState = document.querySelector('[data-testid="consent-state"]');
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

  /** A code snippet lit (tracked-log.js) when the tracker tracks `eventType`. */
  function snippet(eventType, code) {
    return element('pre', { class: 'snippet', 'data-snippet-event': eventType, 'data-testid': 'snippet-' + eventType, text: code });
  }

  /** The snippet of a declarative recommendation list: lit by that list's clicks only. */
  function listSnippet(list, inner) {
    var code = snippet('Click', markup(list, inner));
    code.setAttribute('data-snippet-list', list.getAttribute('data-personalize-recommendation-id'));
    return code;
  }

  /** The data-personalize-* markup of `node`, as its snippet shows it. */
  function markup(node, inner) {
    var attributes = Array.from(node.attributes).filter(function (attribute) { return attribute.name.indexOf('data-personalize') === 0; });
    var open = '<' + node.localName + attributes.map(function (attribute) { return ' ' + attribute.name + "='" + attribute.value + "'"; }).join('');
    return open + '>' + (inner || '…') + '</' + node.localName + '>';
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
  window.DEMO_TRACK = track; // for the "Try to lose an event" panel

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

  /** A declarative recommendation list: the tracker finds it, counts what is seen, tracks clicks. */
  function fillStrip(list, recommended) {
    list.replaceChildren.apply(list, recommended.map(function (movie) {
      var open = element('button', { type: 'button', 'data-testid': 'recommended-' + movie.id, text: movie.title });
      open.addEventListener('click', function () { showDetail(movie); });
      return element('li', { 'data-personalize-item-id': movie.id }, [open]);
    }));
  }

  function showDetail(movie) {
    var addToCart = element('button', { type: 'button', class: 'primary', 'data-testid': 'add-to-cart-' + movie.id, text: 'Add to cart · $' + movie.price });
    addToCart.addEventListener('click', function () {
      track('AddToCart', { itemId: movie.id, eventValue: 1, price: movie.price });
      cart += 1;
      cartCount.textContent = 'Cart: ' + cart;
      say(movie.title + ' added to the cart');
    });
    // Declarative: no code, the tracker's click listener reads the attributes.
    var watchlist = element('button', { type: 'button', 'data-testid': 'watchlist-' + movie.id, 'data-personalize-event': 'AddToWatchlist', 'data-personalize-item-id': movie.id, 'data-personalize-properties': '{"list":"watchlist"}', text: '♡ Watchlist' });
    watchlist.addEventListener('click', function () { say(movie.title + ' is on your watchlist'); });
    var close = element('button', { type: 'button', class: 'detail__close', 'data-testid': 'close-detail', 'aria-label': 'Close', text: '×' });
    close.addEventListener('click', function () { detail.hidden = true; });
    var strip = element('ul', { class: 'strip', 'data-testid': 'recommendations', 'data-personalize-recommendation-id': 'demo-rec-' + movie.id });
    fillStrip(strip, movies.filter(function (other) { return other.id !== movie.id; }).slice(0, 3));
    detail.replaceChildren(
      poster(movie, 'large'),
      element('div', { class: 'detail__body' }, [
        element('h2', { text: movie.title }),
        element('p', { class: 'muted', text: movie.genre + ' · ' + movie.year + ' · ' + movie.id }),
        snippet('View', "personalize.track('View', { itemId: '" + movie.id + "' }); // on opening this page"),
        element('p', { text: 'Your rating:' }),
        stars(movie),
        snippet('MovieRating', "personalize.track('MovieRating', { itemId: '" + movie.id + "', eventValue: stars });"),
        element('div', { class: 'detail__actions' }, [addToCart, watchlist]),
        snippet('AddToCart', "personalize.track('AddToCart', { itemId: '" + movie.id + "', eventValue: 1, price: " + movie.price + ' });'),
        snippet('AddToWatchlist', markup(watchlist, '♡ Watchlist')),
        element('h3', { text: 'More like this' }),
        strip,
        listSnippet(strip, '\n  <li data-personalize-item-id=\'…\'>…</li>\n'),
      ]),
      close,
    );
    detail.hidden = false;
    track('View', { itemId: movie.id }); // after rendering, so its snippet is there to light up
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
  // A real shop would show GetRecommendations results; the demo recommends a few movies.
  fillStrip(homeStrip, movies.slice(4, 8));
  homeStrip.after(listSnippet(homeStrip, '\n  <li data-personalize-item-id=\'movie5\'>…</li> …\n'));

  function setUser(userId) {
    userLabel.textContent = userId || 'anonymous';
    loginButton.hidden = Boolean(userId);
    logoutButton.hidden = !userId;
  }

  /** Shows the visitor's choice: `out` as just made, else as stored (the stub may not have applied it yet). */
  function showConsent(out) {
    if (out === undefined) out = localStorage.getItem(CONSENT_KEY) === 'out';
    consentState.textContent = out ? 'Tracking: off' : 'Tracking: on';
    optOutButton.hidden = out;
    optInButton.hidden = !out;
  }
  showConsent();
  addEventListener('storage', function (event) { if (event.key === CONSENT_KEY) showConsent(); }); // another tab chose

  loginButton.addEventListener('click', function () {
    window.personalize.identify('user-42');
    ledger.fireCall('identify');
    setUser('user-42');
    say('Logged in: later events carry userId user-42 (same session)');
  });
  logoutButton.addEventListener('click', function () {
    window.personalize.reset();
    ledger.fireCall('reset');
    setUser(undefined);
    say('Logged out: a new session starts');
  });
  optOutButton.addEventListener('click', function () {
    window.personalize.optOut();
    ledger.fireCall('optOut');
    showConsent(true);
    say('Opted out: nothing is tracked or sent, the queue is deleted');
  });
  optInButton.addEventListener('click', function () {
    window.personalize.optIn();
    ledger.fireCall('optIn');
    showConsent(false);
    say('Opted in: tracking again');
  });
  flushButton.addEventListener('click', function () {
    ledger.fireCall('flush');
    var result = window.personalize.flush();
    // Before the tracker file has loaded, flush() is the stub's: it queues and returns nothing.
    if (!result || !result.then) return say('Flush queued until the tracker has loaded');
    say('Flushing…');
    result.then(function (outcome) {
      say('Flushed: ' + outcome.delivered + ' delivered, ' + outcome.rejected + ' rejected, ' + outcome.pending + ' pending');
    });
  });
})();
