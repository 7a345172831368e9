// What the page tracked, for the demo's counters and "show the code" highlights. The tracker's
// `debug` option logs every tracked event (`personalize-tracker: tracked`, with its fields) through
// console.debug; the demo listens there, so events from track(), the script-tag stub's replay,
// declarative markup and recommendation clicks are all counted, and only ones really tracked
// (nothing while opted out). Load it before the tracker.
(function () {
  var config = window.DEMO_CONFIG || {};
  var PREFIX = 'demo:tracked:';
  var KEY = PREFIX + (config.demoRunId || 'none'); // a new `npm start` (a new, empty emulator) starts over
  var MAX_IDS = 5000; // localStorage holds a few hundred KB of ids at most
  var thisTab = new Set();
  var grouping = false; // events tracked in one task (one click) light their snippets together

  function read() {
    try {
      return JSON.parse(localStorage.getItem(KEY) || '[]');
    } catch (error) {
      return [];
    }
  }

  function write(ids) {
    try {
      localStorage.setItem(KEY, JSON.stringify(ids.slice(-MAX_IDS)));
    } catch (error) {
      // storage full or blocked: the counters only cover this page then
    }
  }

  try {
    Object.keys(localStorage).forEach(function (key) { if (key.indexOf(PREFIX) === 0 && key !== KEY) localStorage.removeItem(key); });
  } catch (error) {
    // storage blocked
  }

  /** Marks the snippets of `selector` as the code that just ran; those of an earlier interaction lose the mark. */
  function fire(selector) {
    if (!grouping) {
      document.querySelectorAll('.snippet[data-fired]').forEach(function (node) { node.removeAttribute('data-fired'); });
      grouping = true;
      setTimeout(function () { grouping = false; }, 0);
    }
    document.querySelectorAll(selector).forEach(function (node) {
      node.removeAttribute('data-fired');
      void node.offsetWidth; // restart the flash animation
      node.setAttribute('data-fired', '');
    });
  }

  function recordTracked(event) {
    var ids = read();
    ids.push(event.eventId);
    write(ids);
    thisTab.add(event.eventId);
    // A snippet of one recommendation list lights only for that list's clicks.
    var list = event.recommendationId ? ':is([data-snippet-list="' + event.recommendationId.replace(/["\\]/g, '') + '"], :not([data-snippet-list]))' : ':not([data-snippet-list])';
    fire('.snippet[data-snippet-event~="' + event.eventType.replace(/["\\]/g, '') + '"]' + list);
  }

  var debug = console.debug;
  console.debug = function (message, detail) {
    if (message === 'personalize-tracker: tracked' && detail && detail.eventId) recordTracked(detail);
    return debug.apply(console, arguments);
  };

  window.DEMO_LEDGER = {
    /** Event ids tracked in this browser (all tabs) since this `npm start`, oldest first. */
    tracked: read,
    /** Event ids tracked by this page. */
    thisTab: thisTab,
    /** Forgets the ids tracked so far: the counters start from zero. */
    clear: function () { write([]); thisTab.clear(); },
    /** Highlights the snippets of a call that sends no event (identify, reset, optOut, optIn, flush). */
    fireCall: function (call) { fire('.snippet[data-snippet-call~="' + call + '"]'); },
  };
})();
