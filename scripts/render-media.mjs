// Renders the marketplace icon (media/src/icon.svg → media/icon.png, 128×128) and the walkthrough's
// pictures (crops of the README's screenshots in docs/) with headless Chromium. Run it after changing
// the icon or a screenshot: node scripts/render-media.mjs
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './vscode-test/chromium.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** Walkthrough pictures: [source in docs/, target in media/walkthrough/, crop in the source's pixels]. */
const CROPS = [
  ['screenshot.png', 'check-post.png', { x: 348, y: 92, width: 1052, height: 692 }],
  ['insert-talk.png', 'insert-talk.png', { x: 350, y: 0, width: 940, height: 500 }],
  ['new-recap.png', 'preview.png', { x: 353, y: 43, width: 1147, height: 857 }],
  ['new-recap.png', 'new-recap.png', { x: 350, y: 43, width: 575, height: 857 }],
];

const dataUrl = (file, type) => `data:${type};base64,${readFileSync(file).toString('base64')}`;

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const icon = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await icon.setContent(`<body style="margin:0"><img src="${dataUrl(path.join(ROOT, 'media', 'src', 'icon.svg'), 'image/svg+xml')}" width="128" height="128" style="display:block"></body>`);
  await icon.screenshot({ path: path.join(ROOT, 'media', 'icon.png'), omitBackground: true });
  for (const [source, target, clip] of CROPS) {
    const page = await browser.newPage({ viewport: { width: clip.width, height: clip.height }, deviceScaleFactor: 1 });
    // The source at its own size, shifted so the crop's corner sits at the page's origin.
    await page.setContent(`<body style="margin:0;overflow:hidden"><img src="${dataUrl(path.join(ROOT, 'docs', source), 'image/png')}" style="display:block;position:absolute;left:${-clip.x}px;top:${-clip.y}px"></body>`);
    await page.locator('img').evaluate(img => img.decode());
    await page.screenshot({ path: path.join(ROOT, 'media', 'walkthrough', target) });
    process.stderr.write(`media/walkthrough/${target} ← docs/${source} (${clip.width}×${clip.height})\n`);
  }
} finally {
  await browser.close();
}
