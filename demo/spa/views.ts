// The SPA's views: plain DOM building, no framework. Handlers come from main.ts, which owns the
// tracker calls, so this file shows nothing about tracking.

export interface DemoConfig {
  trackingId: string;
  identityPoolId: string;
  region: string;
  endpoint: string;
  cognitoEndpoint: string;
}

export interface Movie {
  id: string;
  title: string;
  year: number;
  genre: string;
  price: number;
  colors: [string, string];
}

declare global {
  interface Window {
    DEMO_CONFIG?: DemoConfig; // from /demo/build/config.js, written by demo/start.ts
    DEMO_MOVIES: Movie[]; // from /demo/movies.js
    DEMO_LEDGER?: { fireCall(call: string): void }; // from /demo/tracked-log.js
    DEMO_TRACK?: (eventType: string, properties: Record<string, unknown>) => void; // for /demo/fault-panel.js
  }
}

export interface Handlers {
  rate(movie: Movie, value: number): void;
  addToCart(movie: Movie): void;
}

type Attributes = Record<string, string> & { text?: string };

export function element(tag: string, attributes: Attributes = {}, children: Node[] = []): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

/** The code behind an event, lit by /demo/tracked-log.js when the tracker tracks `eventType`. */
export function snippet(eventType: string, code: string): HTMLElement {
  return element('pre', { class: 'snippet', 'data-snippet-event': eventType, 'data-testid': `snippet-${eventType}`, text: code });
}

function poster(movie: Movie, size: 'small' | 'large'): HTMLElement {
  const style = `--poster-a:${movie.colors[0]};--poster-b:${movie.colors[1]}`;
  return element('div', { class: `poster poster--${size}`, style, 'aria-hidden': 'true' }, [element('span', { text: movie.title })]);
}

export function homeView(movies: Movie[]): Node[] {
  const cards = movies.map((movie) =>
    element('a', { class: 'card', href: `#/movie/${movie.id}`, 'data-testid': `movie-card-${movie.id}` }, [
      poster(movie, 'small'),
      element('strong', { text: movie.title }),
      element('span', { class: 'muted', text: `${movie.genre} · $${movie.price}` }),
    ]),
  );
  return [element('h1', { text: 'Movies' }), element('div', { class: 'grid', 'data-testid': 'movie-grid' }, cards)];
}

export function movieView(movie: Movie, handlers: Handlers): Node[] {
  const stars = element('div', { class: 'stars', role: 'group', 'aria-label': `Rate ${movie.title}` });
  for (let value = 1; value <= 5; value++) {
    const star = element('button', { type: 'button', class: 'star', 'data-testid': `rate-${movie.id}-${value}`, 'aria-label': `${value} stars`, text: '★' });
    star.addEventListener('click', () => {
      stars.querySelectorAll('.star').forEach((other, index) => other.classList.toggle('star--on', index < value));
      handlers.rate(movie, value);
    });
    stars.append(star);
  }
  const addToCart = element('button', { type: 'button', class: 'primary', 'data-testid': `add-to-cart-${movie.id}`, text: `Add to cart · $${movie.price}` });
  addToCart.addEventListener('click', () => handlers.addToCart(movie));
  return [
    element('p', {}, [element('a', { href: '#/', text: '← All movies' })]),
    element('section', { class: 'detail', 'data-testid': 'detail' }, [
      poster(movie, 'large'),
      element('div', { class: 'detail__body' }, [
        element('h2', { text: movie.title }),
        element('p', { class: 'muted', text: `${movie.genre} · ${movie.year} · ${movie.id}` }),
        snippet('View', `track('View', { itemId: '${movie.id}' }); // main.ts, on this route`),
        element('p', { text: 'Your rating:' }),
        stars,
        snippet('MovieRating', `track('MovieRating', { itemId: '${movie.id}', eventValue: stars });`),
        addToCart,
        snippet('AddToCart', `track('AddToCart', { itemId: '${movie.id}', eventValue: 1, price: ${movie.price} });`),
      ]),
    ]),
  ];
}

export function cartView(items: Movie[]): Node[] {
  if (items.length === 0) return [element('h1', { text: 'Cart' }), element('p', { class: 'muted', text: 'Your cart is empty.' })];
  const total = items.reduce((sum, movie) => sum + movie.price, 0);
  const rows = items.map((movie) => element('li', { text: `${movie.title} · $${movie.price}` }));
  return [
    element('h1', { text: 'Cart' }),
    element('ul', { class: 'cart-list', 'data-testid': 'cart-list' }, rows),
    element('p', {}, [element('strong', { text: `Total: $${total.toFixed(2)}` })]),
  ];
}

export function notFoundView(path: string): Node[] {
  return [element('h1', { text: 'Not found' }), element('p', { text: `No page at ${path}. ` }, [element('a', { href: '#/', text: 'Back to the movies' })])];
}

/** "More like this": the SPA renders its own recommendation strip and watches it from code. */
export function recommendationStrip(movies: Movie[]): { strip: HTMLElement; list: HTMLElement } {
  const list = element('ul', { class: 'strip', 'data-testid': 'recommendations' });
  for (const movie of movies) {
    list.append(element('li', { 'data-personalize-item-id': movie.id }, [element('a', { href: `#/movie/${movie.id}`, 'data-testid': `recommended-${movie.id}`, text: movie.title })]));
  }
  const code = `const carousel = watchRecommendations(list, { recommendationId });\nlist.onclick = () => carousel.click(itemId); // Click + impression`;
  return { strip: element('section', { class: 'recommended' }, [element('h3', { text: 'More like this' }), list, snippet('Click', code)]), list };
}
