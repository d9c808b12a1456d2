// Browser test of the analysts' page in headless Chromium (Debian's `chromium`),
// driven by playwright-core from web/node_modules. Builds a fresh database from the
// seed report (OCHA layer) and the repo's example, creates an analyst and a viewer,
// starts `harmwatch serve` on a free port and checks what the issue asks: log in, the
// seed's incidents on the map, brushing the timeline filters map and table, the
// incident's evidence is highlighted, a casualty correction survives a reload with its
// history entry, and a viewer's edit is refused. Screenshots go to OUT.
//
// Usage: node browser_test.mjs HARMWATCH SOURCE_DIR SHARED_DIR OUT
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [harmwatch, sourceDir, sharedDir, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: browser_test.mjs HARMWATCH SOURCE_DIR SHARED_DIR OUT');
  process.exit(2);
}
const require = createRequire(join(sourceDir, 'web', 'package.json'));
const { chromium } = require('playwright-core');
const CHROMIUM = process.env.HARMWATCH_CHROMIUM || '/usr/bin/chromium';

const work = mkdtempSync(join(tmpdir(), 'hw-browser-'));
const db = join(work, 'test.db');
const ocha = join(sharedDir, 'gazetteers/syria-ocha/syr_populated_places.geojson');
mkdirSync(out, { recursive: true });

let failures = 0;
function check(cond, what) {
  console.log(`${cond ? 'ok  ' : 'FAIL'} ${what}`);
  if (!cond) failures++;
}

function run(args, input) {
  return execFileSync(harmwatch, args, { input, stdio: ['pipe', 'pipe', 'inherit'] });
}

// The seed report has no date of its own (the page is from December 2023).
run(['ingest', '--db', db, '--gazetteer', ocha, '--published', '2023-12-05', join(sharedDir, 'examples/seed-levant24.txt')]);
run(['ingest', '--db', db, '--gazetteer', ocha, join(sourceDir, 'examples/idlib-shelling-2024-03.txt')]);
run(['user', 'add', '--db', db, '--name', 'ana', '--role', 'analyst', '--password-stdin'], 'ana-password-1\n');
run(['user', 'add', '--db', db, '--name', 'vera', '--role', 'viewer', '--password-stdin'], 'vera-password-1\n');

const server = spawn(harmwatch, ['serve', '--db', db, '--port', '0', '--gazetteer', ocha], { stdio: ['ignore', 'ignore', 'pipe'] });
const base = await new Promise((resolve, reject) => {
  let err = '';
  const timer = setTimeout(() => reject(new Error('server did not start: ' + err)), 30000);
  server.stderr.on('data', (d) => {
    err += d;
    const m = err.match(/on (http:\/\/[0-9.]+:\d+)\//);
    if (m) { clearTimeout(timer); resolve(m[1]); }
  });
  server.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
});

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  // playwright gives every launch a fresh, temporary --user-data-dir of its own.
}).catch((e) => { server.kill('SIGTERM'); throw e; });

// page.waitForFunction compiles its predicate with eval, which the page's strict CSP
// forbids (as it should); poll with page.evaluate instead.
async function waitFor(page, fn, arg, timeoutMs = 15000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate(fn, arg)) return;
    if (Date.now() > until) throw new Error('timed out waiting for ' + fn.toString());
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Leaflet's zoom and cluster animations take a quarter second: let them finish.
async function shot(page, name) {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(out, name) });
}

async function login(page, name, password) {
  await page.goto(base + '/');
  await page.fill('#login-name', name);
  await page.fill('#login-password', password);
  await page.click('#login-submit');
  await page.waitForSelector('#whoami');
}

const markers = (page) => page.evaluate(() => Number(document.getElementById('app').dataset.mapMarkers || -1));
const tableRows = (page) => page.locator('table.incidents tbody tr').count();

