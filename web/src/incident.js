// The incident view: every field with the words that support it highlighted in each
// source's text, the sources' claims side by side (conflicts marked), why the reports
// were merged, review actions (confirm, correct a field, reject, merge another
// incident in, split a source out, each with a reason) and the history of every change.
import { h, clear, fmt } from './dom.js';
import { api } from './api.js';

// Merged field -> the evidence keys (of each source's event) that support it.
const FIELDS = [
  ['location', 'Place', (i) => i.location?.name, ['location']],
  ['admin1', 'Province', (i) => i.location?.admin1, ['location']],
  ['lat', 'Latitude', (i) => i.location?.lat, ['location']],
  ['lon', 'Longitude', (i) => i.location?.lon, ['location']],
  ['date', 'Date', (i) => i.date, ['date']],
  ['event_type', 'Event type', (i) => i.event_type, ['sub_event_type']],
  ['sub_event_type', 'Kind', (i) => i.sub_event_type, ['sub_event_type']],
  ['actor1', 'Perpetrator', (i) => i.actor1, ['actor1']],
  ['actor2', 'Target', (i) => i.actor2, ['actor2']],
  ['civilian_targeting', 'Civilians targeted', (i) => i.civilian_targeting, ['civilian_targeting']],
  ['killed', 'Killed', (i) => i.killed, ['killed', 'killed_children', 'killed_women']],
  ['injured', 'Injured', (i) => i.injured, ['injured']],
  [null, 'Weapons', (i) => (i.weapons || []).join(', '), ['weapons']],
  [null, 'Sites', (i) => (i.sites || []).join(', '), ['sites']],
];
const CLAIM_ROWS = ['date', 'location', 'sub_event_type', 'actor1', 'actor2', 'killed', 'injured'];

// The text with each evidence span wrapped in <mark> (overlaps split into segments).
function highlighted(text, spans, docIndex) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const out = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k], b = points[k + 1];
    const piece = text.slice(a, b);
    const covering = spans.filter((s) => s.start <= a && s.end >= b && s.end > s.start);
    if (!covering.length) { out.push(piece); continue; }
    const fields = [...new Set(covering.map((s) => s.field))];
    out.push(h('mark', {
      class: 'evidence', title: fields.join(', '),
      dataset: { fields: ' ' + fields.join(' ') + ' ', doc: docIndex },
    }, piece));
  }
  return out;
}

export class IncidentView {
  constructor(el, { role, onChanged, onClose }) {
    this.el = el;
    this.role = role;
    this.onChanged = onChanged;
    this.onClose = onClose;
  }

  canEdit() { return this.role === 'analyst' || this.role === 'admin'; }

  async open(id) {
    this.id = id;
    clear(this.el).append(h('p', {}, 'Loading…'));
    try {
      this.render(await api.incident(id));
    } catch (e) {
      clear(this.el).append(h('p', { class: 'error' }, e.message));
    }
  }

  render(inc) {
    this.inc = inc;
    const el = clear(this.el);
    const status = inc.review ? h('span', { class: 'badge ' + inc.review }, inc.review) : null;
    el.append(h('div', { class: 'incident-head' },
      h('button', { class: 'close', onclick: () => this.onClose(), title: 'back to the table' }, '← table'),
      h('h2', { id: 'incident-title' }, `${fmt(inc.location?.name)} · ${fmt(inc.date)}`, status),
      h('div', { class: 'subtitle' }, `${inc.sub_event_type} · ${inc.doc_ids.length} source(s) · id ${inc.id}`)));
    this.message = h('div', { class: 'message', role: 'status' });
    el.append(this.message);
    if (this.canEdit()) el.append(this.reviewBar());
    else el.append(h('p', { class: 'note' }, `Read-only: you are a ${this.role || 'guest'}.`));
    el.append(h('h3', {}, 'Fields and evidence'), this.fieldTable());
    el.append(h('h3', {}, 'What each source claims'), this.claimTable());
    el.append(h('h3', {}, 'Why these reports were merged'), this.mergeList());
    el.append(h('h3', {}, 'Sources'), this.sources());
    el.append(h('h3', {}, 'History'), this.history());
  }

  say(text, isError) {
    this.message.textContent = text;
    this.message.className = 'message' + (isError ? ' error' : ' ok');
  }

  async act(fn, done) {
    try {
      await fn();
      await this.open(this.id);
      this.say(done, false);
      this.onChanged();
    } catch (e) {
      this.say(e.message, true);
    }
  }

  reviewBar() {
    const reason = h('input', { type: 'text', id: 'review-reason', placeholder: 'reason (required)' });
    const need = () => { if (!reason.value.trim()) { this.say('Give a reason first.', true); return false; } return true; };
    const other = h('input', { type: 'text', id: 'merge-other', placeholder: 'id of an incident to merge into this one' });
    return h('div', {},
      h('div', { class: 'review-bar' }, reason,
        h('button', { id: 'confirm-btn', onclick: () => need() && this.act(() => api.review(this.id, 'confirmed', reason.value.trim()), 'Confirmed.') }, 'Confirm'),
        h('button', { id: 'reject-btn', class: 'danger', onclick: () => need() && this.act(() => api.review(this.id, 'rejected', reason.value.trim()), 'Rejected.') }, 'Reject')),
      h('div', { class: 'review-bar' }, other,
        h('button', { id: 'merge-btn', onclick: () => {
          if (!other.value.trim()) return this.say('Name the incident to merge in.', true);
          if (need()) this.act(() => api.merge(this.id, other.value.trim(), reason.value.trim()), `Merged ${other.value.trim()} into this incident.`);
        } }, 'Merge in')));
  }

