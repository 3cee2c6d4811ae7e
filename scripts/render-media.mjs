// Renders the marketplace icon (media/src/icon.svg → media/icon.png, 128×128) and the walkthrough's
// pictures (crops of the README's screenshots in docs/) with headless Chromium. Run it after changing
// the icon or a screenshot: node scripts/render-media.mjs
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './vscode-test/chromium.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/**
 * Walkthrough pictures: target in media/walkthrough/ ← pieces of the README's screenshots in docs/ (in the
 * source's pixels), stacked. The walkthrough shows its media about 450 px wide: crops stay narrow to be read.
 */
const CROPS = [
  ['check-post.png', [['screenshot.png', { x: 348, y: 92, width: 700, height: 162 }], ['screenshot.png', { x: 348, y: 556, width: 700, height: 228 }]]],
  ['insert-talk.png', [['insert-talk.png', { x: 350, y: 0, width: 660, height: 330 }]]],
  ['preview.png', [['new-recap.png', { x: 925, y: 43, width: 575, height: 640 }]]],
  ['new-recap.png', [['new-recap.png', { x: 350, y: 43, width: 575, height: 640 }]]],
];

const dataUrl = (file, type) => `data:${type};base64,${readFileSync(file).toString('base64')}`;

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const icon = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await icon.setContent(`<body style="margin:0"><img src="${dataUrl(path.join(ROOT, 'media', 'src', 'icon.svg'), 'image/svg+xml')}" width="128" height="128" style="display:block"></body>`);
  await icon.screenshot({ path: path.join(ROOT, 'media', 'icon.png'), omitBackground: true });
  for (const [target, pieces] of CROPS) {
    const width = Math.max(...pieces.map(([, clip]) => clip.width));
    const height = pieces.reduce((sum, [, clip]) => sum + clip.height, 0);
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    // Each piece: a window onto its source at its own size, shifted so the crop's corner shows.
    const html = pieces.map(([source, clip]) => `<div style="position:relative;overflow:hidden;width:${clip.width}px;height:${clip.height}px"><img src="${dataUrl(path.join(ROOT, 'docs', source), 'image/png')}" style="display:block;position:absolute;left:${-clip.x}px;top:${-clip.y}px"></div>`).join('');
    await page.setContent(`<body style="margin:0;overflow:hidden;background:#fff">${html}</body>`);
    await page.locator('img').evaluateAll(images => Promise.all(images.map(img => img.decode())));
    const file = path.join(ROOT, 'media', 'walkthrough', target);
    await page.screenshot({ path: file });
    // Screenshots of a few colours: pngquant (Debian's package) makes them a third of the size, unchanged to the eye.
    const quantized = spawnSync('pngquant', ['--quality=70-90', '--speed', '1', '--force', '--output', file, file]);
    if (quantized.error) process.stderr.write(`pngquant is not installed (apt-get install pngquant): ${target} left unquantized, about three times larger\n`);
    process.stderr.write(`media/walkthrough/${target} ← ${pieces.map(([source]) => `docs/${source}`).join(' + ')} (${width}×${height})\n`);
  }
} finally {
  await browser.close();
}