const errors = [];
let page;
try {
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

  // Wrong password first: refused with a message.
  await page.goto(base + '/');
  await shot(page, '0-login.png');
  await page.fill('#login-name', 'ana');
  await page.fill('#login-password', 'wrong-password');
  await page.click('#login-submit');
  await waitFor(page, () => document.getElementById('login-error').textContent.length > 0);
  check((await page.textContent('#login-error')).includes('wrong name or password'), 'a wrong password is refused');
  errors.length = 0;  // the refused login's 401 was the point

  await login(page, 'ana', 'ana-password-1');
  check(true, 'analyst logs in');
  await waitFor(page, () => Number(document.getElementById('app').dataset.mapMarkers) > 0);
  const allMarkers = await markers(page);
  const allRows = await tableRows(page);
  // The seed report's nine places, plus the example's; all resolved by the OCHA layer.
  check(allMarkers >= 9, `incidents on the map (${allMarkers})`);
  check(await page.locator('.leaflet-overlay-pane path').count() > 10, 'country outlines drawn (offline)');
  const seedOnMap = await page.evaluate(() => fetch('/api/incidents?text=Levant24&limit=100').then((r) => r.json()));
  await shot(page, '1-map.png');
  // Zoomed out, nearby incidents gather into clusters.
  check(await page.locator('.marker-cluster').count() > 0, 'incidents cluster when zoomed out');
  // The table sorts by a column on the server: killed, largest first.
  await page.click('table.incidents th:has-text("Killed")');
  await waitFor(page, () => document.querySelector('th.sorted-desc')?.textContent.startsWith('Killed'));
  await page.waitForTimeout(300);
  const killedColumn = (await page.locator('table.incidents tbody tr td:nth-child(6)').allTextContents())
    .map((t) => parseInt(t, 10)).filter((n) => !Number.isNaN(n));
  check(killedColumn.length > 0 && killedColumn.every((n, i) => i === 0 || killedColumn[i - 1] >= n),
    `sorting by killed (${killedColumn.join(', ')})`);
  await page.click('table.incidents th:has-text("Date")');
  await waitFor(page, () => document.querySelector('th.sorted-desc')?.textContent.startsWith('Date'));

  // Brush the left part of the timeline: the seed's December 2023 only.
  const box = await page.locator('.timeline-svg').boundingBox();
  await page.mouse.move(box.x + 36, box.y + 40);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + 40, { steps: 5 });
  await page.mouse.up();
  await waitFor(page, (n) => Number(document.getElementById('app').dataset.mapMarkers) !== n, allMarkers);
  const brushedMarkers = await markers(page);
  const brushedRows = await tableRows(page);
  const seedCount = (await page.evaluate(() => fetch('/api/incidents?from=2023-12-01&to=2023-12-31').then((r) => r.json()))).total;
  check(brushedMarkers > 0 && brushedMarkers < allMarkers, `brushing filters the map (${allMarkers} -> ${brushedMarkers})`);
  check(brushedRows === seedCount && brushedRows < allRows, `brushing filters the table (${allRows} -> ${brushedRows} rows; ${seedCount} in December 2023)`);
  const dates = await page.locator('table.incidents tbody tr td:first-child').allTextContents();
  check(dates.every((d) => d.startsWith('2023-12')), 'the table shows only the window\'s dates');
  await shot(page, '2-brushed.png');

  // Open the Idlib incident from the table: evidence highlighted in the source text.
  await page.locator('table.incidents tbody tr', { hasText: 'Idlib' }).first().click();
  await page.waitForSelector('mark.evidence');
  const marks = await page.locator('mark.evidence').count();
  check(marks >= 3, `evidence highlighted in the source (${marks} marks)`);
  check(await page.locator('table.fields q.quote').count() > 0, 'fields show their quoted evidence');
  await page.locator('table.fields q.quote').first().click();
  check(await page.locator('mark.evidence.focus').count() > 0, 'clicking a quote focuses its words in the text');
  await shot(page, '3-incident.png');
  await page.locator('section.source').first().screenshot({ path: join(out, '3b-evidence.png') });
  const incidentUrl = page.url();

  // Correct the casualty figure.
  await page.click('button[data-correct="killed"]');
  await page.fill('.correct-form .correct-value', '3');
  await page.fill('.correct-form .correct-reason', 'hospital list names three dead in Idlib city');
  await page.click('.correct-form button[type=submit]');
  await waitFor(page, () => document.querySelector('.message')?.textContent.includes('Corrected killed'));
  await page.reload();
  await page.waitForSelector('mark.evidence');
  const killed = (await page.textContent('td.value[data-field="killed"]')).trim();
  check(killed.startsWith('3'), `after reload the correction shows (killed ${killed})`);
  const historyText = await page.textContent('#history');
  check(historyText.includes('ana') && historyText.includes('killed = 3'), 'the history shows who corrected what');
  await shot(page, '4-corrected.png');

  // A viewer sees no edit controls and the API refuses her edit.
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const viewer = await ctx.newPage();
  await login(viewer, 'vera', 'vera-password-1');
  await viewer.goto(incidentUrl);
  await viewer.waitForSelector('mark.evidence');
  check(await viewer.locator('button[data-correct]').count() === 0, 'the viewer sees no edit buttons');
  const id = decodeURIComponent(incidentUrl.split('#incident=')[1]);
  const refused = await viewer.evaluate(async (incidentId) => {
    const s = await fetch('/api/session').then((r) => r.json());
    const r = await fetch(`/api/incidents/${encodeURIComponent(incidentId)}/corrections`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf },
      body: JSON.stringify({ field: 'killed', value: 99, reason: 'viewer tries' }),
    });
    return { status: r.status, body: await r.json() };
  }, id);
  check(refused.status === 403 && refused.body.error.message.includes('analyst'), `a viewer's edit is refused (${refused.status})`);
  await shot(viewer, '5-viewer.png');
  const after = await viewer.evaluate((i) => fetch('/api/incidents/' + encodeURIComponent(i)).then((r) => r.json()), id);
  check(after.killed === 3, 'the refused edit changed nothing');

  check(errors.length === 0, 'no script errors, failed requests or CSP violations' + (errors.length ? ': ' + errors.join(' | ') : ''));
  void seedOnMap;
} catch (e) {
  console.error(e);
  if (errors.length) console.error('page errors: ' + errors.join(' | '));
  if (page) await page.screenshot({ path: join(out, 'failure.png') }).catch(() => {});
  failures++;
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
console.log(failures ? `${failures} check(s) failed` : 'all browser checks passed');
process.exit(failures ? 1 : 0);
