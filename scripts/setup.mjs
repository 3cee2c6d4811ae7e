// `npm run setup`: from a fresh clone to a VS Code with the extension installed.
//  1. installs the npm dependencies (npm ci) when they are missing or older than the lock file;
//  2. builds the VSIX (npm run package);
//  3. installs it into the VS Code desktop when `code` is on PATH — or, where there is none (servers,
//     machines without internet), installs code-server from npm into .vscode-test/ and starts it with
//     the extension installed, on a copy of the demo site (or the folder given), and prints its URL.
//
// Usage: npm run setup [-- FOLDER] [-- --no-start] [-- --port N]
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { CACHE, ROOT, ensureCodeServer, readJson } from './vscode-test/codeServer.mjs';

const args = process.argv.slice(2);
const noStart = args.includes('--no-start');
const portIndex = args.indexOf('--port');
const port = portIndex >= 0 ? Number(args[portIndex + 1]) : Number(process.env.RECAP_PORT || 8080);
const folderArg = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--port');

function log(message) {
  process.stderr.write(`[setup] ${message}\n`);
}

function run(command, commandArgs, options = {}) {
  log(`${command} ${commandArgs.join(' ')}`);
  const result = spawnSync(command, commandArgs, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    log(`failed: ${command} ${commandArgs.join(' ')} (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

function dependenciesCurrent() {
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  return existsSync(marker) && statSync(marker).mtimeMs >= statSync(path.join(ROOT, 'package-lock.json')).mtimeMs;
}

function hasDesktopCode() {
  if (process.env.RECAP_SETUP_NO_DESKTOP === '1') return false;
  const probe = spawnSync('code', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 && !/code-server/.test(probe.stdout);
}

/** Prefer a code-server the test suite already installed; otherwise install the quicker one. */
function pickTarget() {
  const installed = name => existsSync(path.join(CACHE, name, 'node_modules', '.bin', 'code-server'));
  if (installed('code-server-4.139.1')) return 'newest';
  return process.env.RECAP_SETUP_TARGET || '1.100';
}

// The web tests use the system's Chromium: @playwright/browser-chromium (through @vscode/test-web) must not download one.
if (!dependenciesCurrent()) run('npm', ['ci'], { env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } });
else log('npm dependencies are up to date');
run('npm', ['run', 'package']);
const { version } = readJson(path.join(ROOT, 'package.json'));
const vsix = path.join(ROOT, `conference-recap-${version}.vsix`);

if (hasDesktopCode()) {
  run('code', ['--install-extension', vsix, '--force']);
  log(`installed ${path.basename(vsix)} into VS Code: open a recap post (a Markdown file in a site's content folder) to start.`);
  process.exit(0);
}

log('no VS Code desktop (`code`) on PATH: using code-server, a real VS Code in the browser');
const server = ensureCodeServer(pickTarget());
const state = path.join(CACHE, 'setup');
const extensionsDir = path.join(state, 'extensions');
const userData = path.join(state, 'user-data');
mkdirSync(path.join(userData, 'User'), { recursive: true });
const env = { ...process.env, ...server.env };
run(server.bin, ['--extensions-dir', extensionsDir, '--user-data-dir', userData, '--install-extension', vsix, '--force'], { env });

let folder = folderArg ? path.resolve(folderArg) : path.join(state, 'demo-site');
if (!folderArg && !existsSync(folder)) {
  // A copy, so that trying the quick fixes never edits the repository's fixtures.
  cpSync(path.join(ROOT, 'test', 'fixtures', 'site'), folder, { recursive: true });
}
if (!existsSync(folder) || !statSync(folder).isDirectory()) {
  log(`${folder} is not a folder`);
  process.exit(2);
}
if (noStart) {
  log(`extension installed into code-server ${server.version} (${path.relative(ROOT, extensionsDir)}); not starting it (--no-start)`);
  log(`installed extensions: ${readdirSync(extensionsDir).filter(name => !name.startsWith('.') && name !== 'extensions.json').join(', ')}`);
  process.exit(0);
}

const url = `http://127.0.0.1:${port}/`;
const portFree = await new Promise(resolve => {
  const probe = net.createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
});
if (!portFree) {
  log(`port ${port} is in use: run \`npm run setup -- --port ${port + 1}\` (or stop what listens on ${port})`);
  process.exit(2);
}
const child = spawn(server.bin, ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
  '--disable-workspace-trust', '--extensions-dir', extensionsDir, '--user-data-dir', userData, folder], { env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
// code-server starts helpers of its own (file watcher, agent host): stop the whole process group.
const stop = () => { try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ } };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', code => process.exit(code ?? 0));
// Say where to go only once the server answers (a slow machine takes a while to start it).
for (let waited = 0; child.exitCode === null; waited++) {
  const healthy = await fetch(`${url}healthz`).then(response => response.ok, () => false);
  if (healthy) break;
  if (waited === 120) log(`code-server has not answered on ${url} for a minute; still waiting …`);
  await new Promise(resolve => setTimeout(resolve, 500));
}
log(`ready: VS Code ${server.version.replace(/^4\./, '1.')} (code-server ${server.version}) with Conference Recap, on ${folder}`);
log(`open ${url} in a browser; stop it with Ctrl+C here (or: kill ${process.pid}).`);
