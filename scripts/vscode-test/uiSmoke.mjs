// UI smoke test: installs the built VSIX into code-server, opens the fixture site in headless Chromium,
// opens a post without front matter, runs "Recap: Add Front Matter" from the command palette, checks the
// editor, then opens a broken post with the Problems panel and saves screenshots to test-results/.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { ROOT } from './codeServer.mjs';
import { openWorkbench, palette, quickOpen } from './workbench.mjs';

const RESULTS = path.join(ROOT, 'test-results');

function log(message) {
  process.stderr.write(`[ui-smoke] ${message}\n`);
}

/** Serves test/fixtures/schedules/fosdem-2025-schedule.xml as https://fosdem.org/2025/schedule/xml would. */
function startScheduleServer() {
  const body = readFileSync(path.join(ROOT, 'test', 'fixtures', 'schedules', 'fosdem-2025-schedule.xml'));
  const server = http.createServer((request, response) => {
    if (request.url === '/2025/schedule/xml') response.writeHead(200, { 'content-type': 'application/xml' }).end(body);
    else response.writeHead(404).end();
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}

/** Waits for a row of the open quick pick whose label starts with `label`. */
const quickPickRow = (page, label) => page.locator(`.quick-input-widget .monaco-list-row[aria-label^="${label.replace(/"/g, '\\"')}"]`).first();

const editorText = page => page.evaluate(() => {
  const lines = [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')];
  // Lines are absolutely positioned: sort them by their top offset.
  return lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top)).map(line => line.textContent.replace(/\u00a0/g, ' ')).join('\n');
});

export async function runUiSmokeTest({ server, workspace }) {
  const started = Date.now();
  const vsix = readdirSync(ROOT).find(name => /^conference-recap-.*\.vsix$/.test(name));
  if (!vsix) { log('no VSIX found: run `npm run package`'); return false; }
  // fosdem.org is out of reach here: a local server hands out a real FOSDEM 2025 schedule instead.
  const schedules = await startScheduleServer();
  mkdirSync(RESULTS, { recursive: true });
  let workbench;
  let ok = false;
  try {
    workbench = await openWorkbench({ server, vsix, workspace, log, settings: { 'recap.schedules': [{ name: 'FOSDEM', url: `${schedules.url}/{year}/schedule/xml` }] } });
    const { page } = workbench;
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await page.locator('.statusbar').waitFor({ timeout: 60000 });
    // The workbench has restored the folder once the explorer lists it.
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60000 });

    await quickOpen(page, 'no-front-matter.md');
    // Monaco renders spaces as no-break spaces.
    await page.waitForFunction(() => document.querySelector('.editor-instance .view-lines')?.textContent?.replace(/\u00a0/g, ' ').includes('FOSDEM 2025 recap'), null, { timeout: 45000 });
    await palette(page, 'Recap: Add Front Matter');
    await page.waitForFunction(() => {
      const text = document.querySelector('.editor-instance .view-lines')?.textContent?.replace(/\u00a0/g, ' ') ?? '';
      return text.startsWith('---') && text.includes('title: FOSDEM 2025 recap');
    }, null, { timeout: 45000 });
    const text = await editorText(page);
    log(`editor after "Recap: Add Front Matter":\n${text.split('\n').slice(0, 6).map(line => `    ${line}`).join('\n')}`);
    if (!/^---\ntitle: FOSDEM 2025 recap\ndate: \d{4}-\d{2}-\d{2}\n---/.test(text)) throw new Error('the front matter block is not what was expected');
    await page.keyboard.press('Escape'); // leave snippet mode
    await page.screenshot({ path: path.join(RESULTS, 'ui-add-front-matter.png') });

    // "Insert FOSDEM Talk": year from the post, type part of a speaker's name, tick two talks, insert.
    await quickOpen(page, '2025-02-14-fosdem-2025.md');
    await page.locator('.editor-instance .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await palette(page, 'Recap: Insert FOSDEM Talk…');
    await quickPickRow(page, '2025').waitFor({ timeout: 45000 });
    await page.keyboard.press('Enter');
    const input = page.locator('.quick-input-widget input[type="text"], .quick-input-widget .quick-input-box input').first();
    // The talk pick replaces the year pick once the schedule is loaded.
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'FOSDEM 2025 talks' }).waitFor({ timeout: 60000 });
    // The talks are listed: the pick takes typing now.
    await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ timeout: 45000 });
    await input.click();
    await input.pressSequentially('khavron', { delay: 40 });
    await quickPickRow(page, 'How to monitor the monitoring').waitFor({ timeout: 30000 });
    await quickPickRow(page, 'How to monitor the monitoring').click();
    await input.fill('');
    await input.pressSequentially('performance impact', { delay: 40 });
    await quickPickRow(page, 'The performance impact of auto-instrumentation').waitFor({ timeout: 30000 });
    await quickPickRow(page, 'The performance impact of auto-instrumentation').click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(RESULTS, 'ui-insert-talk-pick.png') });
    await input.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 30000 });
    await page.waitForFunction(() => (document.querySelector('.editor-instance .view-lines')?.textContent ?? '').includes('Khavronenko'), null, { timeout: 30000 });
    const inserted = await editorText(page);
    log(`editor after "Recap: Insert FOSDEM Talk…":\n${inserted.split('\n').filter(line => line.includes('fosdem.org/2025/schedule/event')).map(line => `    ${line}`).join('\n')}`);
    for (const expected of ['[How to monitor the monitoring](https://fosdem.org/2025/schedule/event/fosdem-2025-5388-how-to-monitor-the-monitoring/) by [Roman Khavronenko](https://fosdem.org/2025/schedule/speaker/roman_khavronenko/)',
      '[The performance impact of auto-instrumentation](https://fosdem.org/2025/schedule/event/fosdem-2025-5502-the-performance-impact-of-auto-instrumentation/)']) {
      if (!inserted.includes(expected)) throw new Error(`the inserted Markdown lacks ${expected}`);
    }
    await page.screenshot({ path: path.join(RESULTS, 'ui-insert-talk.png') });

    // The preview beside the editor: a webview tab titled after the post.
    await palette(page, 'Recap: Open Preview to the Side');
    await page.locator('.tab[aria-label^="Recap: FOSDEM 2025 recap"]').first().waitFor({ timeout: 45000 });
    const previewFrame = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    await previewFrame.locator('header.recap-header').waitFor({ timeout: 45000 });
    const previewTitle = await previewFrame.locator('header.recap-header').innerText();
    if (!previewTitle.includes('FOSDEM 2025 recap')) throw new Error(`the preview's header card says ${JSON.stringify(previewTitle)}`);
    await page.waitForTimeout(1000);
    await page.screenshot({ path: path.join(RESULTS, 'ui-preview.png') });
    log('preview beside the editor: header card and body rendered');

    // Double-click a heading of the page (no link in it): the editor's cursor goes to its source line.
    const paragraph = previewFrame.locator('#recap-content h2.code-line').last();
    const sourceLine = Number(await paragraph.getAttribute('data-line'));
    await paragraph.dblclick();
    await page.waitForFunction(line => [...document.querySelectorAll('.statusbar-item')].some(item => new RegExp(`\\bLn ${line},`).test(item.textContent ?? '')), sourceLine + 1, { timeout: 30000 });
    log(`double-click in the preview: the cursor went to line ${sourceLine + 1}`);

    // "Developer: Reload Window" (VS Code saves its editors' state first): VS Code asks the extension
    // to restore the panel, on the same post.
    await palette(page, 'Developer: Reload Window');
    await page.waitForLoadState('load');
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await page.locator('.tab[aria-label^="Recap: FOSDEM 2025 recap"]').first().waitFor({ timeout: 60000 });
    await page.locator('.tab[aria-label^="Recap: FOSDEM 2025 recap"]').first().click();
    await page.frameLocator('iframe.webview').frameLocator('iframe#active-frame').locator('header.recap-header').waitFor({ timeout: 60000 });
    log('after a window reload the preview came back on its post');
    await page.screenshot({ path: path.join(RESULTS, 'ui-preview-reloaded.png') });
    await palette(page, 'View: Close All Editors');

    // The picture for the README: a broken post with its diagnostics in the Problems panel.
    await quickOpen(page, 'broken.md');
    await palette(page, 'View: Focus Problems (Errors, Warnings, Infos)').catch(() => palette(page, 'Problems: Focus on Problems View'));
    await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 45000 });
    await page.waitForFunction(() => [...document.querySelectorAll('.markers-panel .monaco-list-row')].some(row => row.textContent.includes('frontmatter/date')), null, { timeout: 45000 });
    await page.waitForTimeout(1000);
    await page.screenshot({ path: path.join(RESULTS, 'ui-smoke.png') });
    ok = true;
  } catch (error) {
    log(`FAILED: ${error.message}`);
    if (workbench) {
      await workbench.page.screenshot({ path: path.join(RESULTS, 'ui-smoke-failure.png') }).catch(() => {});
      log(`--- code-server log ---\n${workbench.serverLog()}`);
    }
  } finally {
    await workbench?.close();
    rmSync(workspace, { recursive: true, force: true });
    schedules.close();
  }
  log(`${ok ? 'PASS' : 'FAIL'} in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in test-results/`);
  return ok;
}
