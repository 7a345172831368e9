// The SPA: hash routes driven by history.pushState, tracked through the npm package exactly as a
// bundled app would use it. Every route change is a PageView; a movie page is also a View.
import { flush, identify, init, optIn, optOut, reset, track, watchRecommendations, type RecommendationWatch } from 'personalize-tracker';
import type { TrackerError, TrackProperties } from 'personalize-tracker';
import { cartView, homeView, movieView, notFoundView, recommendationStrip, type Movie } from './views';

const movies = window.DEMO_MOVIES;
const config = window.DEMO_CONFIG;
const view = document.getElementById('view')!;
const flash = document.querySelector<HTMLElement>('[data-testid="flash"]')!;
const cartCount = document.querySelector<HTMLElement>('[data-testid="cart-count"]')!;
const userLabel = document.querySelector<HTMLElement>('[data-testid="user"]')!;
const loginButton = document.querySelector<HTMLButtonElement>('[data-testid="login"]')!;
const logoutButton = document.querySelector<HTMLButtonElement>('[data-testid="logout"]')!;
const flushButton = document.querySelector<HTMLButtonElement>('[data-testid="flush"]')!;
const optOutButton = document.querySelector<HTMLButtonElement>('[data-testid="opt-out"]')!;
const optInButton = document.querySelector<HTMLButtonElement>('[data-testid="opt-in"]')!;
const consentState = document.querySelector<HTMLElement>('[data-testid="consent-state"]')!;
const CONSENT_KEY = 'personalize-tracker:consent'; // README "Storage": `in` or `out`
const ledger = window.DEMO_LEDGER;
const cart: Movie[] = [];
let shownPath: string | undefined;
let recommendations: RecommendationWatch | undefined;

function say(message: string): void {
  flash.textContent = message;
}

if (config) {
  init({
    ...config,
    debug: true,
    onError: (error: TrackerError) => {
      console.warn(error);
      say(`Tracker: ${error.code}: ${error.message}`);
    },
  });
} else {
  say('No /demo/build/config.js: start the demo with `npm start`.');
}

// track() throws a TypeError for invalid input; an app would log it, the demo shows it.
function safeTrack(eventType: string, properties: TrackProperties): void {
  try {
    track(eventType, properties);
  } catch (error) {
    say(String(error));
  }
}

window.DEMO_TRACK = safeTrack; // for the "Try to lose an event" panel

const handlers = {
  rate(movie: Movie, value: number) {
    safeTrack('MovieRating', { itemId: movie.id, eventValue: value });
    say(`Rated ${movie.title} ${value}/5`);
  },
  addToCart(movie: Movie) {
    safeTrack('AddToCart', { itemId: movie.id, eventValue: 1, price: movie.price });
    cart.push(movie);
    cartCount.textContent = `Cart: ${cart.length}`;
    say(`${movie.title} added to the cart`);
  },
};

function currentPath(): string {
  return location.hash.replace(/^#/, '') || '/';
}

function render(): void {
  const path = currentPath();
  if (path === shownPath) return; // popstate and hashchange both fire for one back/forward step
  shownPath = path;
  const movieId = /^\/movie\/([^/]+)$/.exec(path)?.[1];
  const movie = movies.find((candidate) => candidate.id === movieId);
  if (path === '/') view.replaceChildren(...homeView(movies));
  else if (path === '/cart') view.replaceChildren(...cartView(cart));
  else if (movie) {
    // A real shop would show GetRecommendations results; the demo recommends the next three movies.
    const { strip, list } = recommendationStrip(movies.filter((other) => other.id !== movie.id).slice(0, 3));
    view.replaceChildren(strip, ...movieView(movie, handlers));
    recommendations?.disconnect();
    recommendations = watchRecommendations(list, { recommendationId: `demo-rec-${movie.id}` });
  } else view.replaceChildren(...notFoundView(path));
  // Tracked after rendering, so the view's code snippets are there to light up.
  safeTrack('PageView', { path });
  if (movie) safeTrack('View', { itemId: movie.id });
  window.scrollTo(0, 0);
}

function navigate(hash: string): void {
  if (hash !== location.hash) history.pushState(null, '', hash);
  render();
}

document.addEventListener('click', (event) => {
  const link = (event.target as Element).closest<HTMLAnchorElement>('a[href^="#/"]');
  const recommended = link?.closest('[data-personalize-item-id]')?.getAttribute('data-personalize-item-id');
  if (recommended) recommendations?.click(recommended);
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  navigate(link.getAttribute('href')!);
});
addEventListener('popstate', render);
addEventListener('hashchange', render);
if (!location.hash) history.replaceState(null, '', '#/'); // so Back to the first page is #/ too

function setUser(userId: string | undefined): void {
  userLabel.textContent = userId ?? 'anonymous';
  loginButton.hidden = Boolean(userId);
  logoutButton.hidden = !userId;
}

/** Shows the visitor's choice: `out` as just made, else as stored (another tab may have chosen). */
function showConsent(out = localStorage.getItem(CONSENT_KEY) === 'out'): void {
  consentState.textContent = out ? 'Tracking: off' : 'Tracking: on';
  optOutButton.hidden = out;
  optInButton.hidden = !out;
}
showConsent();
addEventListener('storage', (event) => event.key === CONSENT_KEY && showConsent());

optOutButton.addEventListener('click', () => {
  optOut();
  ledger?.fireCall('optOut');
  showConsent(true);
  say('Opted out: nothing is tracked or sent, the queue is deleted');
});
optInButton.addEventListener('click', () => {
  optIn();
  ledger?.fireCall('optIn');
  showConsent(false);
  say('Opted in: tracking again');
});
loginButton.addEventListener('click', () => {
  identify('user-42');
  ledger?.fireCall('identify');
  setUser('user-42');
  say('Logged in: later events carry userId user-42 (same session)');
});
logoutButton.addEventListener('click', () => {
  reset();
  ledger?.fireCall('reset');
  setUser(undefined);
  say('Logged out: a new session starts');
});
flushButton.addEventListener('click', async () => {
  ledger?.fireCall('flush');
  say('Flushing…');
  const { delivered, rejected, pending } = await flush();
  say(`Flushed: ${delivered} delivered, ${rejected} rejected, ${pending} pending`);
});

render();
