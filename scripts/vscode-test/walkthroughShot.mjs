// Opens the extension's walkthrough in code-server (headless Chromium), checks that it shows its five steps
// with the site and checked-post steps done once a post is open, and saves a screenshot. After
// `npm run package`: node scripts/vscode-test/walkthroughShot.mjs [--theme "Default Light Modern"] [--out docs/walkthrough.png]
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './chromium.mjs';
import { ROOT, ensureCodeServer } from './codeServer.mjs';

const WALKTHROUGH = 'conference-recap.conference-recap#recap.gettingStarted';
const STEPS = ['Open your site', 'See a post checked', 'Insert a FOSDEM talk', 'Preview the post', 'Start a recap from your bookmarks'];
const option = (name, fallback) => { const at = process.argv.indexOf(name); return at > 0 ? process.argv[at + 1] : fallback; };
const out = path.resolve(ROOT, option('--out', 'test-results/walkthrough.png'));
const theme = option('--theme', 'Default Light Modern');
const log = message => process.stderr.write(`[walkthrough] ${message}\n`);

const freePort = () => new Promise(resolve => {
  const server = net.createServer().listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
});

/** Runs a command from the F1 palette by clicking the row whose label starts with `label`. */
async function palette(page, label) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 30000 });
  await input.fill(`>${label}`);
  const row = page.locator(`.quick-input-widget .monaco-list-row[aria-label^="${label}"]`).first();
  await row.waitFor({ state: 'visible', timeout: 30000 });
  await row.click();
}

