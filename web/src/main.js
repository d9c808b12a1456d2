// The analysts' page: log in, then the map, the timeline and the table (all following
// the filters and the timeline's window), and the incident view with review.
import { h, clear } from './dom.js';
import { api, ApiError } from './api.js';
import { MapView } from './mapview.js';
import { Timeline } from './timeline.js';
import { FilterForm, IncidentTable } from './table.js';
import { IncidentView } from './incident.js';

// The map asks for this many incidents at most; the table shows the first ones.
const MAP_LIMIT = 20000;
const TILE_KEY = 'harmwatch.tileUrl';

const root = document.getElementById('app');

function loginPage(message) {
  const name = h('input', { id: 'login-name', name: 'name', autocomplete: 'username', required: true });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'error', id: 'login-error' }, message || '');
  clear(root).append(h('div', { class: 'login' }, h('form', {
    onsubmit: async (e) => {
      e.preventDefault();
      let s;
      try {
        s = await api.login(name.value, password.value);
      } catch (err) {
        error.textContent = err.message;
        return;
      }
      api.setCsrf(s.csrf);
      app(s);
    },
  }, h('h1', {}, 'harmwatch'), h('p', {}, 'Incidents of violence against civilians, from reports.'),
  h('label', {}, 'Name', name), h('label', {}, 'Password', password),
  h('button', { type: 'submit', id: 'login-submit' }, 'Log in'), error)));
  name.focus();
}

function app(session) {
  const mapEl = h('div', { id: 'map' });
  const timelineEl = h('div', { id: 'timeline' });
  const filtersEl = h('div', { id: 'filters' });
  const tableEl = h('div', { id: 'table' });
  const incidentEl = h('div', { id: 'incident', hidden: true });
  const status = h('span', { class: 'status', id: 'status' });
  const tileInput = h('input', { id: 'tile-url', type: 'url', placeholder: 'https://tile.example.org/{z}/{x}/{y}.png', value: localStorage.getItem(TILE_KEY) || '' });
  const settings = h('details', { class: 'settings' }, h('summary', {}, 'Settings'),
    h('label', {}, 'Tile server URL (optional, https, needs internet; empty: outlines only)', tileInput),
    h('button', { onclick: () => {
      localStorage.setItem(TILE_KEY, tileInput.value.trim());
      map.setTileUrl(tileInput.value.trim());
    } }, 'Use'));
  const user = session.user
    ? [h('span', { id: 'whoami' }, `${session.user} (${session.role})`),
       h('button', { onclick: async () => { await api.logout().catch(() => {}); loginPage('Logged out.'); } }, 'Log out')]
    : [h('span', {}, 'public read-only'), h('button', { onclick: () => loginPage() }, 'Log in')];
  clear(root).append(
    h('header', { class: 'top' }, h('h1', {}, 'harmwatch'), status, h('div', { class: 'spacer' }), settings, user),
    h('main', { class: 'layout' },
      h('div', { class: 'left' }, mapEl, timelineEl),
      h('div', { class: 'right' }, filtersEl, tableEl, incidentEl)));

  let brush = null;
  const map = new MapView(mapEl, { onSelect: (id) => openIncident(id) });
  if (tileInput.value) map.setTileUrl(tileInput.value);
  const timeline = new Timeline(timelineEl, { onBrush: (w) => { brush = w; refresh(false); } });
  const filters = new FilterForm(filtersEl, { onChange: () => refresh(true) });
  const table = new IncidentTable(tableEl, { onSelect: (id) => openIncident(id), onSort: () => refresh(false) });
  const view = new IncidentView(incidentEl, {
    role: session.role,
    onChanged: () => refresh(true),
    onClose: () => { incidentEl.hidden = true; tableEl.hidden = false; filtersEl.hidden = false; history.replaceState(null, '', '#'); },
  });

  function params() {
    const p = filters.values();
    if (filters.mapOnly.checked) p.bbox = map.bboxParam();
    return p;
  }

  // The brushed window narrows the filters' dates (never widens them).
  function windowed(p) {
    if (!brush) return p;
    const q = { ...p };
    q.from = q.from && q.from > brush[0] ? q.from : brush[0];
    q.to = q.to && q.to < brush[1] ? q.to : brush[1];
    return q;
  }

  async function refresh(withTimeline) {
    status.textContent = 'loading…';
    try {
      const p = params();
      const [page, tl] = await Promise.all([
        api.incidents({ ...windowed(p), limit: MAP_LIMIT, sort: table.sort, order: table.order }),
        withTimeline ? api.timeline(p) : null,
      ]);
      if (tl) timeline.setData(tl);
      map.show(page.incidents);
      if (!incidentEl.hidden && view.id) map.select(view.id);
      table.show({ total: page.total, incidents: page.incidents.slice(0, 500) });
      status.textContent = `${page.total} incidents` + (brush ? ` in ${brush[0]} – ${brush[1]}` : '');
      root.dataset.mapMarkers = String(map.count);
      root.dataset.tableRows = String(Math.min(500, page.incidents.length));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return loginPage('Your session ended; log in again.');
      // E.g. a filter that matches too many incidents: say so where the rows would be.
      status.textContent = e.message;
      map.show([]);
      clear(tableEl).append(h('p', { class: 'error', id: 'table-error' }, e.message));
    }
  }

  function openIncident(id) {
    tableEl.hidden = true;
    filtersEl.hidden = true;
    incidentEl.hidden = false;
    history.replaceState(null, '', '#incident=' + encodeURIComponent(id));
    view.open(id);
    map.select(id);
  }

  // #incident=<id> opens that incident (on load, and when the address changes).
  function followHash() {
    const m = location.hash.match(/^#incident=(.+)$/);
    if (m && decodeURIComponent(m[1]) !== view.id) openIncident(decodeURIComponent(m[1]));
  }
  window.onhashchange = followHash;
  refresh(true);
  followHash();
}

(async function start() {
  const s = await api.session();
  if (s.user) {
    api.setCsrf(s.csrf);
    app(s);
  } else if (s.public_read) {
    app({ user: '', role: 'viewer' });
  } else {
    loginPage();
  }
})();
