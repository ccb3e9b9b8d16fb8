// EdgeGateway web console: vanilla JS, no framework, nothing from elsewhere. It polls the console's JSON API every
// few seconds while the page is visible; the console asks the gateway's control socket per request.
'use strict';

const POLL_MS = 3000;
const STALE_MS = 60000;
const SVG = 'http://www.w3.org/2000/svg';
const state = { channel: null, period: 'readings', timer: null, session: null, targets: '' };

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.setAttribute('class', value);
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path, body) {
  const options = { credentials: 'same-origin', headers: {} };
  if (body !== undefined) {
    options.method = 'POST';
    options.headers['Content-Type'] = 'application/json';
    options.headers['X-EGW-Console'] = '1';
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, options);
  } catch (error) {
    throw new Error('the console does not answer (' + error.message + '): is edge-gateway-console running?');
  }
  let json = null;
  try { json = await response.json(); } catch (error) { /* not JSON: reported below */ }
  if (response.status === 401 && json && json.error && json.error.code === 'login-required') {
    showLogin();
    throw new Error('log in first');
  }
  if (json === null) throw new Error('the console answered HTTP ' + response.status + ' without JSON');
  return json;
}

function banner(message) {
  const node = $('banner');
  node.textContent = message || '';
  node.hidden = !message;
}

function describe(envelope) {
  if (!envelope) return 'no answer';
  if (envelope.ok) return '';
  const error = envelope.error || {};
  return (error.message || 'error') + (error.code ? ' (' + error.code + ')' : '');
}

function unknownCommand(envelope) {
  return envelope && !envelope.ok && envelope.error && envelope.error.code === 'unknown-command';
}

function age(time) {
  if (!time) return null;
  return Date.now() - Date.parse(time);
}

function formatAge(ms) {
  if (ms === null) return '–';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return s + ' s';
  if (s < 5400) return Math.round(s / 60) + ' min';
  return Math.round(s / 3600) + ' h';
}

function formatValue(value) {
  if (value === null || value === undefined) return '–';
  const magnitude = Math.abs(value);
  return magnitude !== 0 && (magnitude >= 1e6 || magnitude < 1e-3) ? value.toExponential(3) : Number(value.toPrecision(6)).toString();
}

