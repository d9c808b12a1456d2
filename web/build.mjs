// Bundles the page for embedding: src/main.js -> app.js (Leaflet, markercluster,
// topojson-client and the world-atlas outlines inlined), src/style.css -> app.css,
// src/index.html as is. No CDN, no run-time fetches: the page works offline.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] || join(here, 'dist');
mkdirSync(out, { recursive: true });

const common = {
  bundle: true,
  minify: true,
  legalComments: 'eof',
  logLevel: 'warning',
  target: ['es2020'],
  loader: { '.png': 'dataurl', '.svg': 'dataurl' },
};
await esbuild.build({ ...common, entryPoints: [join(here, 'src/main.js')], outfile: join(out, 'app.js'), format: 'iife' });
await esbuild.build({ ...common, entryPoints: [join(here, 'src/style.css')], outfile: join(out, 'app.css') });
for (const f of ['index.html', 'favicon.svg']) copyFileSync(join(here, 'src', f), join(out, f));
