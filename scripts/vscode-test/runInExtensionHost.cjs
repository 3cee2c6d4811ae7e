// Runs an extension's tests inside code-server's Node extension host, the way VS Code's own browser
// integration tests do: open the workbench with a `payload` carrying extensionDevelopmentPath and
// extensionTestsPath as vscode-remote:// URIs; the result comes back through codeAutomationExit.
// usage: node runInExtensionHost.cjs <serverUrl> <extensionDevelopmentPath> <extensionTestsPath> [folder]
const { chromium } = require('playwright-core');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const [serverUrl, devPath, testsPath, folder] = process.argv.slice(2);
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

(async () => {
  const started = Date.now();
  const url = new URL(serverUrl);
  const remote = p => `vscode-remote://${url.host}${path.resolve(p)}`;
  url.searchParams.set('payload', JSON.stringify([['extensionDevelopmentPath', remote(devPath)], ['extensionTestsPath', remote(testsPath)]]));
  if (folder) url.searchParams.set('folder', path.resolve(folder)); else url.searchParams.set('ew', 'true');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'recap-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS,
    env: { ...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
  });
  const timeoutMs = Number(process.env.RECAP_TEST_TIMEOUT_MS || 300000);
  const code = await new Promise(async resolve => {
    const timer = setTimeout(() => { console.error(`extension tests timed out after ${timeoutMs / 1000} s`); resolve(124); }, timeoutMs);
    await context.exposeBinding('codeAutomationLog', (_source, type, args) => console[type === 'error' ? 'error' : 'log'](...(args || [])));
    await context.exposeBinding('codeAutomationExit', (_source, exitCode) => { clearTimeout(timer); resolve(exitCode); });
    const page = context.pages()[0] || await context.newPage();
    if (process.env.VERBOSE) page.on('console', message => console.log('[workbench]', message.text()));
    await page.goto(url.toString());
  });
  await context.close().catch(() => {});
  fs.rmSync(profile, { recursive: true, force: true });
  console.log(`extension host tests exited with ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(code);
})();
