// The timeline: incidents per day as an SVG histogram; drag across it to choose a
// window (the brush), which then filters the map and the table. Double-click clears.
import { h, clear } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';
const DAY = 86400000;
const PAD = { left: 34, right: 10, top: 8, bottom: 20 };

function svg(tag, attrs = {}) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}
const dayMs = (iso) => Date.parse(iso + 'T00:00:00Z');
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

export class Timeline {
  constructor(el, { onBrush }) {
    this.el = el;
    this.onBrush = onBrush;
    this.window = null;
    this.days = [];
    this.label = h('div', { class: 'timeline-label' });
    this.svg = svg('svg', { class: 'timeline-svg', role: 'img', 'aria-label': 'incidents per day' });
    el.append(this.svg, this.label);
    this.svg.addEventListener('pointerdown', (e) => this.start(e));
    this.svg.addEventListener('pointermove', (e) => this.move(e));
    this.svg.addEventListener('pointerup', (e) => this.end(e));
    this.svg.addEventListener('dblclick', () => this.setWindow(null, true));
    new ResizeObserver(() => this.draw()).observe(el);
  }

  setData(timeline) {
    this.days = timeline.days;
    this.undated = timeline.undated;
    this.draw();
  }

  scale() {
    const w = this.svg.clientWidth || 600;
    let lo = this.days.length ? dayMs(this.days[0].day) : Date.now() - 30 * DAY;
    let hi = this.days.length ? dayMs(this.days[this.days.length - 1].day) : Date.now();
    lo -= 3 * DAY;
    hi += 4 * DAY;
    const x = (ms) => PAD.left + ((ms - lo) / (hi - lo)) * (w - PAD.left - PAD.right);
    const inv = (px) => lo + ((px - PAD.left) / (w - PAD.left - PAD.right)) * (hi - lo);
    return { x, inv, lo, hi, w };
  }

  draw() {
    clear(this.svg);
    const height = this.svg.clientHeight || 110;
    const { x, lo, hi, w } = this.scale();
    const max = Math.max(1, ...this.days.map((d) => d.incidents));
    const y = (n) => height - PAD.bottom - (n / max) * (height - PAD.top - PAD.bottom);
    const barW = Math.max(2, x(lo + DAY) - x(lo) - 1);
    this.svg.append(svg('line', { x1: PAD.left, x2: w - PAD.right, y1: height - PAD.bottom, y2: height - PAD.bottom, class: 'axis' }));
    const maxLabel = svg('text', { x: PAD.left - 4, y: PAD.top + 8, class: 'tick', 'text-anchor': 'end' });
    maxLabel.textContent = String(max);
    this.svg.append(maxLabel);
    for (const d of this.days) {
      const bx = x(dayMs(d.day));
      const bar = svg('rect', { x: bx, y: y(d.incidents), width: barW, height: height - PAD.bottom - y(d.incidents), class: 'bar' });
      const title = svg('title');
      title.textContent = `${d.day}: ${d.incidents} incidents, ${d.killed} killed`;
      bar.append(title);
      this.svg.append(bar);
    }
    // Month ticks (or year ticks over long spans).
    const span = hi - lo;
    const start = new Date(lo);
    let t = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
    const step = span > 800 * DAY ? 12 : span > 200 * DAY ? 3 : 1;
    while (t < hi) {
      const tx = x(t);
      this.svg.append(svg('line', { x1: tx, x2: tx, y1: height - PAD.bottom, y2: height - PAD.bottom + 4, class: 'axis' }));
      const label = svg('text', { x: tx + 2, y: height - 5, class: 'tick' });
      label.textContent = isoDay(t).slice(0, 7);
      this.svg.append(label);
      const d = new Date(t);
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + step, 1);
    }
    if (this.window) {
      const x0 = x(dayMs(this.window[0])), x1 = x(dayMs(this.window[1]) + DAY);
      this.svg.append(svg('rect', { x: x0, y: PAD.top - 4, width: Math.max(1, x1 - x0), height: height - PAD.bottom - PAD.top + 4, class: 'brush' }));
    }
    this.label.textContent = (this.window ? `window ${this.window[0]} to ${this.window[1]} (double-click to clear)` : 'drag across the timeline to choose a window')
      + (this.undated ? ` · ${this.undated} undated not shown` : '');
  }

  start(e) {
    this.svg.setPointerCapture(e.pointerId);
    this.dragFrom = e.offsetX;
  }

  move(e) {
    if (this.dragFrom === undefined) return;
    const { inv } = this.scale();
    const a = Math.min(this.dragFrom, e.offsetX), b = Math.max(this.dragFrom, e.offsetX);
    this.window = [isoDay(inv(a)), isoDay(inv(b))];
    this.draw();
  }

  end(e) {
    if (this.dragFrom === undefined) return;
    const moved = Math.abs(e.offsetX - this.dragFrom) > 3;
    this.dragFrom = undefined;
    if (moved) this.setWindow(this.window, true);
  }

  setWindow(win, notify) {
    this.window = win;
    this.draw();
    if (notify) this.onBrush(win);
  }
}
