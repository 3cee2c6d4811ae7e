// Figures for the body checks (issue 4): scan + check of a long post with many shortcodes together
// with the front-matter lint, and path-completion latency over a big static folder.
import { performance } from 'node:perf_hooks';
import { pathCompletions } from '../../src/core/markdown/completions';
import { resolveConfig } from '../../src/core/site/config';
import { lint } from '../../src/core/lint/lint';
import { siteAt, type SiteInfo } from '../../src/core/site/site';
import type { FileHost } from '../../src/core/host';
import { buildSiteIndex } from '../../src/core/site/files';
import { memoryHost } from '../unit/helpers';
import { timeMedian, type Figure } from './timing';

/** 5,000 lines, 500 shortcodes (images, figures, relrefs, a paired note), links, code fences. */
export function shortcodePost(lines = 5000, shortcodes = 500): string {
  const front = ['---', 'title: "FOSDEM 2025: the observability devroom"', 'date: 2025-02-03', 'draft: false', 'authors: [Jose Gomez-Selles]',
    'tags: [fosdem, observability]', 'categories: [conferences]', 'images: ["/blog/fosdem-2025/img-0.webp"]', 'summary: "What we saw."', '---', ''];
  const body: string[] = [];
  let used = 0;
  for (let i = 0; body.length < lines - front.length; i++) {
    const kind = i % 5;
    const shortcode = used >= shortcodes ? `Plain paragraph ${i}.`
      : kind === 0 ? `{{< image href="/blog/fosdem-2025/img-${i % 200}.webp" alt="Slide ${i}" >}}`
      : kind === 1 ? `{{< figure src="/blog/fosdem-2025/img-${(i + 1) % 200}.webp" caption="Talk ${i}" >}}`
      : kind === 2 ? `See [day ${i}]({{< relref "posts/post-${i % 50}" >}}).`
      : kind === 3 ? `{{< note >}}A note ${i}.{{< /note >}}`
      : `{{< youtube id${i} >}}`;
    if (used < shortcodes) used += kind === 3 ? 2 : 1;
    body.push(`## Talk ${i}`, '', `[How to Monitor the Monitoring](https://fosdem.org/2025/schedule/event/${i}/) by [Roman](https://fosdem.org/2025/schedule/speaker/roman/) on *metrics* and \`PromQL\`.`,
      shortcode, '', i % 10 === 0 ? '```yaml\nscrape_interval: 15s\n```' : '- one point', i % 100 === 7 ? '- a mistake: ![](/blog/fosdem-2025/img-x.webp) and [a link](github.com/x)' : `- another point with ![a chart](/blog/fosdem-2025/img-${i % 200}.webp)`, '');
  }
  return [...front, ...body].join('\n');
}

/** The bench site: 20,000 static files (200 folders × 100), the post's 200 images, 50 posts, a few shortcode templates. */
export async function benchSite(): Promise<{ host: FileHost; site: SiteInfo }> {
  const files = new Map<string, string>([['/site/hugo.toml', 'title = "bench"\n']]);
  for (let d = 0; d < 200; d++) for (let f = 0; f < 100; f++) files.set(`/site/static/blog/conf-${d}/${f % 3 === 0 ? `notes-${f}.pdf` : `img-${f}.webp`}`, '');
  for (let f = 0; f < 200; f++) files.set(`/site/static/blog/fosdem-2025/img-${f}.webp`, '');
  for (let p = 0; p < 50; p++) files.set(`/site/content/posts/post-${p}.md`, '---\ntitle: x\n---\n');
  files.set('/site/layouts/shortcodes/image.html', '<img src="{{ .Get "href" }}" alt="{{ .Get "alt" }}">');
  files.set('/site/layouts/shortcodes/note.html', '<aside>{{ .Inner }}</aside>');
  const host = memoryHost(files);
  const site = await siteAt(host, '/site');
  if (!site) throw new Error('bench site not found');
  return { host, site };
}

export async function benchBody(): Promise<Figure[]> {
  const { host, site } = await benchSite();
  const indexStart = performance.now();
  const index = await buildSiteIndex(host, site);
  const indexMs = performance.now() - indexStart;

  const post = shortcodePost();
  const config = resolveConfig({ detectedPreset: 'hugo' });
  const filePath = '/site/content/posts/long.md';
  let findings = 0;
  const check = timeMedian(200, () => { findings = lint({ text: post, filePath, config, siteIndex: index }).findings.length; }, 10);
  const frontMatterOnly = timeMedian(200, () => lint({ text: post, filePath, config, frontMatterOnly: true }), 10);

  const prefixes = ['/', '/blog/', '/blog/conf-1', '/blog/conf-150/', '/blog/conf-150/img-4', '/blog/fosdem-2025/'];
  const completion = timeMedian(500, () => { for (const prefix of prefixes) pathCompletions(index, filePath, prefix, 200); }, 10) / prefixes.length;

  const rows: [string, number, string, string?][] = [
    [`scan + check a 5,000-line post, 500 shortcodes, with front matter (median of 200; ${findings} findings)`, check, 'ms', '< 5 ms'],
    ['  of which front-matter lint alone (median of 200)', frontMatterOnly, 'ms'],
    ['build the site index: 20,000 static files (in-memory host)', indexMs, 'ms'],
    ['path completion over 20,000 static files (median per request)', completion, 'ms'],
  ];
  return rows.map(([name, value, unit, budget]) => ({ name, value, unit, budget }));
}
