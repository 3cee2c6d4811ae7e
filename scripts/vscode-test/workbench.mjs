// code-server's workbench in headless Chromium, as the UI smoke test and the walkthrough screenshot drive it: the
// built VSIX installed into throwaway folders, the server started on a free port, Chromium on the workbench; and
// the two ways a user reaches things there, the F1 palette and Quick Open.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './chromium.mjs';
import { ROOT } from './codeServer.mjs';

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

const freePort = () => new Promise(resolve => {
  const server = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});

/**
 * Installs `vsix` into a code-server of its own (user settings: scripts/vscode-test/settings.json and `settings`),
 * serves the workbench on `workspace` and opens it in headless Chromium. `close()` stops both and removes the
 * throwaway folders; `serverLog()` is the server's last lines and `userData` its user-data folder, for a failure report. Throws, having cleaned up,
 * when the install fails.
 */
export async function openWorkbench({ server, vsix, workspace, settings = {}, log }) {
  const run = mkdtempSync(path.join(os.tmpdir(), 'recap-ui-'));
  const env = { ...process.env, ...server.env, XDG_CONFIG_HOME: path.join(run, 'xdg-config'), XDG_DATA_HOME: path.join(run, 'xdg-data'), XDG_CACHE_HOME: path.join(run, 'xdg-cache') };
  const userData = path.join(run, 'user-data');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  const defaults = JSON.parse(readFileSync(path.join(ROOT, 'scripts', 'vscode-test', 'settings.json'), 'utf8'));
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ ...defaults, ...settings }, null, 2));
  const common = ['--user-data-dir', userData, '--extensions-dir', path.join(run, 'extensions')];
  const install = spawnSync(server.bin, [...common, '--install-extension', path.join(ROOT, vsix)], { env, encoding: 'utf8' });
  if (install.status !== 0) {
    rmSync(run, { recursive: true, force: true });
    throw new Error(`installing ${vsix} failed:\n${install.stdout}${install.stderr}`);
  }
  log(`installed ${vsix}: ${install.stdout.trim().split('\n').pop()}`);

  const port = await freePort();
  const logFile = path.join(run, 'server.log');
  const codeServer = spawn(server.bin, ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', ...common, workspace], { env, detached: true, stdio: ['ignore', openSync(logFile, 'w'), openSync(logFile, 'a')] });
  const profile = mkdtempSync(path.join(os.tmpdir(), 'recap-chromium-'));
  let context;
  const workbench = {
    page: undefined,
    userData,
    serverLog: () => { try { return readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n'); } catch { return ''; } },
    async close() {
      await context?.close().catch(() => {});
      try { process.kill(-codeServer.pid, 'SIGTERM'); } catch { /* gone */ }
      rmSync(profile, { recursive: true, force: true });
      rmSync(run, { recursive: true, force: true });
    },
  };
  try {
    // A hang bound, not a speed limit: code-server answers /healthz once it serves the workbench.
    for (let i = 0; i < 240; i++) {
      if (await fetch(`http://127.0.0.1:${port}/healthz`).then(r => r.ok, () => false)) break;
      await new Promise(r => setTimeout(r, 250));
    }
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS,
      env: { ...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile }, viewport: { width: 1400, height: 860 } });
    workbench.page = context.pages()[0] || await context.newPage();
    await workbench.page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    return workbench;
  } catch (error) {
    error.message += `\n--- code-server log ---\n${workbench.serverLog()}`;
    await workbench.close();
    throw error;
  }
}

/**
 * Runs a command from the F1 palette by clicking its row: the row whose label is exactly `label` (Enter would take
 * the top fuzzy match, which can be a neighbour), or with `{ prefix: true }` the first whose label starts with it
 * (for titles that end in "…").
 */
export async function palette(page, label, { prefix = false } = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 30000 });
      await input.fill(`>${label}`);
      const row = page.locator(prefix
        ? `.quick-input-widget .monaco-list-row[aria-label^="${label}"]`
        : `.quick-input-widget .monaco-list-row[aria-label="${label}"], .quick-input-widget .monaco-list-row[aria-label^="${label},"]`).first();
      await row.waitFor({ state: 'visible', timeout: 30000 });
      if (process.env.RECAP_UI_DEBUG) await page.screenshot({ path: path.join(ROOT, 'test-results', `debug-palette-${label.replace(/\W+/g, '-')}.png`) });
      await row.click();
      // The palette has closed when the widget hides, or when the command opens its own quick
      // pick in the same widget (the input then no longer holds our `>label`): waiting only for
      // "hidden" races with a command that asks a question straight away.
      await page.waitForFunction(typed => {
        const widget = document.querySelector('.quick-input-widget');
        if (!widget || widget.style.display === 'none' || widget.offsetParent === null) return true;
        const input = widget.querySelector('input');
        return !widget.classList.contains('quick-input-widget-closing') && input?.value !== typed;
      }, `>${label}`, { timeout: 30000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1000);
    }
  }
}

/** Opens a workspace file through Quick Open, as a user would (again if the widget closed under us at startup). */
export async function quickOpen(page, fileName) {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 30000 });
      await input.fill(fileName);
      const row = page.locator(`.quick-input-widget .monaco-list-row[aria-label^="${fileName}"]`).first();
      await row.waitFor({ state: 'visible', timeout: 30000 });
      await row.click();
      await page.locator(`.tab[aria-label^="${fileName}"]`).first().waitFor({ timeout: 30000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1000);
    }
  }
}
