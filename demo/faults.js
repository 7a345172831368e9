// The faults of the "Try to lose an event" panel, each made of the emulator's controls
// (src/emulator/README.md, "Controls"), and a read-only look at the tracker's IndexedDB queue.
(function () {
  var DRILL_EVENTS = 3; // events tracked with each fault
  var OFFLINE_MS = 4000;
  var OUTAGE_SEEN_MS = 1000; // the tracker's first request into an outage has failed by then
  var LIFT_DOWN_KEY = 'demo:lift-down-at'; // a reopened tab lifts the outage the closed one started
  var config = window.DEMO_CONFIG;
  var ledger = window.DEMO_LEDGER;
  if (!config || !ledger) return;

  function control(path, body) {
    return fetch(config.endpoint + '/__emulator/' + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body || {}),
    });
  }

  /** The page's own track() (window.DEMO_TRACK, set by the shop and the SPA). */
  function trackDrill(fault) {
    var movies = window.DEMO_MOVIES;
    for (var i = 0; i < DRILL_EVENTS; i++) {
      window.DEMO_TRACK('FaultDrill', { itemId: movies[Math.floor(Math.random() * movies.length)].id, fault: fault });
    }
  }

  /** The tracker's IndexedDB queue (src/loader/queue.ts), read without ever creating it. */
  function peekQueue() {
    return new Promise(function (resolve) {
      var request;
      try {
        request = indexedDB.open('personalize-tracker');
      } catch (error) {
        return resolve([]);
      }
      request.onupgradeneeded = function () { request.transaction.abort(); }; // not there yet: the tracker creates it
      request.onerror = function () { resolve([]); };
      request.onsuccess = function () {
        var db = request.result;
        if (!db.objectStoreNames.contains('events')) return (db.close(), resolve([]));
        var read = db.transaction('events', 'readonly').objectStore('events').getAll();
        read.onsuccess = function () { db.close(); resolve(read.result); };
        read.onerror = function () { db.close(); resolve([]); };
      };
    });
  }

  function liftDownLater(at) {
    try {
      localStorage.setItem(LIFT_DOWN_KEY, String(at));
    } catch (error) {
      setTimeout(function () { control('faults', { down: false }); }, at - Date.now());
    }
  }

  function liftDownIfDue() {
    try {
      var at = Number(localStorage.getItem(LIFT_DOWN_KEY) || 0);
      if (!at || Date.now() < at) return;
      localStorage.removeItem(LIFT_DOWN_KEY);
    } catch (error) {
      return; // storage blocked: liftDownLater() used a timer instead
    }
    control('faults', { down: false });
  }

  function waitUntilQueued(ids, timeoutMs) {
    var until = Date.now() + timeoutMs;
    return peekQueue().then(function (records) {
      var queued = new Set(records.map(function (record) { return record.event.eventId; }));
      if (ids.every(function (id) { return queued.has(id); }) || Date.now() > until) return undefined;
      return new Promise(function (done) { setTimeout(done, 100); }).then(function () { return waitUntilQueued(ids, until - Date.now()); });
    });
  }

  var FAULTS = [
    { id: 'offline', label: 'Go offline for 4 s', code: 'POST /__emulator/faults {"down":true}\n… 4 s later {"down":false}',
      run: function () { return control('faults', { down: true }).then(function () { liftDownLater(Date.now() + OFFLINE_MS); }); } },
    { id: 'throttle', label: 'Throttle the next 3 requests', code: 'POST /__emulator/faults\n{"fail":{"count":3,"error":"ThrottlingException"}}',
      run: function () { return control('faults', { fail: { count: 3, error: 'ThrottlingException' } }); } },
    { id: 'expire', label: 'Expire the credentials', code: 'POST /__emulator/expire-credentials',
      run: function () { return control('expire-credentials'); } },
    { id: 'service-down', label: 'Take the service down (503 ×3)', code: 'POST /__emulator/faults\n{"fail":{"count":3,"error":"ServiceUnavailable"}}',
      run: function () { return control('faults', { fail: { count: 3, error: 'ServiceUnavailable' } }); } },
    { id: 'reopen', label: 'Close this tab and reopen it, offline', code: 'POST /__emulator/faults {"down":true}\ntrack ×3, then location.reload(): this page\nand its lock go, a new page lifts the outage',
      run: function () {
        var before = ledger.thisTab.size;
        return control('faults', { down: true }).then(function () {
          trackDrill('reopen');
          var ids = Array.from(ledger.thisTab).slice(before);
          return waitUntilQueued(ids, 3000); // stored in IndexedDB: the tab may go
        }).then(function () {
          // A request still in flight when its page dies counts as delivered (README, "Duplicates"):
          // the tab goes once the tracker has seen the outage, as a shopper's tab would.
          return new Promise(function (done) { setTimeout(done, OUTAGE_SEEN_MS); });
        }).then(function () {
          liftDownLater(Date.now() + 1500);
          location.reload(); // pagehide, the owner lock goes, a new page (a new owner) loads
        });
      },
      tracksItself: true },
  ];

  window.DEMO_FAULTS = {
    /** Events each fault tracks while it is on. */
    DRILL_EVENTS: DRILL_EVENTS,
    /** The faults: id, label, code shown beside the button, run() (and tracksItself when run() tracks). */
    list: FAULTS,
    trackDrill: trackDrill,
    peekQueue: peekQueue,
    liftDownIfDue: liftDownIfDue,
  };
})();
