// "Try to lose an event": buttons that break delivery through the emulator's controls
// (e2e/emulator/README.md), while the page tracks events, and live counters that show none is
// lost: tracked (this browser, every tab), queued (IndexedDB, this tab and others), delivered
// and duplicated (an eventId received twice). Faults clear by themselves; tracked = delivered then.
(function () {
  var TICK_MS = 500;
  var CHART_POINTS = 60; // one a second: the last minute
  var DRILL_EVENTS = 3; // events tracked with each fault
  var OFFLINE_MS = 4000;
  var LIFT_DOWN_KEY = 'demo:lift-down-at'; // a reopened tab lifts the outage the closed one started
  var config = window.DEMO_CONFIG;
  var ledger = window.DEMO_LEDGER;
  var section = window.DEMO_PANEL && window.DEMO_PANEL.faults;
  if (!config || !ledger || !section) return;
  var received = new Map(); // eventId -> number of PutEvents that carried it
  var history = [];
  var counters = {};

  var element = window.DEMO_PANEL.element;

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
    { id: 'reopen', label: 'Close this tab and reopen it, offline', code: 'POST /__emulator/faults {"down":true}\ntrack ×3, then the tab goes away\n(the new tab lifts the outage)',
      run: function () {
        var before = ledger.thisTab.size;
        return control('faults', { down: true }).then(function () {
          trackDrill('reopen');
          var ids = Array.from(ledger.thisTab).slice(before);
          return waitUntilQueued(ids, 3000); // stored in IndexedDB: the tab may go
        }).then(function () {
          liftDownLater(Date.now() + 1500);
          location.reload(); // pagehide, the owner lock goes, a new page (a new owner) loads
        });
      },
      tracksItself: true },
  ];

  var status = element('p', 'faults__status', 'All delivered', { 'data-testid': 'fault-status', role: 'status' });
  var grid = element('dl', 'faults__counters');
  [['tracked', 'tracked'], ['queuedHere', 'queued, this tab'], ['queuedElsewhere', 'queued, other tabs'], ['delivered', 'delivered'], ['duplicated', 'duplicated']].forEach(function (counter) {
    var box = element('div', 'faults__counter');
    box.appendChild(element('dt', '', counter[1]));
    counters[counter[0]] = box.appendChild(element('dd', '', '0', { 'data-testid': 'counter-' + counter[0] }));
    grid.appendChild(box);
  });
  var chart = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  chart.setAttribute('class', 'faults__chart');
  chart.setAttribute('viewBox', '0 0 ' + (CHART_POINTS - 1) + ' 40');
  chart.setAttribute('preserveAspectRatio', 'none');
  chart.setAttribute('aria-label', 'Tracked and delivered over the last minute');
  var lines = ['tracked', 'delivered'].map(function (name) {
    var line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
    line.setAttribute('class', 'faults__line faults__line--' + name);
    chart.appendChild(line);
    return line;
  });
  var legend = element('p', 'faults__legend', 'last minute: ');
  legend.appendChild(element('span', 'faults__key faults__key--tracked', 'tracked'));
  legend.appendChild(element('span', 'faults__key faults__key--delivered', 'delivered'));

  var buttons = element('div', 'faults__buttons');
  FAULTS.forEach(function (fault) {
    var button = element('button', '', fault.label, { type: 'button', 'data-testid': 'fault-' + fault.id });
    button.addEventListener('click', function () {
      status.textContent = fault.label + '…';
      ledger.fireCall('fault-' + fault.id);
      fault.run().then(function () { if (!fault.tracksItself) trackDrill(fault.id); });
    });
    var item = element('div', 'faults__fault');
    item.appendChild(button);
    item.appendChild(element('pre', 'snippet', fault.code, { 'data-snippet-call': 'fault-' + fault.id }));
    buttons.appendChild(item);
  });
  var extra = element('div', 'faults__extra');
  var trackButton = element('button', '', 'Track ' + DRILL_EVENTS + ' events', { type: 'button', 'data-testid': 'drill-track' });
  trackButton.addEventListener('click', function () { trackDrill('none'); });
  var resetButton = element('button', '', 'Reset counters', { type: 'button', 'data-testid': 'counters-reset' });
  resetButton.addEventListener('click', function () { ledger.clear(); history = []; tick(); });
  extra.appendChild(trackButton);
  extra.appendChild(resetButton);

  section.appendChild(element('p', 'faults__intro', 'Break delivery with the emulator\'s controls. Each button also tracks ' + DRILL_EVENTS + ' events. Once the fault clears, delivered catches up with tracked, and nothing is duplicated.'));
  section.appendChild(grid);
  section.appendChild(status);
  section.appendChild(chart);
  section.appendChild(legend);
  section.appendChild(extra);
  section.appendChild(buttons);

  function count(record) {
    if (record.eventId) received.set(record.eventId, (received.get(record.eventId) || 0) + 1);
  }
  window.DEMO_PANEL.received().forEach(count);
  window.addEventListener('demo:received', function (event) { count(event.detail); });

  function drawChart() {
    var top = Math.max(1, Math.max.apply(null, history.map(function (point) { return point.tracked; })));
    ['tracked', 'delivered'].forEach(function (name, index) {
      lines[index].setAttribute('points', history.map(function (point, x) {
        return (x + CHART_POINTS - history.length) + ',' + (38 - (point[name] / top) * 36).toFixed(1);
      }).join(' '));
    });
  }

  var ticks = 0;
  function tick() {
    liftDownIfDue();
    Promise.all([
      peekQueue(),
      fetch(config.endpoint + '/__emulator/faults').then(function (response) { return response.json(); }).catch(function () { return undefined; }),
    ]).then(function (results) {
      var tracked = ledger.tracked();
      var queued = results[0].filter(function (record) { return record.trackingId === config.trackingId; });
      var faults = results[1];
      var here = queued.filter(function (record) { return ledger.thisTab.has(record.event.eventId); }).length;
      var delivered = 0;
      var duplicated = 0;
      new Set(tracked).forEach(function (id) {
        var copies = received.get(id) || 0;
        if (copies > 0) delivered++;
        if (copies > 1) duplicated += copies - 1;
      });
      var values = { tracked: tracked.length, queuedHere: here, queuedElsewhere: queued.length - here, delivered: delivered, duplicated: duplicated };
      Object.keys(values).forEach(function (name) { counters[name].textContent = String(values[name]); });
      var faulty = faults && (faults.down || faults.pending.length > 0);
      var settled = values.tracked === delivered && queued.length === 0;
      status.dataset.state = faulty ? 'fault' : settled ? 'settled' : 'catching-up';
      status.textContent = faulty
        ? 'Fault active: ' + (faults.down ? 'the emulator is unreachable' : faults.pending.length + ' request(s) will fail')
        : settled ? 'All ' + delivered + ' tracked events delivered' + (duplicated ? ', ' + duplicated + ' duplicated' : ', none twice')
        : 'Catching up: ' + (values.tracked - delivered) + ' not delivered yet';
      window.DEMO_PANEL.setSummary(values.tracked + ' tracked · ' + delivered + ' delivered');
      if (ticks++ % 2 === 0) {
        history.push({ tracked: values.tracked, delivered: delivered });
        if (history.length > CHART_POINTS) history.shift();
        drawChart();
      }
    });
  }

  tick();
  setInterval(tick, TICK_MS);
})();