function localTime(iso) {
  if (!iso) return '–';
  const date = new Date(iso);
  return date.toLocaleString(undefined, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

function flagBadge(flag) {
  return flag ? el('span', { class: 'flag flag-' + flag }, flag) : el('span', { class: 'flag' }, '–');
}

// ---------------------------------------------------------------- panels

function renderValues(envelope) {
  const body = $('values').tBodies[0];
  body.replaceChildren();
  if (!envelope.ok) {
    body.append(el('tr', {}, el('td', { colspan: 5, class: 'error' }, describe(envelope))));
    return [];
  }
  const values = envelope.result || [];
  for (const value of values) {
    const ms = age(value.time);
    const row = el('tr', {
      'data-channel': value.channel,
      'data-flag': value.flag || '',
      class: [ms === null || ms > STALE_MS ? 'stale' : '', value.channel === state.channel ? 'selected' : ''].join(' ').trim() || null,
      onclick: () => selectChannel(value.channel),
    },
      el('td', {}, value.channel, el('span', { class: 'reason' }, value.code || '')),
      el('td', { class: 'value' }, formatValue(value.value), el('span', { class: 'unit-inline' }, ' ' + (value.unit || ''))),
      el('td', {}, value.unit || ''),
      el('td', { class: 'flag-cell' }, flagBadge(value.flag), value.reason && value.reason !== 'none' ? el('span', { class: 'reason' }, value.reason) : null),
      el('td', { class: 'age' }, formatAge(ms)));
    body.append(row);
  }
  return values;
}

function renderAlarms(envelope) {
  const list = $('alarms');
  list.replaceChildren();
  if (!envelope.ok) { list.append(el('li', { class: 'error' }, describe(envelope))); return; }
  const alarms = envelope.result || [];
  if (alarms.length === 0) { list.append(el('li', { class: 'note' }, 'No active alarm.')); return; }
  for (const alarm of alarms) {
    const sample = alarm.sample ? 'sample ' + alarm.sample.state + (alarm.sample.vaseNo ? ' (vase ' + alarm.sample.vaseNo + ')' : '') + ' on ' + alarm.sample.device : null;
    list.append(el('li', { class: 'alarm alarm-' + alarm.rule, 'data-key': alarm.key },
      (alarm.rule === 'exceedance' ? 'Exceedance: ' : 'Pre-warning: ') + alarm.key + ' ' + formatValue(alarm.value) + ' over ' + formatValue(alarm.threshold),
      el('span', { class: 'detail' }, alarm.quantity + ' limit ' + alarm.limit + ', since ' + localTime(alarm.raisedAt) + ', peak ' + formatValue(alarm.peak) + (sample ? '; ' + sample : ''))));
  }
}

function renderWindows(envelope, values) {
  const list = $('windows');
  list.replaceChildren();
  if (unknownCommand(envelope)) {
    // An older gateway: no reasons nor users to show, but the channels flagged M can still be ended from here.
    list.append(el('li', { class: 'note' }, 'This gateway does not list its windows (no "windows" command): update edge-gateway. Channels flagged M now:'));
    for (const value of values.filter((candidate) => candidate.flag === 'M')) {
      list.append(el('li', { class: 'window', 'data-channel': value.channel }, el('b', {}, 'M '), value.channel,
        el('button', { type: 'button', class: 'end', 'data-channel': value.channel, onclick: () => endMaintenance(value.channel) }, 'End')));
    }
    return;
  }
  if (!envelope.ok) { list.append(el('li', { class: 'error' }, describe(envelope))); return; }
  const maintenance = envelope.result.maintenance || [];
  const calibration = envelope.result.calibration || [];
  if (maintenance.length === 0 && calibration.length === 0) list.append(el('li', { class: 'note' }, 'No maintenance or calibration window open.'));
  for (const window of maintenance) {
    list.append(el('li', { class: 'window', 'data-channel': window.channel },
      el('b', {}, 'M '), window.channel + ' until ' + localTime(window.until),
      el('span', { class: 'detail' }, (window.reason ? window.reason : 'no reason recorded') + (window.user ? ' (' + window.user + ')' : '')),
      el('button', { type: 'button', class: 'end', 'data-channel': window.channel, onclick: () => endMaintenance(window.channel) }, 'End')));
  }
  for (const run of calibration) {
    list.append(el('li', { class: 'window' }, el('b', {}, 'C '), run.channel + ' ' + run.point + ' calibration since ' + localTime(run.since) + (run.until ? ' until ' + localTime(run.until) : '')));
  }
}

function renderHealth(envelope) {
  const target = $('health');
  const uplink = $('uplink');
  target.replaceChildren();
  uplink.replaceChildren();
  if (!envelope.ok) { target.append(el('p', { class: 'error' }, describe(envelope))); return; }
  const status = envelope.result;
  $('gateway-name').textContent = status.gatewayId + (status.site ? ' · ' + status.site : '') + ' · ' + status.version;
  const health = status.health || {};
  for (const bus of health.buses || []) {
    const table = el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'Device'), el('th', {}, 'State'), el('th', {}, 'Last answer'), el('th', {}, 'Errors'))));
    const body = el('tbody');
    for (const device of bus.devices || []) {
      const bad = device.portLost || device.degraded || (age(device.lastAnswer) ?? Infinity) > STALE_MS;
      const errors = 'timeouts ' + (device.timeouts || 0) + ', CRC ' + (device.crcErrors || 0) + ', exceptions ' + (device.exceptions || 0) + ', transport ' + (device.transportErrors || 0);
      body.append(el('tr', { 'data-device': device.name },
        el('td', {}, device.name + ' (slave ' + device.slave + ')'),
        el('td', { class: bad ? 'device-bad' : 'device-ok' }, device.portLost ? 'port lost' : device.degraded ? 'outage' : bad ? 'no answer' : 'ok'),
        el('td', {}, formatAge(age(device.lastAnswer))),
        el('td', {}, errors, device.lastError ? el('span', { class: 'reason' }, device.lastError) : null)));
    }
    table.append(body);
    target.append(el('h3', {}, 'Bus ' + bus.name + ' · ' + bus.port + (bus.running === false ? ' (stopped)' : '')), table);
  }
  const link = health.uplink;
  if (link) {
    uplink.append(el('p', {}, 'MQTT ' + link.broker + ': ', el('b', { class: link.connected ? 'device-ok' : 'device-bad' }, link.connected ? 'connected' : (link.state || 'not connected')),
      ', backlog ' + (link.backlogRecords || 0) + ' records' + (link.backlogAgeSeconds ? ' (' + formatAge(link.backlogAgeSeconds * 1000) + ' old)' : '')));
  }
}