  evidenceFor(keys) {
    const quotes = [];
    for (const d of this.inc.documents) {
      for (const s of d.evidence) if (keys.includes(s.field)) quotes.push(s.text);
    }
    return [...new Set(quotes)];
  }

  fieldTable() {
    const corrected = new Set(this.inc.corrections.map((c) => c.field));
    const rows = FIELDS.map(([field, label, get, keys]) => {
      const quotes = this.evidenceFor(keys);
      const value = get(this.inc);
      const cells = [
        h('th', {}, label),
        h('td', { class: 'value' + (field && corrected.has(field) ? ' corrected' : ''), dataset: { field: field || label } }, fmt(value),
          field && corrected.has(field) ? h('span', { class: 'badge corrected' }, 'corrected') : null),
        h('td', { class: 'quotes' }, quotes.length
          ? quotes.map((q) => h('q', { class: 'quote', onclick: () => this.focus(keys) }, q))
          : h('span', { class: 'none' }, 'no evidence')),
      ];
      if (this.canEdit()) {
        cells.push(h('td', {}, field ? h('button', { class: 'small', dataset: { correct: field }, onclick: (e) => this.correctForm(e.target, field, value) }, 'Correct') : null));
      }
      return h('tr', { dataset: { field: field || label } }, cells);
    });
    return h('table', { class: 'fields' }, h('tbody', {}, rows));
  }

  correctForm(button, field, current) {
    const cell = button.parentElement;
    clear(cell);
    const value = h('input', { type: 'text', class: 'correct-value', value: current ?? '', 'aria-label': 'new value' });
    const reason = h('input', { type: 'text', class: 'correct-reason', placeholder: 'reason', 'aria-label': 'reason' });
    cell.append(h('form', { class: 'correct-form', onsubmit: (e) => {
      e.preventDefault();
      if (!reason.value.trim()) return this.say('A correction needs a reason.', true);
      const v = value.value.trim();
      const typed = v === '' || v === 'null' ? null : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v === 'true' ? true : v === 'false' ? false : v;
      this.act(() => api.correct(this.id, field, typed, reason.value.trim()), `Corrected ${field}.`);
    } }, value, reason, h('button', { type: 'submit' }, 'Save')));
    value.focus();
  }

  focus(keys) {
    let first = null;
    for (const m of this.el.querySelectorAll('mark.evidence')) {
      const on = keys.some((k) => m.dataset.fields.includes(' ' + k + ' '));
      m.classList.toggle('focus', on);
      if (on && !first) first = m;
    }
    if (first) first.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

  claimTable() {
    const claims = this.inc.claims;
    const head = h('tr', {}, h('th', {}, ''), claims.map((c) => h('th', {}, c.source || c.doc_id, h('div', { class: 'small' }, fmt(c.published)))));
    const rows = CLAIM_ROWS.map((f) => {
      const values = claims.map((c) => c[f]);
      const distinct = new Set(values.map((v) => JSON.stringify(v ?? null)));
      return h('tr', { class: distinct.size > 1 ? 'conflict' : '' }, h('th', {}, f), values.map((v) => h('td', {}, fmt(v))));
    });
    const note = claims.length > 1 && rows.some((r) => r.classList.contains('conflict'))
      ? h('p', { class: 'note' }, 'Highlighted rows: the sources disagree.') : null;
    return h('div', {}, h('table', { class: 'claims' }, h('thead', {}, head), h('tbody', {}, rows)), note);
  }

  mergeList() {
    return h('ul', { class: 'merges' }, this.inc.merges.map((m) => h('li', { class: m.undone_at ? 'undone' : '' },
      h('b', {}, m.event_id), ': ', m.reason, h('span', { class: 'when' }, ` (${m.at}${m.undone_at ? ', undone ' + m.undone_at : ''})`))));
  }

  sources() {
    return h('div', {}, this.inc.documents.map((d, n) => {
      const split = this.canEdit() && this.inc.documents.length > 1 ? h('button', { class: 'small', onclick: () => {
        const reason = this.el.querySelector('#review-reason')?.value.trim();
        if (!reason) return this.say('Write the reason for the split in the reason box first.', true);
        this.act(() => api.split(this.id, d.id, reason), `Split ${d.id} into its own incident.`);
      } }, 'Split out') : null;
      return h('section', { class: 'source' },
        h('header', {}, h('b', {}, d.title || d.id), ` · ${fmt(d.source)} · published ${fmt(d.published)} `, split),
        h('pre', { class: 'source-text' }, highlighted(d.text, d.evidence, n)));
    }));
  }

  history() {
    const entries = this.inc.history;
    if (!entries.length && !this.inc.corrections.length) return h('p', { class: 'none', id: 'history' }, 'No changes yet.');
    return h('ul', { class: 'history', id: 'history' },
      entries.map((e) => h('li', {}, h('span', { class: 'when' }, e.at), ' ', h('b', {}, e.user), ` ${e.action}: ${e.detail}`)),
      this.inc.corrections.filter((c) => !entries.some((e) => e.action === 'correct' && e.at === c.at))
        .map((c) => h('li', {}, h('span', { class: 'when' }, c.at), ' ', h('b', {}, c.by), ` correct: ${c.field} = ${c.value} (${c.reason})`)));
  }
}
