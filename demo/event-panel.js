// The demo's side panel (a bottom sheet on phones), shared by the shop and the SPA. Its first tab,
// "Received", shows what reached the (emulated) service, not what the page tracked, so delivery is
// visible end to end, every field as sent. The second tab is filled by fault-panel.js.
(function () {
  var MAX_ROWS = 200;
  // Every field of the PutEvents as received, besides eventType, itemId and eventValue shown on top.
  var FIELDS = ['sessionId', 'userId', 'eventId', 'recommendationId', 'impression', 'properties', 'metricAttribution', 'sentAt', 'trackingId', 'requestId'];
  var STATE_KEY = 'demo:panel'; // open tab and sheet state survive a reload ("close and reopen")
  var config = window.DEMO_CONFIG;
  var records = new Map(); // requestId/eventId -> record; the list and the stream may both deliver one
  var arrivals = 0; // events of one PutEvents share receivedAt; arrival order keeps them newest first

  function element(tag, className, text, attributes) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  var panel = element('aside', 'demo-panel', undefined, { 'data-testid': 'event-panel', 'aria-label': 'Demo panel' });
  var handle = element('button', 'demo-panel__handle', undefined, { type: 'button', 'data-testid': 'panel-toggle', 'aria-expanded': 'false' });
  var handleText = element('span', '', 'Events: 0 received');
  handle.appendChild(handleText);
  var tabs = element('div', 'demo-panel__tabs', undefined, { role: 'tablist' });
  var sections = {};
  var tabButtons = {};
  [['events', 'Received '], ['faults', 'Try to lose an event']].forEach(function (tab) {
    var button = element('button', 'demo-panel__tab', tab[1], { type: 'button', role: 'tab', 'data-testid': 'tab-' + tab[0] });
    button.addEventListener('click', function () { select(tab[0]); });
    tabButtons[tab[0]] = button;
    tabs.appendChild(button);
    sections[tab[0]] = element('section', 'demo-panel__section', undefined, { role: 'tabpanel', 'data-testid': 'panel-' + tab[0] });
  });
  var count = element('span', 'event-panel__count', '0', { 'data-testid': 'event-count' });
  tabButtons.events.appendChild(count);
  var status = element('p', 'event-panel__status', 'connecting…');
  var list = element('ol', 'event-panel__list');
  sections.events.appendChild(status);
  sections.events.appendChild(list);
  panel.appendChild(handle);
  panel.appendChild(tabs);
  panel.appendChild(sections.events);
  panel.appendChild(sections.faults);

  function saved() {
    try {
      return JSON.parse(sessionStorage.getItem(STATE_KEY) || '{}');
    } catch (error) {
      return {};
    }
  }

  function save(state) {
    try {
      sessionStorage.setItem(STATE_KEY, JSON.stringify(Object.assign(saved(), state)));
    } catch (error) {
      // storage blocked: the panel just opens as it does the first time
    }
  }

  function select(tab) {
    Object.keys(sections).forEach(function (name) {
      sections[name].hidden = name !== tab;
      tabButtons[name].setAttribute('aria-selected', String(name === tab));
    });
    save({ tab: tab });
  }

  /** Opens or closes the sheet (phones; on wide screens the panel is always shown). */
  function setOpen(open) {
    panel.dataset.open = String(open);
    handle.setAttribute('aria-expanded', String(open));
    document.documentElement.classList.toggle('demo-panel-open', open);
    save({ open: open });
  }
  handle.addEventListener('click', function () { setOpen(panel.dataset.open !== 'true'); });

  function setStatus(text, state) {
    status.textContent = text;
    status.dataset.state = state;
  }

  function add(record) {
    var key = record.requestId + '/' + record.eventId;
    if (records.has(key)) return;
    records.set(key, { record: record, arrival: arrivals++ });
    window.dispatchEvent(new CustomEvent('demo:received', { detail: record }));
  }

  function fieldText(name, value) {
    if (name === 'sentAt') return new Date(value * 1000).toISOString();
    return typeof value === 'string' ? value : JSON.stringify(value);
  }

  function row(record) {
    var item = element('li', 'event-row', undefined, { 'data-testid': 'event-row' });
    item.dataset.eventType = record.eventType;
    var main = element('div', 'event-row__main');
    main.appendChild(element('strong', 'event-row__type', record.eventType));
    if (record.itemId !== undefined) main.appendChild(element('span', 'event-row__item', record.itemId));
    if (record.eventValue !== undefined) main.appendChild(element('span', 'event-row__value', '= ' + record.eventValue));
    main.appendChild(element('time', 'event-row__time', new Date(record.receivedAt).toLocaleTimeString()));
    item.appendChild(main);
    var fields = element('dl', 'event-row__fields');
    FIELDS.forEach(function (name) {
      if (record[name] === undefined) return;
      fields.appendChild(element('dt', '', name));
      fields.appendChild(element('dd', '', fieldText(name, record[name]), { 'data-testid': 'field-' + name }));
    });
    item.appendChild(fields);
    return item;
  }

  function render() {
    var sorted = Array.from(records.values()).sort(function (a, b) {
      return b.record.receivedAt - a.record.receivedAt || b.arrival - a.arrival;
    });
    count.textContent = String(sorted.length);
    handleText.textContent = 'Events: ' + sorted.length + ' received';
    // Rows already shown stay attached, so only new ones play the arrival highlight.
    sorted.slice(0, MAX_ROWS).forEach(function (entry, index) {
      entry.node = entry.node || row(entry.record);
      if (list.children[index] !== entry.node) list.insertBefore(entry.node, list.children[index] || null);
    });
    while (list.children.length > MAX_ROWS) list.lastChild.remove();
  }

  function connect() {
    var stream = new EventSource(config.endpoint + '/__emulator/stream');
    stream.onopen = function () {
      setStatus('live', 'live');
      // Events accepted before the stream opened (or while it was down) come from the list.
      fetch(config.endpoint + '/__emulator/events')
        .then(function (response) { return response.json(); })
        .then(function (body) { body.events.forEach(add); render(); })
        .catch(function () { /* the live stream still works */ });
    };
    stream.onmessage = function (message) {
      add(JSON.parse(message.data));
      render();
    };
    // EventSource reconnects by itself; the status tells the reader why rows stopped coming.
    stream.onerror = function () { setStatus('emulator unreachable, retrying…', 'error'); };
  }

  window.DEMO_PANEL = {
    /** Creates `tag` with a class, text and attributes (the panel's own DOM helper, shared with fault-panel.js). */
    element: element,
    /** The "Try to lose an event" tab's section, for fault-panel.js. */
    faults: sections.faults,
    /** Every event received so far (each PutEvents' copy once), for a listener that starts late. */
    received: function () { return Array.from(records.values()).map(function (entry) { return entry.record; }); },
    /** Shows a short summary on the phone sheet's handle, beside the received count. */
    setSummary: function (text) { handle.dataset.summary = text; },
  };

  function mount() {
    document.body.appendChild(panel);
    var state = saved();
    select(state.tab || 'events');
    setOpen(Boolean(state.open));
    if (!config) setStatus('no /demo/build/config.js: start the demo with `npm start`', 'error');
    else connect();
  }

  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