function renderPlatforms(envelope) {
  const list = $('platforms');
  list.replaceChildren();
  if (unknownCommand(envelope)) { list.append(el('li', { class: 'note' }, 'This gateway has no HJ 212 platforms command.')); return; }
  if (!envelope.ok) { list.append(el('li', { class: 'error' }, describe(envelope))); return; }
  const platforms = envelope.result || [];
  if (platforms.length === 0) list.append(el('li', { class: 'note' }, 'No HJ 212 platform configured.'));
  for (const platform of platforms) {
    list.append(el('li', {}, 'HJ 212 ' + platform.name + ' ' + platform.address + ': ',
      el('b', { class: platform.connected ? 'device-ok' : 'device-bad' }, platform.connected ? 'connected' : (platform.notConnectedReason || 'not connected')),
      el('span', { class: 'detail' }, 'sent ' + (platform.packetsSent || 0) + ', unanswered ' + (platform.unanswered || 0) + ', backlog ' + (platform.backlogRecords || 0) + (platform.lastReplyAt ? ', last reply ' + localTime(platform.lastReplyAt) : ''))));
  }
}

function who(entry) {
  return entry.onBehalfOf ? entry.onBehalfOf + ' (web console, as ' + entry.user + ')' : entry.user;
}

function renderAudit(envelope) {
  const body = $('audit').tBodies[0];
  body.replaceChildren();
  if (!envelope.ok) { body.append(el('tr', {}, el('td', { colspan: 5, class: 'error' }, describe(envelope)))); return; }
  const entries = (envelope.result || []).slice(-50).reverse();
  if (entries.length === 0) body.append(el('tr', {}, el('td', { colspan: 5, class: 'note' }, 'Nothing audited in the last 24 hours.')));
  for (const entry of entries) {
    body.append(el('tr', { 'data-action': entry.action, 'data-on-behalf-of': entry.onBehalfOf || '' },
      el('td', {}, localTime(entry.at)), el('td', { class: 'who' }, who(entry)), el('td', {}, entry.action), el('td', {}, entry.target), el('td', {}, entry.reason || '')));
  }
}

function updateChannels(values) {
  const channels = values.map((value) => value.channel);
  const key = channels.join(',');
  if (key === state.targets) return;
  state.targets = key;
  const select = $('trend-channel');
  select.replaceChildren(...channels.map((channel) => el('option', { value: channel }, channel)));
  const devices = [...new Set(channels.map((channel) => channel.split('.')[0]))];
  $('targets').replaceChildren(...channels.concat(devices).map((name) => el('option', { value: name })));
  if (!state.channel || !channels.includes(state.channel)) state.channel = channels[0] || null;
  select.value = state.channel || '';
}

// ---------------------------------------------------------------- trend chart (SVG)

