// leaflet.markercluster extends the global L: make Leaflet global before it loads.
import L from 'leaflet';
window.L = L;
export default L;
