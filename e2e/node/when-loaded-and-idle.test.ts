// When the loader fetches the sender chunk: at idle after load, or at load itself when events are
// already waiting (a page view tracked during start-up should not wait for the page to go idle).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { whenLoadedAndIdle } from '../../src/loader/when-loaded-and-idle';

type Listener = () => void;
let loadListeners: Listener[] = [];
let idleCallbacks: Listener[] = [];
const saved = { self: globalThis.self, document: globalThis.document, addEventListener: globalThis.addEventListener, requestIdleCallback: globalThis.requestIdleCallback };

beforeEach(() => {
  loadListeners = [];
  idleCallbacks = [];
  Object.assign(globalThis, {
    document: { readyState: 'loading' },
    addEventListener: (type: string, listener: Listener) => type === 'load' && loadListeners.push(listener),
    requestIdleCallback: (callback: Listener) => idleCallbacks.push(callback),
  });
  Object.assign(globalThis, { self: globalThis });
});
afterEach(() => Object.assign(globalThis, saved));

const fireLoad = () => {
  (globalThis.document as { readyState: string }).readyState = 'complete';
  for (const listener of loadListeners.splice(0)) listener();
};

test('nothing waiting at load: the callback runs when the page is idle', () => {
  let calls = 0;
  whenLoadedAndIdle(() => calls++, () => false);
  fireLoad();
  assert.equal(calls, 0, 'not at load');
  assert.equal(idleCallbacks.length, 1);
  idleCallbacks[0]();
  assert.equal(calls, 1);
});

test('events waiting at load: the callback runs at load, without waiting for idle', () => {
  let waiting = 0;
  let calls = 0;
  whenLoadedAndIdle(() => calls++, () => waiting > 0);
  waiting = 1; // tracked during start-up, after the call above
  fireLoad();
  assert.equal(calls, 1);
  assert.equal(idleCallbacks.length, 0);
});

test('already loaded: decided at once', () => {
  (globalThis.document as { readyState: string }).readyState = 'complete';
  let calls = 0;
  whenLoadedAndIdle(() => calls++, () => true);
  assert.equal(calls, 1);
});
