#!/usr/bin/env node
// A stand-in "VS Code executable" for @vscode/test-electron's runTests() where no VS Code desktop can be
// downloaded: it takes the same command line (--extensionDevelopmentPath=, --extensionTestsPath=,
// --user-data-dir=, --extensions-dir=, folder), starts code-server (RECAP_CODE_SERVER_BIN), opens the
// workbench in headless Chromium with the test payload (runInExtensionHost.cjs) and exits with the
// tests' exit code. Electron-only flags are ignored (--disable-workspace-trust too: RECAP_WORKSPACE_TRUST=1
// decides).
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const argv = process.argv.slice(2);
if (argv.includes('--version')) {
  console.log(`${process.env.RECAP_VSCODE_VERSION || '1.100.3'}\ncode-server-shim\nx64`);
  process.exit(0);
}
const options = {};
const positional = [];
for (let i = 0; i < argv.length; i++) {
  const match = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]);
  if (!match) { positional.push(argv[i]); continue; }
  const [, key, value] = match;
  if (['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir', 'locale'].includes(key)) options[key] = value !== undefined ? value : argv[++i];
}
if (!options.extensionTestsPath || !options.extensionDevelopmentPath) {
  console.error('code-shim: need --extensionDevelopmentPath and --extensionTestsPath');
  process.exit(2);
}
const codeServer = process.env.RECAP_CODE_SERVER_BIN;
if (!codeServer) {
  console.error('code-shim: RECAP_CODE_SERVER_BIN is not set');
  process.exit(2);
}

const freePort = () => new Promise(resolve => {
  const server = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});

(async () => {
  const run = fs.mkdtempSync(path.join(os.tmpdir(), 'recap-code-server-'));
  const userData = path.resolve(options['user-data-dir'] || path.join(run, 'user-data'));
  const extensionsDir = path.resolve(options['extensions-dir'] || path.join(run, 'extensions'));
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const settings = path.join(userData, 'User', 'settings.json');
  if (!fs.existsSync(settings)) fs.copyFileSync(path.join(__dirname, 'settings.json'), settings);
  const folder = positional.find(p => fs.existsSync(p) && fs.statSync(p).isDirectory());
  const port = await freePort();
  // Throwaway XDG folders keep code-server's and Chromium's state out of ~.
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(run, 'xdg-config'), XDG_DATA_HOME: path.join(run, 'xdg-data'), XDG_CACHE_HOME: path.join(run, 'xdg-cache') };
  const help = spawnSync(codeServer, ['--help'], { env, encoding: 'utf8' }).stdout || '';
  // Newer code-server only honours the test payload with the smoke-test driver on.
  const extra = help.includes('--vscode-option') ? ['--vscode-option', 'enable-smoke-test-driver'] : [];
  const logFile = path.join(run, 'server.log');
  // The Restricted Mode run (scripts/vscode-test/trustRun.mjs) keeps workspace trust on.
  const trust = process.env.RECAP_WORKSPACE_TRUST === '1' ? [] : ['--disable-workspace-trust'];
  const server = spawn(codeServer, [...extra, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    ...trust, '--disable-getting-started-override', '--user-data-dir', userData, '--extensions-dir', extensionsDir,
    // VS Code's `--locale=fr`: the UI language the extension sees (vscode.env.language, package.nls.fr.json).
    ...(options.locale ? ['--locale', options.locale] : []), ...(folder ? [path.resolve(folder)] : [])],
  { env, detached: true, stdio: ['ignore', fs.openSync(logFile, 'w'), fs.openSync(logFile, 'a')] });
  const stop = () => { try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ } };
  process.on('SIGINT', () => { stop(); process.exit(130); });
  process.on('SIGTERM', () => { stop(); process.exit(143); });
  let healthy = false;
  for (let i = 0; i < 240 && !healthy; i++) {
    healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(r => r.ok, () => false);
    if (!healthy) await new Promise(r => setTimeout(r, 250));
  }
  let code = 1;
  if (!healthy) console.error('code-shim: code-server did not become healthy within 60 s');
  else {
    const strip = p => (p.startsWith('file://') ? new URL(p).pathname : p);
    const child = spawn(process.execPath, [path.join(__dirname, 'runInExtensionHost.cjs'), `http://127.0.0.1:${port}/`,
      strip(options.extensionDevelopmentPath), strip(options.extensionTestsPath), ...(folder ? [folder] : [])], { env, stdio: 'inherit' });
    code = await new Promise(resolve => child.on('exit', c => resolve(c ?? 1)));
  }
  stop();
  if (code !== 0) {
    try {
      console.error(`--- code-server log (last lines) ---\n${fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n')}`);
    } catch { /* no log */ }
  }
  if (!process.env.KEEP_RUN) fs.rmSync(run, { recursive: true, force: true });
  process.exit(code);
})();