/** Opens a workspace file through Quick Open (again if the widget closed under us: focus moves at startup). */
async function quickOpen(page, fileName) {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 30000 });
      await input.fill(fileName, { timeout: 10000 });
      await page.locator(`.quick-input-widget .monaco-list-row[aria-label^="${fileName}"]`).first().click({ timeout: 10000 });
      await page.locator(`.tab[aria-label^="${fileName}"]`).first().waitFor({ timeout: 30000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

const vsix = readdirSync(ROOT).find(name => /^conference-recap-.*\.vsix$/.test(name));
if (!vsix) { log('no VSIX found: run `npm run package`'); process.exit(1); }
const server = ensureCodeServer('1.100');
const run = mkdtempSync(path.join(os.tmpdir(), 'recap-walkthrough-'));
const workspace = path.join(run, 'my-blog');
cpSync(path.join(ROOT, 'test', 'fixtures', 'site'), workspace, { recursive: true });
const env = { ...process.env, ...server.env, XDG_CONFIG_HOME: path.join(run, 'xdg-config'), XDG_DATA_HOME: path.join(run, 'xdg-data'), XDG_CACHE_HOME: path.join(run, 'xdg-cache') };
const userData = path.join(run, 'user-data');
const extensions = path.join(run, 'extensions');
mkdirSync(path.join(userData, 'User'), { recursive: true });
const settings = { ...JSON.parse(readFileSync(path.join(ROOT, 'scripts', 'vscode-test', 'settings.json'), 'utf8')), 'workbench.colorTheme': theme };
writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
const common = ['--user-data-dir', userData, '--extensions-dir', extensions];
const install = spawnSync(server.bin, [...common, '--install-extension', path.join(ROOT, vsix)], { env, encoding: 'utf8' });
if (install.status !== 0) { log(`installing ${vsix} failed:\n${install.stdout}${install.stderr}`); process.exit(1); }

const port = await freePort();
const logFile = path.join(run, 'server.log');
const codeServer = spawn(server.bin, ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
  '--disable-workspace-trust', '--disable-getting-started-override', ...common, workspace], { env, detached: true, stdio: ['ignore', openSync(logFile, 'w'), openSync(logFile, 'a')] });
const profile = mkdtempSync(path.join(os.tmpdir(), 'recap-chromium-'));
let context;
let ok = false;
try {
  for (let i = 0; i < 240; i++) {
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then(r => r.ok, () => false)) break;
    await new Promise(r => setTimeout(r, 250));
  }
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    env: { ...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile }, viewport: { width: 1400, height: 860 } });
  const page = context.pages()[0] || await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60000 });

  await palette(page, 'Welcome: Open Walkthrough');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Write a Conference Recap' }).first().click();
  const walkthrough = page.locator('.gettingStartedContainer');
  await walkthrough.locator('h2', { hasText: 'Write a Conference Recap' }).first().waitFor({ timeout: 60000 });
  for (const step of STEPS) await walkthrough.locator('.getting-started-step', { hasText: step }).first().waitFor({ timeout: 30000 });

  // As a reader would: the step's "Open a Post" button (Quick Open with .md typed), then a post with problems.
  await walkthrough.locator('.getting-started-step', { hasText: 'See a post checked' }).first().click();
  await walkthrough.getByRole('button', { name: 'Open a Post' }).first().click();
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 30000 });
  if ((await input.inputValue()) !== '.md') throw new Error(`"Open a Post" opened Quick Open with ${JSON.stringify(await input.inputValue())}, not ".md"`);
  await page.keyboard.press('Escape');
  await quickOpen(page, 'broken.md');
  await page.locator('.squiggly-error').first().waitFor({ timeout: 60000 });
  // Back to the walkthrough, opened afresh as a reader coming back to it would.
  await palette(page, 'Welcome: Open Walkthrough');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Write a Conference Recap' }).first().click();
  await walkthrough.locator('h2', { hasText: 'Write a Conference Recap' }).first().waitFor({ timeout: 60000 });
  // The step that completes on recap.hasCheckedPost shows its check mark.
  const done = () => page.evaluate(() => [...document.querySelectorAll('[data-done-step-id]')].filter(box => box.classList.contains('complete')).map(box => box.getAttribute('data-done-step-id')));
  try {
    await page.waitForFunction(() => document.querySelector('[data-done-step-id$="#checkPost"].complete, [data-done-step-id$="checkPost"].complete'), null, { timeout: 30000 });
  } catch (error) {
    throw new Error(`"See a post checked" is not done; done: ${JSON.stringify(await done())}, step ids: ${JSON.stringify(await page.evaluate(() => [...document.querySelectorAll('[data-done-step-id]')].map(box => box.getAttribute('data-done-step-id'))))}`);
  }
  log(`steps done once a post is open: ${(await done()).join(', ')}`);
  // "Show Detected Site" reports the fixture's Hugo site and its posts.
  await walkthrough.locator('.getting-started-step', { hasText: 'Open your site' }).first().click();
  await walkthrough.getByRole('button', { name: 'Show Detected Site' }).first().click();
  const toast = page.locator('.notification-toast', { hasText: 'Recap:' }).first();
  try {
    await toast.waitFor({ timeout: 30000 });
  } catch {
    log('no notification after the button: running Recap: Show Detected Site from the palette');
    await palette(page, 'Recap: Show Detected Site');
    await toast.waitFor({ timeout: 30000 });
  }
  const report = (await toast.locator('.notification-list-item-message').first().innerText()).trim();
  if (!/^Recap: Hugo site \(found hugo\.toml\): \d+ posts in content\.$/.test(report)) throw new Error(`Show Detected Site says ${JSON.stringify(report)}`);
  log(`Show Detected Site: ${report}`);
  await page.screenshot({ path: path.join(path.dirname(out), 'walkthrough-site.png') });
  await toast.locator('.codicon-notifications-clear, .codicon-close').first().click().catch(() => page.keyboard.press('Escape'));
  // Select the step with the picture of the talk picker, and let its media load.
  await walkthrough.locator('.getting-started-step', { hasText: 'Insert a FOSDEM talk' }).first().click();
  await walkthrough.locator('.getting-started-step[aria-expanded="true"]', { hasText: 'Insert a FOSDEM talk' }).waitFor({ timeout: 30000 });
  await page.mouse.move(0, 0);
  // The picture is drawn in the media pane's own frame, out of reach of a load event here: give it a moment.
  await page.waitForTimeout(2000);
  mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  log(`the walkthrough ${WALKTHROUGH} shows ${STEPS.length} steps, "See a post checked" done; screenshot: ${path.relative(ROOT, out)}`);
  ok = true;
} catch (error) {
  log(`FAILED: ${error.message}`);
  await context?.pages()[0]?.screenshot({ path: path.join(ROOT, 'test-results', 'walkthrough-failure.png') }).catch(() => {});
  if (process.env.RECAP_WALKTHROUGH_DEBUG) spawnSync('sh', ['-c', `find ${userData}/logs -name '*.log' | xargs tail -n 30`], { stdio: 'inherit' });
  try { log(`--- code-server log ---\n${readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n')}`); } catch { /* none */ }
} finally {
  await context?.close().catch(() => {});
  try { process.kill(-codeServer.pid, 'SIGTERM'); } catch { /* gone */ }
  rmSync(profile, { recursive: true, force: true });
  rmSync(run, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