function renderTrend(envelope) {
  const svg = $('trend-chart');
  const note = $('trend-note');
  svg.replaceChildren();
  svg.dataset.points = '0';
  if (unknownCommand(envelope)) { note.textContent = 'This gateway cannot give trends yet (no "trend" command): update edge-gateway.'; return; }
  if (!envelope.ok) { note.textContent = describe(envelope); return; }
  const result = envelope.result;
  const points = (result.points || []).filter((point) => point.v !== null && point.v !== undefined);
  const width = svg.clientWidth || 800;
  const height = svg.clientHeight || 260;
  svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
  svg.dataset.points = String(points.length);
  note.textContent = result.channel + ' (' + (result.code || '') + ') in ' + (result.unit || '') + ': ' + points.length + ' points, ' +
    (result.period === 'minute' ? 'minute records (average, band: min–max)' : 'readings (band: min–max of combined points)') + '. Red dots: flag other than N.';
  if (points.length === 0) {
    svg.append(el('svg:text', { x: width / 2, y: height / 2, 'text-anchor': 'middle' }, 'no data in this period'));
    return;
  }
  const left = 52, right = 8, top = 8, bottom = 22;
  // From the first point when the data starts later than the period (a gateway that started minutes ago).
  const start = Math.max(Date.parse(result.since || points[0].t), Date.parse(points[0].t));
  const end = Date.parse(result.until || points[points.length - 1].t);
  const lows = points.map((point) => (point.min ?? point.v));
  const highs = points.map((point) => (point.max ?? point.v));
  let low = Math.min(...lows), high = Math.max(...highs);
  if (high === low) { high += 1; low -= 1; }
  const pad = (high - low) * 0.05;
  low -= pad; high += pad;
  const x = (t) => left + (Date.parse(t) - start) / Math.max(1, end - start) * (width - left - right);
  const y = (v) => top + (high - v) / (high - low) * (height - top - bottom);
  svg.append(el('svg:line', { class: 'axis', x1: left, y1: top, x2: left, y2: height - bottom }));
  svg.append(el('svg:line', { class: 'axis', x1: left, y1: height - bottom, x2: width - right, y2: height - bottom }));
  for (const value of [high - pad, (high + low) / 2, low + pad]) {
    svg.append(el('svg:text', { x: left - 4, y: y(value) + 4, 'text-anchor': 'end' }, formatValue(value)));
  }
  svg.append(el('svg:text', { x: left, y: height - 6 }, localTime(new Date(start).toISOString())));
  svg.append(el('svg:text', { x: width - right, y: height - 6, 'text-anchor': 'end' }, localTime(new Date(end).toISOString())));
  const upper = points.map((point) => x(point.t).toFixed(1) + ',' + y(point.max ?? point.v).toFixed(1));
  const lower = points.slice().reverse().map((point) => x(point.t).toFixed(1) + ',' + y(point.min ?? point.v).toFixed(1));
  svg.append(el('svg:polygon', { class: 'band', points: upper.concat(lower).join(' ') }));
  svg.append(el('svg:polyline', { class: 'line', points: points.map((point) => x(point.t).toFixed(1) + ',' + y(point.v).toFixed(1)).join(' ') }));
  for (const point of points) {
    if (point.flag && point.flag !== 'N') {
      svg.append(el('svg:circle', { class: 'point flagged', cx: x(point.t).toFixed(1), cy: y(point.v).toFixed(1), r: 2.5 },
        el('svg:title', {}, localTime(point.t) + ' ' + formatValue(point.v) + ' flag ' + point.flag)));
    }
  }
}

async function refreshTrend() {
  if (!state.channel) return;
  const envelope = await api('/api/trend?channel=' + encodeURIComponent(state.channel) + '&period=' + state.period);
  renderTrend(envelope);
}

function selectChannel(channel) {
  state.channel = channel;
  $('trend-channel').value = channel;
  for (const row of $('values').tBodies[0].rows) row.classList.toggle('selected', row.dataset.channel === channel);
  refreshTrend().catch((error) => banner(error.message));
}

// ---------------------------------------------------------------- maintenance

