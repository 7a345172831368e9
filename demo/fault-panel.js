// "Try to lose an event": buttons that break delivery through the emulator's controls
// (faults.js), while the page tracks events, and live counters that show none is
// lost: tracked (this browser, every tab), queued (IndexedDB, this tab and others), delivered
// and duplicated (an eventId received twice). Faults clear by themselves; tracked = delivered then.
(function () {
  var TICK_MS = 500;
  var CHART_POINTS = 60; // one a second: the last minute
  var config = window.DEMO_CONFIG;
  var ledger = window.DEMO_LEDGER;
  var section = window.DEMO_PANEL && window.DEMO_PANEL.faults;
  if (!config || !ledger || !section || !window.DEMO_FAULTS) return;
  var received = new Map(); // eventId -> number of PutEvents that carried it
  var history = [];
  var counters = {};

  var element = window.DEMO_PANEL.element;

  var faults = window.DEMO_FAULTS;
  var DRILL_EVENTS = faults.DRILL_EVENTS;

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
  faults.list.forEach(function (fault) {
    var button = element('button', '', fault.label, { type: 'button', 'data-testid': 'fault-' + fault.id });
    button.addEventListener('click', function () {
      status.textContent = fault.label + '…';
      ledger.fireCall('fault-' + fault.id);
      fault.run().then(function () { if (!fault.tracksItself) faults.trackDrill(fault.id); });
    });
    var item = element('div', 'faults__fault');
    item.appendChild(button);
    item.appendChild(element('pre', 'snippet', fault.code, { 'data-snippet-call': 'fault-' + fault.id }));
    buttons.appendChild(item);
  });
  var extra = element('div', 'faults__extra');
  var trackButton = element('button', '', 'Track ' + DRILL_EVENTS + ' events', { type: 'button', 'data-testid': 'drill-track' });
  trackButton.addEventListener('click', function () { faults.trackDrill('none'); });
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
    faults.liftDownIfDue();
    Promise.all([
      faults.peekQueue(),
      fetch(config.endpoint + '/__emulator/faults').then(function (response) { return response.json(); }).catch(function () { return undefined; }),
    ]).then(function (results) {
      var tracked = ledger.tracked();
      var queued = results[0].filter(function (record) { return record.trackingId === config.trackingId; });
      var emulator = results[1]; // GET /__emulator/faults: what is still set
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
      var faulty = emulator && (emulator.down || emulator.pending.length > 0);
      var settled = values.tracked === delivered && queued.length === 0;
      status.dataset.state = faulty ? 'fault' : settled ? 'settled' : 'catching-up';
      status.textContent = faulty
        ? 'Fault active: ' + (emulator.down ? 'the emulator is unreachable' : emulator.pending.length + ' request(s) will fail')
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
