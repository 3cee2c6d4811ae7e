// Figures for the preview renderer (issue 5): render time of a 5,000-line post with shortcodes, and
// the overhead of our plugins over plain markdown-it (same base options) on the same text.
import { createPlainRenderer, createRenderer, renderPost } from '../../src/core/render/render';
import { buildSiteIndex } from '../../src/core/siteFiles';
import { benchSite, shortcodePost } from './body';
import { median, timeMedian, type Figure } from './timing';

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
  const plain = createPlainRenderer();
  const ours = createRenderer();
  let plainMs = 0;
  let oursMs = 0;
  const ratios: number[] = [];
  for (let round = 0; round < 5; round++) {
    plainMs = timeMedian(30, () => plain.render(body), 10);
    oursMs = timeMedian(30, () => ours.render(body, { recap: { filePath, index, resolveResource, warnings: [] } }), 10);
    ratios.push(oursMs / plainMs);
  }
  return [
    { name: 'render a 5,000-line post with 500 shortcodes, images in the site (median of 50)', value: full, unit: 'ms' },
    { name: 'plain markdown-it on the same body (median of 30)', value: plainMs, unit: 'ms' },
    { name: 'our renderer on the same body (median of 30)', value: oursMs, unit: 'ms' },
    { name: 'renderer overhead over plain markdown-it (median of 5 rounds)', value: median(ratios), unit: '×', budget: '≤ 1.3×' },
  ];
}