async function startMaintenance(event) {
  event.preventDefault();
  const kind = $('maintenance-kind').value;
  const target = $('maintenance-target').value.trim();
  const body = { action: 'start', reason: $('maintenance-reason').value.trim(), minutes: Number($('maintenance-minutes').value) || 60 };
  body[kind] = target;
  const envelope = await api('/api/maintenance', body);
  $('maintenance-result').textContent = envelope.ok
    ? 'Maintenance on ' + envelope.result.target + ' until ' + localTime(envelope.result.until) + ': ' + envelope.result.channels.join(', ') + ' flagged M.'
    : 'Refused: ' + describe(envelope);
  await refresh();
}

async function endMaintenance(channel) {
  const envelope = await api('/api/maintenance', { action: 'stop', channel: channel, reason: 'ended from the web console' });
  $('maintenance-result').textContent = envelope.ok ? 'Maintenance ended on ' + envelope.result.target + '.' : 'Refused: ' + describe(envelope);
  await refresh();
}

// ---------------------------------------------------------------- session and polling

function showLogin() {
  $('login').hidden = false;
  $('panels').hidden = true;
  $('logout').hidden = true;
  $('user').textContent = '';
  stopPolling();
}

function showPanels(session) {
  $('login').hidden = true;
  $('panels').hidden = false;
  $('user').textContent = session.user ? 'as ' + session.user : '';
  $('logout').hidden = !session.loginRequired;
  $('no-login-note').hidden = session.loginRequired;
  startPolling();
}

async function refresh() {
  try {
    const overview = await api('/api/overview');
    const unavailable = [overview.latest, overview.status].find((envelope) => envelope && !envelope.ok && envelope.error && envelope.error.code === 'unavailable');
    banner(unavailable ? 'The gateway is not reachable: ' + describe(unavailable) : '');
    const values = renderValues(overview.latest);
    updateChannels(values);
    renderAlarms(overview.alarms);
    renderHealth(overview.status);
    renderPlatforms(overview.platforms);
    renderWindows(overview.windows, values);
    renderAudit(overview.audit);
    if (!unavailable) await refreshTrend();
    $('updated').textContent = 'updated ' + new Date().toLocaleTimeString(undefined, { hour12: false });
  } catch (error) {
    if (error.message !== 'log in first') banner(error.message);
  }
}

function startPolling() {
  stopPolling();
  if (document.visibilityState !== 'visible') return;
  refresh();
  state.timer = setInterval(refresh, POLL_MS);
}

function stopPolling() {
  if (state.timer !== null) clearInterval(state.timer);
  state.timer = null;
}

async function begin() {
  try {
    const session = await api('/api/session');
    state.session = session;
    if (session.loginRequired && !session.user) showLogin(); else showPanels(session);
  } catch (error) {
    banner(error.message);
  }
}

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const message = $('login-error');
  message.hidden = true;
  try {
    const result = await api('/api/login', { user: $('login-user').value, password: $('login-password').value });
    if (result.error) {
      message.textContent = result.error.message;
      message.hidden = false;
      return;
    }
    $('login-password').value = '';
    state.session = result;
    showPanels(result);
  } catch (error) {
    message.textContent = error.message;
    message.hidden = false;
  }
});

$('logout').addEventListener('click', async () => {
  await api('/api/logout', {});
  showLogin();
});

$('maintenance-form').addEventListener('submit', (event) => startMaintenance(event).catch((error) => banner(error.message)));
$('trend-channel').addEventListener('change', (event) => selectChannel(event.target.value));
for (const button of document.querySelectorAll('button.period')) {
  button.addEventListener('click', () => {
    state.period = button.dataset.period;
    for (const other of document.querySelectorAll('button.period')) other.classList.toggle('active', other === button);
    refreshTrend().catch((error) => banner(error.message));
  });
}

// Nobody looking costs nothing: no polling while the tab is hidden or the phone's screen is off.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && !$('panels').hidden) startPolling(); else stopPolling();
});

begin();
