// The incident table and the filter form (the filters of `harmwatch query`). Clicking
// a column header sorts on the server; clicking a row opens the incident.
import { h, clear, fmt } from './dom.js';
import { kindColor } from './colors.js';

const COLUMNS = [
  ['date', 'Date', (i) => fmt(i.date)],
  ['location', 'Place', (i) => fmt(i.location)],
  ['admin1', 'Province', (i) => fmt(i.admin1)],
  ['type', 'Kind', (i) => fmt(i.sub_event_type)],
  [null, 'Perpetrator', (i) => fmt(i.actor1)],
  ['killed', 'Killed', (i) => i.killed_min !== null && i.killed_max !== null && i.killed_min !== i.killed_max
    ? `${fmt(i.killed)} (${i.killed_min}–${i.killed_max})` : fmt(i.killed)],
  ['injured', 'Injured', (i) => fmt(i.injured)],
  [null, 'Sources', (i) => String(i.sources)],
  [null, 'Review', (i) => i.review || (i.corrected ? 'corrected' : '')],
];

export const FILTERS = [
  ['from', 'From', 'date'], ['to', 'To', 'date'], ['admin1', 'Province', 'text'],
  ['type', 'Type', 'text'], ['actor', 'Actor', 'text'], ['min_killed', 'Min. killed', 'number'],
  ['text', 'Words', 'text'],
];

// The types `harmwatch query --type` accepts (ACLED political-violence event and
// sub-event types), offered as suggestions.
const TYPES = ['Battles', 'Explosions/Remote violence', 'Violence against civilians',
  'Armed clash', 'Government regains territory', 'Non-state actor overtakes territory',
  'Air/drone strike', 'Shelling/artillery/missile attack', 'Remote explosive/landmine/IED',
  'Suicide bomb', 'Grenade', 'Chemical weapon', 'Attack', 'Abduction/forced disappearance',
  'Sexual violence'];

export class FilterForm {
  constructor(el, { onChange }) {
    this.inputs = {};
    const fields = FILTERS.map(([name, label, type]) => {
      const input = h('input', {
        name, type, id: 'filter-' + name, min: type === 'number' ? 0 : undefined,
        list: name === 'type' ? 'type-list' : undefined,
      });
      this.inputs[name] = input;
      return h('label', { for: 'filter-' + name }, label, input);
    });
    this.mapOnly = h('input', { type: 'checkbox', id: 'filter-bbox' });
    const form = h('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); onChange(); } },
      fields, h('datalist', { id: 'type-list' }, TYPES.map((t) => h('option', { value: t }))),
      h('label', { for: 'filter-bbox', class: 'check' }, this.mapOnly, 'only the map view'),
      h('button', { type: 'submit' }, 'Apply'),
      h('button', { type: 'button', onclick: () => { form.reset(); onChange(); } }, 'Clear'));
    el.append(form);
  }

  values() {
    const out = {};
    for (const [name, input] of Object.entries(this.inputs)) {
      if (input.value.trim() !== '') out[name] = input.value.trim();
    }
    return out;
  }
}

export class IncidentTable {
  constructor(el, { onSelect, onSort }) {
    this.el = el;
    this.onSelect = onSelect;
    this.onSort = onSort;
    this.sort = 'date';
    this.order = 'desc';
  }

  show(page) {
    clear(this.el);
    const head = h('tr', {}, COLUMNS.map(([key, label]) => h('th', {
      class: key ? 'sortable' + (this.sort === key ? ' sorted-' + this.order : '') : '',
      onclick: key ? () => this.toggle(key) : undefined,
    }, label)));
    const rows = page.incidents.map((inc) => h('tr', {
      class: 'row' + (inc.review === 'rejected' ? ' rejected' : ''),
      dataset: { id: inc.id }, tabindex: 0,
      onclick: () => this.onSelect(inc.id),
      onkeydown: (e) => { if (e.key === 'Enter') this.onSelect(inc.id); },
    }, COLUMNS.map(([key, , cell], n) => h('td', {}, n === 3 ? h('span', { class: 'dot', dataset: { color: kindColor(inc.sub_event_type) } }) : null, cell(inc)))));
    const shown = page.incidents.length;
    this.el.append(
      h('div', { class: 'table-count', id: 'table-count' },
        `${page.total} incidents` + (shown < page.total ? ` (first ${shown} shown)` : '')),
      h('table', { class: 'incidents' }, h('thead', {}, head), h('tbody', {}, rows)));
    for (const d of this.el.querySelectorAll('.dot')) d.style.background = d.dataset.color;
  }

  toggle(key) {
    if (this.sort === key) this.order = this.order === 'desc' ? 'asc' : 'desc';
    else { this.sort = key; this.order = key === 'location' || key === 'admin1' || key === 'type' ? 'asc' : 'desc'; }
    this.onSort();
  }
}
