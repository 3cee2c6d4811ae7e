// Figures for the preview renderer (issue 5): render time of a 5,000-line post with shortcodes, and
// the overhead of our plugins over plain markdown-it (same base options) on the same text.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createPlainRenderer, createRenderer, renderPost } from '../../src/core/render/render';
import { siteAt } from '../../src/core/site/site';
import { buildSiteIndex, type SiteIndex } from '../../src/core/site/files';
import { memoryHost } from '../unit/helpers';
import { benchSite, shortcodePost } from './body';
import { median, timeMedian, type Figure } from './timing';

const SAMPLES = path.join(__dirname, '..', 'fixtures', 'samples');

/** The body of a real post (front matter cut) repeated to `lines` lines. */
function repeatedBody(text: string, lines: number): string {
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, '').split('\n');
  const out: string[] = [];
  while (out.length < lines) out.push(...body, '');
  return out.slice(0, lines).join('\n');
}

/** A site where every site-absolute image the post names exists (as on the author's machine). */
async function siteFor(text: string): Promise<SiteIndex> {
  const files = new Map<string, string>([['/site/hugo.toml', 'title = "bench"\n']]);
  for (const match of text.matchAll(/(?:src|href)="(\/[^"]+)"|\]\((\/[^)\s]+)/g)) files.set(`/site/static${match[1] ?? match[2]}`, '');
  const host = memoryHost(files);
  const site = await siteAt(host, '/site');
  if (!site) throw new Error('bench site not found');
  return buildSiteIndex(host, site);
}

/**
 * Ours over plain markdown-it on the same body: the two are timed in alternation, so a busy machine
 * slows both alike, and the figure is the median of the per-pair ratios (with the medians of each).
 */
function overhead(body: string, env: () => Record<string, unknown>, pairs = 150): { plainMs: number; oursMs: number; ratio: number } {
  const plain = createPlainRenderer();
  const ours = createRenderer();
  for (let i = 0; i < 10; i++) {
    plain.render(body);
    ours.render(body, env());
  }
  const plainTimes: number[] = [];
  const oursTimes: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < pairs; i++) {
    let start = performance.now();
    plain.render(body);
    const plainMs = performance.now() - start;
    start = performance.now();
    ours.render(body, env());
    const oursMs = performance.now() - start;
    plainTimes.push(plainMs);
    oursTimes.push(oursMs);
    ratios.push(oursMs / plainMs);
  }
  return { plainMs: median(plainTimes), oursMs: median(oursTimes), ratio: median(ratios) };
}

export async function benchRender(): Promise<Figure[]> {
  // The body bench's site, where the post's images and relref targets exist (but one image in 100 is
  // missing, as in a real draft): the figure is the render of a recap post, not of a page of placeholders.
  const { host, site } = await benchSite();
  const filePath = '/site/content/posts/long.md';
  const index = await buildSiteIndex(host, site);
  const post = shortcodePost(5000, 500);
  const resolveResource = (file: string) => `https://file+.vscode-resource.vscode-cdn.net${file}`;
  const options = { filePath, index, resolveResource, locale: 'en' };

  const full = timeMedian(50, () => renderPost(post, options), 10);

  // Overhead: the same body text through plain markdown-it and through ours (env with the site, as the panel does).
  const body = post.slice(post.indexOf('\n---\n') + 5);
  const generated = overhead(body, () => ({ recap: { filePath, index, resolveResource, warnings: [] } }));
  const figures: Figure[] = [
    { name: 'render a 5,000-line post with 500 shortcodes, images in the site (median of 50)', value: full, unit: 'ms' },
    { name: 'plain markdown-it on the same body (median of 150, alternating with ours)', value: generated.plainMs, unit: 'ms' },
    { name: 'our renderer on the same body (median of 150)', value: generated.oursMs, unit: 'ms' },
    { name: 'renderer overhead over plain markdown-it (median of the 150 pairs\' ratios)', value: generated.ratio, unit: '×', budget: '≤ 1.3×' },
  ];
  // The real samples (raw <img> tags, links without a scheme, shortcodes), each repeated to 5,000 lines
  // in a site that has their images.
  for (const file of readdirSync(SAMPLES).filter(name => name.endsWith('.md')).sort()) {
    const text = readFileSync(path.join(SAMPLES, file), 'utf8');
    const sampleIndex = await siteFor(text);
    const sampleBody = repeatedBody(text, 5000);
    const result = overhead(sampleBody, () => ({ recap: { filePath: '/site/content/posts/sample.md', index: sampleIndex, resolveResource, warnings: [] } }));
    figures.push({ name: `renderer overhead on ${file} repeated to 5,000 lines (plain ${result.plainMs.toFixed(1)} ms, ours ${result.oursMs.toFixed(1)} ms)`, value: result.ratio, unit: '×', budget: '≤ 1.3×' });
  }
  return figures;
}
