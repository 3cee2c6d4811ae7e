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

/** Opens the palette on `>Recap` and compares its rows with `expected`; 0 when all are there. */
async function checkPalette(page, expected) {
  try {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 30000 });
    await input.fill('>Recap');
    const rows = page.locator('.quick-input-widget .monaco-list-row');
    await rows.first().waitFor({ state: 'visible', timeout: 30000 });
    // The list is virtual: read each expected row by its label rather than the whole list.
    const missing = [];
    for (const label of expected) {
      await input.fill(`>${label}`);
      const row = page.locator(`.quick-input-widget .monaco-list-row[aria-label="${label}"], .quick-input-widget .monaco-list-row[aria-label^="${label},"]`).first();
      if (!(await row.waitFor({ state: 'visible', timeout: 15000 }).then(() => true, () => false))) missing.push(label);
    }
    await page.keyboard.press('Escape');
    if (missing.length) {
      const shown = await rows.evaluateAll(elements => elements.map(element => element.getAttribute('aria-label')));
      console.error(`the palette lacks ${JSON.stringify(missing)}; it shows ${JSON.stringify(shown)}`);
      return 1;
    }
    console.log(`the palette lists ${expected.map(label => JSON.stringify(label)).join(', ')}`);
    return 0;
  } catch (error) {
    console.error(`reading the palette failed: ${error && error.message}`);
    return 1;
  }
}

/**
 * Opens the walkthrough as a user would (F1, "Welcome: Open Walkthrough…", its row by its title) and waits for its
 * heading and every step title in `expected` ({ title, steps }); 0 when all are shown.
 */
async function checkWalkthrough(page, expected) {
  try {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 30000 });
    await input.fill('>Welcome: Open Walkthrough');
    await page.locator('.quick-input-widget .monaco-list-row[aria-label^="Welcome: Open Walkthrough"]').first().click({ timeout: 30000 });
    // The walkthroughs are listed by their (localised) titles.
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: expected.title }).first().click({ timeout: 30000 });
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.locator('h2', { hasText: expected.title }).first().waitFor({ state: 'visible', timeout: 30000 });
    const missing = [];
    for (const step of expected.steps) {
      if (!(await walkthrough.locator('.getting-started-step', { hasText: step }).first().waitFor({ state: 'attached', timeout: 15000 }).then(() => true, () => false))) missing.push(step);
    }
    if (missing.length) {
      const shown = await walkthrough.locator('.getting-started-step h3').allInnerTexts();
      console.error(`the walkthrough lacks the steps ${JSON.stringify(missing)}; it shows ${JSON.stringify(shown)}`);
      return 1;
    }
    console.log(`the walkthrough shows ${JSON.stringify(expected.title)} with the steps ${expected.steps.map(step => JSON.stringify(step)).join(', ')}`);
    return 0;
  } catch (error) {
    const headings = await page.locator('.gettingStartedContainer h2').allInnerTexts().catch(() => []);
    console.error(`reading the walkthrough failed: ${error && error.message}; headings shown: ${JSON.stringify(headings)}`);
    return 1;
  }
}

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
  let page;
  let code = await new Promise(async resolve => {
    const timer = setTimeout(() => { console.error(`extension tests timed out after ${timeoutMs / 1000} s`); resolve(124); }, timeoutMs);
    await context.exposeBinding('codeAutomationLog', (_source, type, args) => console[type === 'error' ? 'error' : 'log'](...(args || [])));
    await context.exposeBinding('codeAutomationExit', (_source, exitCode) => { clearTimeout(timer); resolve(exitCode); });
    page = context.pages()[0] || await context.newPage();
    if (process.env.VERBOSE) page.on('console', message => console.log('[workbench]', message.text()));
    await page.goto(url.toString());
  });
  // RECAP_PALETTE_EXPECT (a JSON list of labels): after the tests, the F1 palette must list these commands as the
  // user reads them (the French run checks the titles of package.nls.fr.json in the real workbench).
  if (code === 0 && process.env.RECAP_PALETTE_EXPECT) code = await checkPalette(page, JSON.parse(process.env.RECAP_PALETTE_EXPECT));
  // RECAP_WALKTHROUGH_EXPECT ({ title, steps }): then the walkthrough, opened from the palette, shows these texts.
  if (code === 0 && process.env.RECAP_WALKTHROUGH_EXPECT) code = await checkWalkthrough(page, JSON.parse(process.env.RECAP_WALKTHROUGH_EXPECT));
  await context.close().catch(() => {});
  fs.rmSync(profile, { recursive: true, force: true });
  console.log(`extension host tests exited with ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(code);
})();
