// Colour by kind of violence (ACLED sub-event type); one palette for map and legend.
export const KIND_COLORS = {
  'Air/drone strike': '#d7301f',
  'Shelling/artillery/missile attack': '#fc8d59',
  'Remote explosive/landmine/IED': '#8c6bb1',
  'Suicide bomb': '#6a3d9a',
  'Grenade': '#e7298a',
  'Attack': '#1f78b4',
  'Abduction/forced disappearance': '#33a02c',
  'Sexual violence': '#b15928',
  'Armed clash': '#666666',
};
export const OTHER_COLOR = '#969696';

export function kindColor(subEventType) {
  return KIND_COLORS[subEventType] || OTHER_COLOR;
}

// Marker radius in pixels by people killed: area grows with the count.
export function killedRadius(killed) {
  return 6 + 3 * Math.sqrt(Math.max(0, killed || 0));
}
