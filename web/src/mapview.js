// The map: country outlines from Natural Earth (world-atlas, bundled: works offline),
// an optional tile layer when the user sets a tile-server URL, and incidents as
// circles (size by killed, colour by kind) clustered when zoomed out.
import L from './leaflet_global.js';
import 'leaflet.markercluster';
import { feature } from 'topojson-client';
import countries from 'world-atlas/countries-50m.json';
import { h } from './dom.js';
import { KIND_COLORS, OTHER_COLOR, kindColor, killedRadius } from './colors.js';

// Rings that cross the antimeridian (Russia, Fiji) jump from +180 to -180 and Leaflet
// draws the jump as a line across the world: continue them past 180 instead.
function unwrapRing(ring) {
  let prev = ring[0][0], shift = 0;
  return ring.map(([lon, lat]) => {
    if (lon - prev > 180) shift -= 360;
    else if (prev - lon > 180) shift += 360;
    prev = lon;
    return [lon + shift, lat];
  });
}

function unwrapCountries(collection) {
  for (const f of collection.features) {
    const g = f.geometry;
    if (!g) continue;
    if (g.type === 'Polygon') g.coordinates = g.coordinates.map(unwrapRing);
    if (g.type === 'MultiPolygon') g.coordinates = g.coordinates.map((p) => p.map(unwrapRing));
  }
  return collection;
}

export class MapView {
  constructor(el, { onSelect }) {
    this.map = L.map(el, { zoomControl: true, worldCopyJump: true, minZoom: 2, maxZoom: 18 })
      .setView([35.5, 38.5], 6);
    this.outlines = L.geoJSON(unwrapCountries(feature(countries, countries.objects.countries)), {
      style: { color: '#7a8a99', weight: 1, fillColor: '#eef0e6', fillOpacity: 1 },
      interactive: false,
    }).addTo(this.map);
    this.tiles = null;
    this.cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
    this.map.addLayer(this.cluster);
    this.onSelect = onSelect;
    this.fitted = false;
    this.addLegend();
  }

  setTileUrl(url) {
    if (this.tiles) this.map.removeLayer(this.tiles);
    this.tiles = null;
    if (url) {
      let host = url;
      try { host = new URL(url.replace(/[{}]/g, '')).host; } catch { /* shown as typed */ }
      this.tiles = L.tileLayer(url, { maxZoom: 18, attribution: 'tiles: ' + host });
      this.tiles.addTo(this.map);
      this.outlines.setStyle({ fillOpacity: 0 });
    } else {
      this.outlines.setStyle({ fillOpacity: 1 });
    }
  }

  show(incidents) {
    this.cluster.clearLayers();
    this.selected = null;
    const markers = [];
    for (const inc of incidents) {
      if (inc.lat === null || inc.lon === null) continue;
      const m = L.circleMarker([inc.lat, inc.lon], {
        radius: killedRadius(inc.killed),
        color: '#222', weight: 1, fillColor: kindColor(inc.sub_event_type), fillOpacity: 0.85,
        className: 'incident-marker',
      });
      m.bindTooltip(`${inc.location || '?'} · ${inc.date || 'undated'} · killed ${inc.killed ?? '—'}`);
      m.on('click', () => this.onSelect(inc.id));
      m.incidentId = inc.id;
      markers.push(m);
    }
    this.cluster.addLayers(markers);
    this.count = markers.length;
    if (!this.fitted && markers.length) {
      this.map.fitBounds(L.featureGroup(markers).getBounds().pad(0.3), { maxZoom: 9, animate: false });
      this.fitted = true;
    }
  }

  // Marks the open incident's circle and pans to it, keeping the zoom (zooming into
  // its cluster would spiderfy incidents that share a town's coordinates).
  select(id) {
    if (this.selected) this.selected.setStyle({ weight: 1, color: '#222' });
    this.selected = null;
    this.cluster.eachLayer((m) => { if (m.incidentId === id) this.selected = m; });
    if (!this.selected) return;
    this.selected.setStyle({ weight: 4, color: '#08306b' });
    this.map.panTo(this.selected.getLatLng(), { animate: false });
  }

  bboxParam() {
    const b = this.map.getBounds();
    const clamp = (v, lim) => Math.max(-lim, Math.min(lim, v));
    return [clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180), clamp(b.getNorth(), 90)]
      .map((v) => v.toFixed(4)).join(',');
  }

  addLegend() {
    const legend = L.control({ position: 'bottomleft' });
    legend.onAdd = () => h('div', { class: 'legend' },
      Object.entries(KIND_COLORS).map(([k, c]) =>
        h('div', {}, h('span', { class: 'swatch', dataset: { color: c } }), k)),
      h('div', {}, h('span', { class: 'swatch', dataset: { color: OTHER_COLOR } }), 'other'),
      h('div', { class: 'legend-note' }, 'circle size: people killed'));
    legend.addTo(this.map);
    // CSP forbids inline style attributes; set colours through the CSSOM.
    for (const s of this.map.getContainer().querySelectorAll('.legend .swatch')) {
      s.style.background = s.dataset.color;
    }
  }
}
