// The "Received by the emulator" side panel, shared by the shop and the SPA. It shows what reached
// the (emulated) service, not what the page tracked, so delivery is visible end to end.
(function () {
  var MAX_ROWS = 200;
  var config = window.DEMO_CONFIG;
  var records = new Map(); // requestId/eventId -> record; the list and the stream may both deliver one
  var arrivals = 0; // events of one PutEvents share receivedAt; arrival order keeps them newest first

  var panel = element('aside', 'event-panel');
  panel.setAttribute('data-testid', 'event-panel');
  var header = element('header', 'event-panel__header');
  var title = element('h2', '', 'Received by the emulator ');
  var count = element('span', 'event-panel__count', '0');
  count.setAttribute('data-testid', 'event-count');
  title.appendChild(count);
  var status = element('p', 'event-panel__status', 'connecting…');
  var list = element('ol', 'event-panel__list');
  header.appendChild(title);
  header.appendChild(status);
  panel.appendChild(header);
  panel.appendChild(list);

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function setStatus(text, state) {
    status.textContent = text;
    status.dataset.state = state;
  }

  function add(record) {
    var key = record.requestId + '/' + record.eventId;
    if (!records.has(key)) records.set(key, { record: record, arrival: arrivals++ });
  }

  function describeProperties(json) {
    try {
      var object = JSON.parse(json);
      return Object.keys(object).map(function (key) { return key + '=' + JSON.stringify(object[key]); }).join(' ');
    } catch (error) {
      return json;
    }
  }

  function row(record) {
    var item = element('li', 'event-row');
    item.setAttribute('data-testid', 'event-row');
    item.dataset.eventType = record.eventType;
    var main = element('div', 'event-row__main');
    main.appendChild(element('strong', 'event-row__type', record.eventType));
    if (record.itemId !== undefined) main.appendChild(element('span', 'event-row__item', record.itemId));
    if (record.eventValue !== undefined) main.appendChild(element('span', 'event-row__value', '= ' + record.eventValue));
    main.appendChild(element('time', 'event-row__time', new Date(record.receivedAt).toLocaleTimeString()));
    item.appendChild(main);
    var who = 'session ' + String(record.sessionId).slice(0, 8) + '…';
    who += record.userId ? ' · user ' + record.userId : ' · anonymous';
    item.appendChild(element('div', 'event-row__meta', who));
    if (record.properties) item.appendChild(element('div', 'event-row__props', describeProperties(record.properties)));
    return item;
  }

  function render() {
    var sorted = Array.from(records.values()).sort(function (a, b) {
      return b.record.receivedAt - a.record.receivedAt || b.arrival - a.arrival;
    });
    count.textContent = String(sorted.length);
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

  function mount() {
    document.body.appendChild(panel);
    if (!config) setStatus('no /demo/build/config.js: start the demo with `npm start`', 'error');
    else connect();
  }

  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
