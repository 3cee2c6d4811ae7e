// Opens the extension's walkthrough in code-server (headless Chromium), checks that it shows its five steps
// with the site and checked-post steps done once a post is open, and saves a screenshot. After
// `npm run package`: node scripts/vscode-test/walkthroughShot.mjs [--theme "Default Light Modern"] [--out docs/walkthrough.png]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, ensureCodeServer } from './codeServer.mjs';
import { openWorkbench, palette, quickOpen } from './workbench.mjs';

const WALKTHROUGH = 'conference-recap.conference-recap#recap.gettingStarted';
const STEPS = ['Open your site', 'See a post checked', 'Insert a FOSDEM talk', 'Preview the post', 'Start a recap from your bookmarks'];
const option = (name, fallback) => { const at = process.argv.indexOf(name); return at > 0 ? process.argv[at + 1] : fallback; };
const out = path.resolve(ROOT, option('--out', 'test-results/walkthrough.png'));
const theme = option('--theme', 'Default Light Modern');
const log = message => process.stderr.write(`[walkthrough] ${message}\n`);

const vsix = readdirSync(ROOT).find(name => /^conference-recap-.*\.vsix$/.test(name));
if (!vsix) { log('no VSIX found: run `npm run package`'); process.exit(1); }
const server = ensureCodeServer('1.100');
const run = mkdtempSync(path.join(os.tmpdir(), 'recap-walkthrough-'));
const workspace = path.join(run, 'my-blog');
cpSync(path.join(ROOT, 'test', 'fixtures', 'site'), workspace, { recursive: true });
let workbench;
let ok = false;
try {
  workbench = await openWorkbench({ server, vsix, workspace, log, settings: { 'workbench.colorTheme': theme } });
  const { page } = workbench;
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60000 });

  await palette(page, 'Welcome: Open Walkthrough', { prefix: true });
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
  await palette(page, 'Welcome: Open Walkthrough', { prefix: true });
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
  if (workbench) {
    await workbench.page.screenshot({ path: path.join(ROOT, 'test-results', 'walkthrough-failure.png') }).catch(() => {});
    if (process.env.RECAP_WALKTHROUGH_DEBUG) spawnSync('sh', ['-c', `find ${workbench.userData}/logs -name '*.log' | xargs tail -n 30`], { stdio: 'inherit' });
    log(`--- code-server log ---\n${workbench.serverLog()}`);
  }
} finally {
  await workbench?.close();
  rmSync(run, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
