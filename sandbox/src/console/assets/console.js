// The console's one script. Every page works without it; it keeps the page current:
// the request log streams in (Server-Sent Events) and times count down.
(function () {
  'use strict';

  var rows = document.getElementById('log-rows');
  var live = document.getElementById('live');
  var MAX_ROWS = 200;

  function cell(tr, text, className) {
    var td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    tr.appendChild(td);
    return td;
  }

  function badge(td, text, className) {
    var span = document.createElement('span');
    span.className = 'badge' + (className ? ' ' + className : '');
    span.textContent = text;
    td.appendChild(span);
  }

  // The same cells as the server renders (html.rs, log_row).
  function addRow(e) {
    var empty = document.getElementById('log-empty');
    if (empty) empty.parentNode.removeChild(empty);
    var tr = document.createElement('tr');
    if (e.status === null || e.status >= 500) tr.className = 'bad';
    else if (e.status >= 400) tr.className = 'warn';
    cell(tr, e.at);
    cell(tr, e.method);
    cell(tr, e.path, 'path');
    cell(tr, e.status === null ? 'dropped' : String(e.status));
    cell(tr, e.ms.toFixed(1) + ' ms');
    var notes = cell(tr, '');
    if (e.replayed) badge(notes, 'replay');
    if (e.fault) badge(notes, 'fault: ' + e.fault, 'bad');
    rows.insertBefore(tr, rows.firstChild);
    while (rows.rows.length > MAX_ROWS) rows.deleteRow(-1);
    rows.setAttribute('data-last-id', String(e.id));
  }

  function setLive(on) {
    document.body.setAttribute('data-live', on ? 'on' : 'off');
    if (live) {
      live.textContent = on ? 'live' : 'reconnecting';
      live.className = on ? 'badge live' : 'badge';
    }
  }

  if (rows && window.EventSource) {
    var after = rows.getAttribute('data-last-id') || '0';
    var source = new EventSource('/console/events?after=' + encodeURIComponent(after));
    source.onopen = function () { setLive(true); };
    source.onerror = function () { setLive(false); };
    source.onmessage = function (event) { addRow(JSON.parse(event.data)); };
  }

  // Countdowns: data-secs is "seconds from the sandbox clock's now when rendered".
  var timers = document.querySelectorAll('[data-secs]');
  var loaded = Date.now();

  function span(secs) {
    secs = Math.abs(secs);
    var d = Math.floor(secs / 86400), h = Math.floor(secs / 3600) % 24,
        m = Math.floor(secs / 60) % 60, s = secs % 60;
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    if (d > 0) return d + 'd ' + two(h) + 'h';
    if (h > 0) return h + 'h ' + two(m) + 'm';
    if (m > 0) return m + 'm ' + two(s) + 's';
    return s + 's';
  }

  function tick() {
    var gone = Math.floor((Date.now() - loaded) / 1000);
    for (var i = 0; i < timers.length; i++) {
      var left = Number(timers[i].getAttribute('data-secs')) - gone;
      timers[i].textContent = left >= 0 ? 'in ' + span(left) : span(left) + ' ago';
    }
  }

  if (timers.length) setInterval(tick, 1000);
})();
