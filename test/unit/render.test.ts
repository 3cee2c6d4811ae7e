import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { parse as parseHtml, type DefaultTreeAdapterMap } from 'parse5';
import type { MarkdownIt as MarkdownItInstance } from 'markdown-it';
import { main } from '../../src/cli/main';
import { nodeFileHost } from '../../src/node/fileHost';
import { standalonePage } from '../../src/core/render/page';
import { createRenderer, fosdemLinkClass, recapPlugin, renderPost, siteEnablesEmoji, type RenderOptions } from '../../src/core/render/render';
import type { RenderContext } from '../../src/core/render/context';
import { shortcodePlugin } from '../../src/core/render/shortcodePlugin';
import { parseScheduleUrl } from '../../src/core/schedule/links';
import { findSite, parseGeneratorConfig } from '../../src/core/site/site';
import { buildSiteIndex, type SiteIndex } from '../../src/core/site/files';
import { fixture, FIXTURES } from './helpers';

const SITE = path.join(FIXTURES, 'site');
const POSTS = path.join(SITE, 'content', 'posts');
const SAMPLE = fixture('samples', 'fosdem-2025-victoriametrics.md');
/** The sample as if it were a post of the fixture site. */
const SAMPLE_PATH = path.join(POSTS, '2025-02-14-victoriametrics.md');
const BUNDLE = path.join(POSTS, '2024-07-01-bundle', 'index.md');

const resolveResource = (file: string) => `res:${path.relative(SITE, file).split(path.sep).join('/')}`;

/** 0-based line of the first line of `text` that starts with `start`. */
function lineOf(text: string, start: string): number {
  const line = text.split('\n').findIndex(l => l.startsWith(start));
  assert.notEqual(line, -1, `no line starts with ${start}`);
  return line;
}

type HtmlNode = DefaultTreeAdapterMap['node'];
type HtmlElement = DefaultTreeAdapterMap['element'];

function* elementsOf(node: HtmlNode): Generator<HtmlElement> {
  if ('tagName' in node) yield node;
  for (const child of 'childNodes' in node ? node.childNodes : []) yield* elementsOf(child);
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64');

/**
 * The page as a browser parses it: its CSP meta (directives by name) and its <style> texts. Fails
 * unless the page has exactly one CSP, in <head>, before the first style.
 */
function pageSecurity(page: string): { csp: Map<string, string[]>; styles: string[]; head: HtmlElement } {
  const document = parseHtml(page);
  const head = [...elementsOf(document)].find(element => element.tagName === 'head')!;
  const inHead = [...elementsOf(head)];
  const metas = inHead.filter(element => element.tagName === 'meta' && element.attrs.some(a => a.name === 'http-equiv' && a.value.toLowerCase() === 'content-security-policy'));
  assert.equal(metas.length, 1, 'one CSP meta in <head>');
  assert.ok(inHead.indexOf(metas[0]) < inHead.findIndex(element => element.tagName === 'style'), 'the CSP comes before the styles');
  const content = metas[0].attrs.find(a => a.name === 'content')!.value;
  const csp = new Map(content.split(';').map(part => part.trim().split(/\s+/)).filter(words => words[0]).map(([name, ...values]) => [name, values] as [string, string[]]));
  const styles = [...elementsOf(document)].filter(element => element.tagName === 'style')
    .map(element => element.childNodes.map(child => ('value' in child ? child.value : '')).join(''));
  return { csp, styles, head };
}

/** Quiet stdout/stderr while `work` runs; returns what was written. */
async function capture(work: () => Promise<number>): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  let stdout = '';
  let stderr = '';
  process.stdout.write = ((chunk: string | Uint8Array) => { stdout += String(chunk); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => { stderr += String(chunk); return true; }) as typeof process.stderr.write;
  try {
    const code = await work();
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

describe('renderer (issue 5)', () => {
  let index: SiteIndex;
  let options: (filePath: string, extra?: Partial<RenderOptions>) => RenderOptions;

  before(async () => {
    index = await buildSiteIndex(nodeFileHost, (await findSite(nodeFileHost, SAMPLE_PATH))!);
    options = (filePath, extra = {}) => ({ filePath, index, resolveResource, locale: 'en-US', ...extra });
  });

  describe('the real sample (FOSDEM 2025, VictoriaMetrics) in the fixture site', () => {
    it('shows a header card from the front matter, not the front matter as text', () => {
      const result = renderPost(SAMPLE, options(SAMPLE_PATH));
      assert.equal(result.title, 'FOSDEM 2025 recap');
      assert.match(result.headerHtml, /^<header class="recap-header code-line" data-line="0">/);
      assert.match(result.headerHtml, /<h1 class="recap-title">FOSDEM 2025 recap<\/h1>/);
      assert.match(result.headerHtml, /<time class="recap-date" datetime="2025-02-14">February 14, 2025<\/time>/);
      assert.match(result.headerHtml, /<span class="recap-author">Jose Gomez-Selles<\/span> and <span class="recap-author">Roman Khavronenko<\/span>/);
      assert.deepEqual([...result.headerHtml.matchAll(/<li class="recap-tag">([^<]*)</g)].map(m => m[1]), ['open source', 'monitoring', 'fosdem']);
      assert.deepEqual([...result.headerHtml.matchAll(/<li class="recap-category">([^<]*)</g)].map(m => m[1]), ['Open Source Tech', 'Monitoring']);
      // images[0] is /blog/fosdem-2025/preview.webp, absent from the fixture site: a placeholder and a warning on its key.
      assert.match(result.headerHtml, /<div class="recap-cover"><span class="recap-image-placeholder recap-image-missing"[^>]*>.*\/blog\/fosdem-2025\/preview\.webp/);
      assert.ok(result.warnings.some(w => w.line === lineOf(SAMPLE, 'images:') && w.message.includes('preview.webp')));
      assert.doesNotMatch(result.bodyHtml, /enableComments|blog_post|draft/);
      assert.equal(result.lineCount, SAMPLE.split('\n').length);
      assert.equal(result.html, `<article class="recap-post"><div id="recap-header">${result.headerHtml}</div><div id="recap-content">${result.bodyHtml}</div></article>`);
    });

    it('formats the date for the locale', () => {
      assert.match(renderPost(SAMPLE, options(SAMPLE_PATH, { locale: 'de' })).headerHtml, />14\. Februar 2025</);
      assert.match(renderPost(SAMPLE, options(SAMPLE_PATH, { locale: 'fr' })).headerHtml, />14 février 2025</);
    });

    it('resolves the site image shortcodes through static/ and resolveResource', () => {
      const { bodyHtml, warnings } = renderPost(SAMPLE, options(SAMPLE_PATH));
      assert.match(bodyHtml, /<figure class="recap-figure recap-figure-image image code-line" data-line="\d+" data-shortcode="image"><img src="res:static\/blog\/fosdem-2025\/the-state-of-go\.webp" alt="Opening of Golang DevRoom\. “The state of Go” by Maartje Eyskens" loading="lazy"><\/figure>/);
      assert.match(bodyHtml, /<img src="res:static\/blog\/fosdem-2025\/jose-intro\.webp" alt="" loading="lazy">/);
      // The others are not in the fixture site: placeholders with their path, warnings on their lines.
      assert.match(bodyHtml, /image not found:<\/span> <code class="recap-image-ref">\/blog\/fosdem-2025\/fosdem-campus-morning\.webp<\/code>/);
      assert.ok(warnings.some(w => w.line === lineOf(SAMPLE, '{{<image href="/blog/fosdem-2025/fosdem-campus-morning.webp"') && /Image not found/.test(w.message)));
      assert.equal(warnings.filter(w => /Image not found/.test(w.message)).length, 6);
      assert.doesNotMatch(bodyHtml, /\{\{&lt;image/);
    });

    it('puts data-line (0-based, front matter included) and code-line on every block', () => {
      const { bodyHtml } = renderPost(SAMPLE, options(SAMPLE_PATH));
      const heading = lineOf(SAMPLE, '## VictoriaMetrics FOSDEM 2025 recap');
      assert.equal(heading, 21);
      assert.match(bodyHtml, new RegExp(`<h2 data-line="${heading}" class="code-line" id="victoriametrics-fosdem-2025-recap">VictoriaMetrics FOSDEM 2025 recap</h2>`));
      assert.match(bodyHtml, new RegExp(`<h2 data-line="${lineOf(SAMPLE, '## Conclusion')}" class="code-line" id="conclusion">`));
      assert.match(bodyHtml, new RegExp(`<figure [^>]*data-line="${lineOf(SAMPLE, '{{<image href="/blog/fosdem-2025/the-state-of-go.webp"')}"`));
      assert.match(bodyHtml, new RegExp(`<p data-line="${lineOf(SAMPLE, 'In case you haven')}" class="code-line">In case`));
      // Every block element carries both.
      for (const tag of bodyHtml.match(/<(p|h[1-6]|figure|ul|ol|li|pre|blockquote|table|hr)\b[^>]*>/g) ?? []) {
        assert.match(tag, /data-line="\d+"/, tag);
        assert.match(tag, /code-line/, tag);
      }
    });

    it('marks FOSDEM talk, speaker and track links', () => {
      const { bodyHtml } = renderPost(SAMPLE, options(SAMPLE_PATH));
      assert.match(bodyHtml, /<a href="https:\/\/fosdem\.org\/2025\/schedule\/event\/fosdem-2025-5388-how-to-monitor-the-monitoring\/" class="recap-talk-link">/);
      assert.match(bodyHtml, /<a href="https:\/\/fosdem\.org\/2025\/schedule\/speaker\/roman_khavronenko\/" class="recap-speaker-link">Roman Khavronenko<\/a>/);
      assert.match(bodyHtml, /<a href="https:\/\/fosdem\.org\/2025\/schedule\/track\/monitoring\/" class="recap-track-link">/);
      assert.match(bodyHtml, /<a href="https:\/\/fosdem\.org\/">FOSDEM<\/a>/);
      assert.match(bodyHtml, /<a href="https:\/\/go\.dev\/">/);
    });

    it('classifies a link as FOSDEM talk, speaker or track exactly when the schedule link parser accepts it', () => {
      const urls = [
        'https://fosdem.org/2025/schedule/event/fosdem-2025-5388-how-to-monitor-the-monitoring/', 'https://archive.fosdem.org/2019/schedule/event/x/',
        'http://www.fosdem.org/schedule/speaker/roman_khavronenko', 'https://fosdem.org/2026/schedule/track/monitoring/#top', 'https://fosdem.org/2025/schedule/events/x/',
        'https://fosdem.org/2025/schedule/event/x/?lang=en', ' https://fosdem.org/2025/schedule/event/x/ ', 'https://fosdem.org/2025/schedule/', 'https://fosdem.org/2025/schedule/event/',
        'https://fosdem.org/2025/schedule/event/a/b/', 'https://fosdem.org.evil.example/2025/schedule/event/x/', 'https://evil.example/fosdem.org/2025/schedule/event/x/',
        'ftp://fosdem.org/2025/schedule/event/x/', 'https://fosdem.org/', 'https://fosdem.org/2025/schedule/room/k1105/',
      ];
      for (const url of urls) {
        const parsed = parseScheduleUrl(url);
        const expected = parsed ? { event: 'recap-talk-link', speaker: 'recap-speaker-link', track: 'recap-track-link' }[parsed.kind] : undefined;
        assert.equal(fosdemLinkClass(url), expected, url);
      }
    });
  });

  describe('shortcodes', () => {
    const render = (body: string, filePath = path.join(POSTS, 'x.md'), extra: Partial<RenderOptions> = {}) => renderPost(`---\ntitle: T\n---\n${body}`, options(filePath, extra));

    it('figure: image from the page bundle, link, title and Markdown caption', () => {
      const { bodyHtml } = render('{{< figure src="photo.jpg" alt="The devroom" title="Day 1" caption="A **full** room" link="https://fosdem.org/" class="wide" >}}', BUNDLE);
      assert.equal(bodyHtml, '<figure class="recap-figure recap-figure-figure wide code-line" data-line="3" data-shortcode="figure"><a href="https://fosdem.org/" class="recap-figure-link"><img src="res:content/posts/2024-07-01-bundle/photo.jpg" alt="The devroom" loading="lazy"></a><figcaption><h4>Day 1</h4><p>A <strong>full</strong> room</p></figcaption></figure>\n');
    });

    it('image with a caption, and Markdown images through the site', () => {
      const { bodyHtml } = render('{{< image href="/images/logo.png" alt="Logo" caption="Our _logo_" >}}\n\n![The devroom](photo.jpg "Full")', BUNDLE);
      assert.match(bodyHtml, /<figure class="recap-figure recap-figure-image image code-line" data-line="3" data-shortcode="image"><img src="res:static\/images\/logo\.png" alt="Logo" loading="lazy"><figcaption><p>Our <em>logo<\/em><\/p><\/figcaption><\/figure>/);
      assert.match(bodyHtml, /<p data-line="5" class="code-line"><img src="res:content\/posts\/2024-07-01-bundle\/photo\.jpg" alt="The devroom" title="Full" loading="lazy"><\/p>/);
    });

    it('relref: a link to the target post, or the ref with a class when unresolved', () => {
      const bundle = renderPost(readFileSync(BUNDLE, 'utf8'), options(BUNDLE));
      const target = path.join(SITE, 'content', 'tech', '2024-02-03-fosdem-2024-Jour-1.md');
      assert.match(bundle.bodyHtml, new RegExp(`<a href="res:content/tech/2024-02-03-fosdem-2024-Jour-1\\.md" class="recap-ref" data-source-file="${target.replace(/[.\\/]/g, '\\$&')}">the other recap</a>`));
      assert.match(bundle.bodyHtml, /<figure class="recap-figure recap-figure-figure code-line" data-line="13" data-shortcode="figure"><img src="res:content\/posts\/2024-07-01-bundle\/photo\.jpg" alt="The devroom"/);
      assert.deepEqual(bundle.warnings, []);

      const { bodyHtml, warnings } = render('See [day 2]({{< relref "tech/nope" >}} "Day 2") and {{< ref "posts/2024-02-01-post-2" >}}.');
      assert.match(bodyHtml, /<a href="tech\/nope" title="Day 2" class="recap-ref recap-ref-unresolved">day 2<\/a>/);
      assert.match(bodyHtml, /<a href="res:content\/posts\/2024-02-01-post-2\.md" class="recap-ref" data-source-file="[^"]+">posts\/2024-02-01-post-2<\/a>/);
      assert.deepEqual(warnings, [{ line: 3, message: 'relref target not found: tech/nope' }]);
    });

    it('unknown shortcodes are visible with their name and arguments; paired ones wrap their content', () => {
      const { bodyHtml } = render('{{< imgae href="/x.webp" alt="Jose" >}}\n\n{{< note type="warning" >}}\nInner **Markdown**.\n{{< /note >}}\n\nText {{< speaker "Roman" >}} and {{< note >}}inline *note*{{< /note >}}.');
      assert.match(bodyHtml, /<div class="recap-shortcode recap-shortcode-unknown code-line" data-line="3" data-shortcode="imgae" title="Unknown shortcode imgae: not rendered by the preview\."><span class="recap-shortcode-label"[^>]*><span class="recap-shortcode-delim">\{\{&lt;<\/span> <span class="recap-shortcode-name">imgae<\/span> <span class="recap-shortcode-args">href=&quot;\/x\.webp&quot; alt=&quot;Jose&quot;<\/span>/);
      assert.match(bodyHtml, /<div class="recap-shortcode recap-shortcode-unknown recap-shortcode-site recap-shortcode-paired code-line" data-line="5" data-shortcode="note" title="The site&#39;s shortcode note \(note\.html\): not rendered by the preview\.">.*<span class="recap-shortcode-name">note<\/span> <span class="recap-shortcode-args">type=&quot;warning&quot;<\/span>/);
      assert.match(bodyHtml, /<div class="recap-shortcode-inner">\n<p data-line="6" class="code-line">Inner <strong>Markdown<\/strong>\.<\/p>\n<\/div><\/div>/);
      assert.match(bodyHtml, /<span class="recap-shortcode recap-shortcode-unknown recap-shortcode-site" data-shortcode="speaker"[^>]*>.*<span class="recap-shortcode-args">&quot;Roman&quot;<\/span>/);
      assert.match(bodyHtml, /<span class="recap-shortcode recap-shortcode-unknown recap-shortcode-site recap-shortcode-paired recap-shortcode-inline" data-shortcode="note"[^>]*>.*inline <em>note<\/em><\/span>/);
    });

    it('an opening tag never closed is shown as a marker, the text after it still renders', () => {
      const post = readFileSync(path.join(POSTS, '2024-08-01-shortcodes.md'), 'utf8');
      const { bodyHtml } = renderPost(post, options(path.join(POSTS, '2024-08-01-shortcodes.md')));
      assert.match(bodyHtml, /recap-shortcode-open code-line" data-line="17" data-shortcode="note" title="This shortcode needs a closing tag\."/);
      assert.match(bodyHtml, /<p data-line="18" class="code-line">An aside that is never closed\.<\/p>/);
    });

    it('shortcodes in code spans and fences stay literal; the comment form prints the tag', () => {
      const { bodyHtml } = render('Use `{{< image href="/x.webp" >}}` here.\n\n```md\n{{< figure src="/y.png" >}}\n```\n\n    {{< youtube abc >}}\n\n{{</* figure src="/z.png" */>}}\n\nInline {{</* ref "a" */>}} too.');
      assert.match(bodyHtml, /<code>\{\{&lt; image href=&quot;\/x\.webp&quot; &gt;\}\}<\/code>/);
      assert.match(bodyHtml, /<pre class="code-line" data-line="5"><code class="language-md">\{\{&lt; figure src=&quot;\/y\.png&quot; &gt;\}\}\n<\/code><\/pre>/);
      assert.match(bodyHtml, /<pre class="code-line" data-line="9"><code>\{\{&lt; youtube abc &gt;\}\}\n<\/code><\/pre>/);
      assert.match(bodyHtml, /<p class="recap-shortcode-literal code-line" data-line="11">\{\{&lt; figure src=&quot;\/z\.png&quot; &gt;\}\}<\/p>/);
      assert.match(bodyHtml, /Inline \{\{&lt; ref &quot;a&quot; &gt;\}\} too\./);
      assert.doesNotMatch(bodyHtml, /<figure|<img/);
    });

    it('youtube and vimeo: a linked thumbnail, never an iframe', () => {
      const { bodyHtml } = render('{{< youtube w7Ft2ymGmfc >}}\n\n{{< youtube id="dQw4w9WgXcQ" title="A talk" >}}\n\n{{< vimeo 146022717 >}}');
      assert.match(bodyHtml, /<div class="recap-shortcode-video code-line" data-line="3" data-shortcode="youtube"><a class="recap-video recap-video-youtube" href="https:\/\/www\.youtube\.com\/watch\?v=w7Ft2ymGmfc"[^>]*><img class="recap-video-thumb" src="https:\/\/i\.ytimg\.com\/vi\/w7Ft2ymGmfc\/hqdefault\.jpg"/);
      assert.match(bodyHtml, /href="https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ" title="A talk">.*<span class="recap-video-caption">A talk<\/span>/);
      assert.match(bodyHtml, /<a class="recap-video recap-video-vimeo" href="https:\/\/vimeo\.com\/146022717"/);
      assert.doesNotMatch(bodyHtml, /iframe/);
    });

    it('highlight, details, comment and param', () => {
      const { bodyHtml } = renderPost('---\ntitle: T\nparams:\n  event: FOSDEM\n---\n{{< highlight go >}}\nfunc main() {}\n{{< /highlight >}}\n\n{{< details summary="More *info*" >}}\nHidden text.\n{{< /details >}}\n\n{{< comment >}}\nNote to self.\n{{< /comment >}}\n\nAt {{< param "title" >}} / {{< param "params.event" >}}.', options(path.join(POSTS, 'x.md')));
      assert.match(bodyHtml, /<pre class="code-line" data-line="5"><code class="language-go">func main\(\) \{\}\n<\/code><\/pre>/);
      assert.match(bodyHtml, /<details class="recap-shortcode-details code-line" data-line="9"><summary>More <em>info<\/em><\/summary>\n<p data-line="10" class="code-line">Hidden text\.<\/p>\n<\/details>/);
      assert.match(bodyHtml, /<details class="recap-shortcode recap-shortcode-comment code-line" data-line="13" data-shortcode="comment"><summary>.*not published/);
      assert.match(bodyHtml, /At <span class="recap-shortcode-param"[^>]*>T<\/span> \/ <span class="recap-shortcode-param"[^>]*>FOSDEM<\/span>\./);
    });

    it('works alone as a markdown-it plugin (VS Code built-in preview)', () => {
      const md = new MarkdownIt().use(shortcodePlugin, { context: () => ({ filePath: BUNDLE, index, resolveResource }) });
      const html = md.render('{{< figure src="photo.jpg" caption="Hi" >}}\n\n[x]({{< relref "tech/2024-02-03-fosdem-2024-Jour-1" >}})\n');
      assert.match(html, /<figure class="recap-figure recap-figure-figure" data-shortcode="figure"><img src="res:content\/posts\/2024-07-01-bundle\/photo\.jpg" alt="Hi" loading="lazy"><figcaption><p>Hi<\/p><\/figcaption><\/figure>/);
      assert.match(html, /<a href="res:content\/tech\/2024-02-03-fosdem-2024-Jour-1\.md" class="recap-ref"/);
      // Without a context: images cannot be resolved, but nothing throws and nothing is dropped.
      const bare = new MarkdownIt().use(shortcodePlugin).render('{{< image href="/a.png" >}}\n\n{{< foo bar >}}');
      assert.match(bare, /image not resolved/);
      assert.match(bare, /recap-shortcode-unknown/);
    });
  });

  describe('the rest of the page', () => {
    it('<!--more--> becomes a marked summary break', () => {
      const { bodyHtml } = renderPost('---\ntitle: T\n---\nSummary.\n\n<!--more-->\n\nRest, and inline <!-- more --> too.', options(path.join(POSTS, 'x.md')));
      assert.match(bodyHtml, /<hr class="recap-more code-line" data-line="5" data-label="summary ends here">/);
      assert.match(bodyHtml, /<span class="recap-more recap-more-inline" data-label="summary ends here"><\/span>/);
    });

    it('emoji short names when enabled', () => {
      assert.match(renderPost('Great :joy: :+1: at 10:30:00 and :nope:', { emoji: true }).bodyHtml, /Great <span class="recap-emoji" role="img" aria-label="joy">😂<\/span> <span class="recap-emoji" role="img" aria-label="\+1">👍<\/span> at 10:30:00 and :nope:/);
      assert.match(renderPost('Great :joy:').bodyHtml, /Great :joy:/);
      // From the site's parsed config, whatever its format and the key's case.
      assert.equal(siteEnablesEmoji({ generatorConfig: parseGeneratorConfig('hugo.toml', 'baseURL = "x"\nenableEmoji = true\n') }), true);
      assert.equal(siteEnablesEmoji({ generatorConfig: parseGeneratorConfig('hugo.yaml', 'enableemoji: true\n') }), true);
      assert.equal(siteEnablesEmoji({ generatorConfig: parseGeneratorConfig('hugo.yaml', 'enableEmoji: false') }), false);
      assert.equal(siteEnablesEmoji({ generatorConfig: parseGeneratorConfig('hugo.json', '{"enableEmoji": "true"}') }), false);
      assert.equal(siteEnablesEmoji(undefined), false);
    });

    it('https images show; http images do not, with a note', () => {
      const { bodyHtml, warnings } = renderPost('![a](https://example.org/a.png)\n\n![b](http://example.org/b.png)\n\n<img src="http://example.org/c.png" alt="c">');
      assert.match(bodyHtml, /<img src="https:\/\/example\.org\/a\.png" alt="a" loading="lazy">/);
      assert.match(bodyHtml, /<span class="recap-image-placeholder recap-image-http"[^>]*><span class="recap-image-placeholder-label">http image not shown:<\/span> <a class="recap-image-ref" href="http:\/\/example\.org\/b\.png">/);
      assert.match(bodyHtml, /recap-image-http[^>]*>.*http:\/\/example\.org\/c\.png/);
      assert.doesNotMatch(bodyHtml, /<img src="http:/);
      assert.deepEqual(warnings.map(w => w.line), [2, 4]);
      assert.match(renderPost('![b](http://example.org/b.png)', { allowHttpImages: true }).bodyHtml, /<img src="http:\/\/example\.org\/b\.png"/);
    });

    it('tables: alignment by class, never style=', () => {
      const { bodyHtml } = renderPost('| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |');
      assert.match(bodyHtml, /<th data-line="0" class="recap-align-left code-line">a<\/th>|<th class="recap-align-left">a<\/th>|<th[^>]*recap-align-left[^>]*>a<\/th>/);
      assert.match(bodyHtml, /<td[^>]*recap-align-right[^>]*>3<\/td>/);
      assert.doesNotMatch(bodyHtml, /style=/);
    });

    it('lists, quotes and headings: lines, ids', () => {
      const { bodyHtml } = renderPost('# One\n\n- a\n- b\n\n  > quote\n\n# One');
      assert.match(bodyHtml, /<h1 data-line="0" class="code-line" id="one">One<\/h1>/);
      // The list's first item carries its line (the <ul> itself does not: same line, one element less to scan).
      assert.match(bodyHtml, /<ul>\n<li data-line="2" class="code-line">\n<p data-line="2" class="code-line">a<\/p>\n<\/li>\n<li data-line="3" class="code-line">/);
      assert.match(renderPost('- a\n- b').bodyHtml, /<li data-line="0" class="code-line">a<\/li>\n<li data-line="1" class="code-line">b<\/li>/);
      assert.match(bodyHtml, /<blockquote data-line="5" class="code-line">/);
      assert.match(bodyHtml, /<h1 data-line="7" class="code-line" id="one-1">/);
      assert.equal(renderPost('# Heading title\n\ntext').title, 'Heading title');
    });

    it('createRenderer is cached per option set', () => {
      assert.equal(createRenderer(), createRenderer({}));
      assert.equal(createRenderer({ emoji: true }), createRenderer({ emoji: true }));
      assert.notEqual(createRenderer(), createRenderer({ emoji: true }));
    });

    it('a post without front matter or site still renders; missing absolute images are placeholders', () => {
      const result = renderPost('Hello ![x](/blog/x.png) ![y](rel/y.png)', { filePath: '/nowhere/post.md' });
      assert.equal(result.headerHtml, '');
      assert.match(result.bodyHtml, /image not resolved/);
      assert.match(result.bodyHtml, /<img src="file:\/\/\/nowhere\/rel\/y\.png"/);
      assert.equal(result.title, 'post.md');
    });

    it('standalonePage: a full document, styles inlined, no script', () => {
      const result = renderPost(SAMPLE, options(SAMPLE_PATH));
      const page = standalonePage(result, { css: ['body { color: red }', 'x</style><script>alert(1)</script>'], cspNonce: 'abc123' });
      assert.match(page, /^<!DOCTYPE html>\n<html lang="en">/);
      assert.match(page, /<title>FOSDEM 2025 recap<\/title>/);
      assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'none'; style-src 'nonce-abc123'/);
      assert.match(page, /<style nonce="abc123">\nbody \{ color: red \}\n<\/style>/);
      // A `</style` inside a style sheet cannot end the element early.
      assert.ok(page.includes('x<\\/style><script>alert(1)</script>\n</style>'));
      assert.equal(page.match(/<\/style>/g)?.length, 2);
      assert.ok(page.includes(result.html));
    });

    it('standalonePage: a Content-Security-Policy that parses, no script, styles by hash, images from the page\'s folder and https', () => {
      const result = renderPost(SAMPLE, options(SAMPLE_PATH));
      const css = ['body { color: red }', 'p::after { content: "é</style>" }'];
      const page = standalonePage(result, { css, sha256Base64: sha256, resourceSources: ['file:', 'http://localhost:1313', "'unsafe-inline'", 'x; script-src *'] });
      const { csp, styles } = pageSecurity(page);
      assert.deepEqual(csp.get('default-src'), ["'none'"]);
      assert.deepEqual(csp.get('script-src'), ["'none'"]);
      // The browser's style texts are exactly the hashed ones.
      assert.equal(styles.length, 2);
      assert.deepEqual(csp.get('style-src'), styles.map(text => `'sha256-${sha256(text)}'`));
      // Only well-formed sources are added: no keyword, no second directive.
      assert.deepEqual(csp.get('img-src'), ["'self'", 'https:', 'file:', 'http://localhost:1313', 'data:']);
      assert.deepEqual(csp.get('media-src'), ["'self'", 'https:', 'file:', 'http://localhost:1313']);
      assert.deepEqual(csp.get('base-uri'), ["'none'"]);
      assert.deepEqual(csp.get('form-action'), ["'none'"]);
      assert.equal([...csp.keys()].filter(name => name === 'script-src').length, 1);
      assert.doesNotMatch(page, /<script/);
    });
  });

  describe("in VS Code's built-in preview (extendMarkdownIt)", () => {
    const POST = path.join(POSTS, '2024-08-01-shortcodes.md');
    /** markdown-it set up the way VS Code's preview does it: our plugin, then VS Code's own image renderer and highlighter. */
    function vscodePreview(context: (env: unknown) => RenderContext | undefined): MarkdownItInstance {
      const md: MarkdownItInstance = new MarkdownIt({ html: true, highlight: (code: string, lang: string): string => `<div class="hljs-${lang}">${code.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</div>` });
      md.use(recapPlugin, { builtinPreview: true, context });
      const ours = md.renderer.rules.image!;
      md.renderer.rules.image = (tokens, idx, opts, env, self) => {
        const token = tokens[idx];
        const src = token.attrGet('src');
        if (src && !token.attrGet('data-src')) { token.attrSet('src', `vscode-root:${src}`); token.attrSet('data-src', src); }
        return ours(tokens, idx, opts, env, self);
      };
      return md;
    }
    /** VS Code parses with an empty env and renders the (cached) tokens with the document in the env. */
    function render(md: MarkdownItInstance, text: string, env: Record<string, unknown>): string {
      return md.renderer.render(md.parse(text, {}), md.options, env);
    }
    const text = [
      '# Day one', '', '![chart](/blog/fosdem-2025/jose-intro.webp) ![logo](images/logo.png)', '',
      '<img src="docs/x.png" alt="x">', '', '```go', 'package main', '```', '',
      '{{< image href="/blog/fosdem-2025/jose-intro.webp" alt="Jose" >}}', '', 'Read [day two]({{< relref "2024-01-01-post-1" >}}).', '',
    ].join('\n');

    it('renders shortcodes and site images, and leaves highlighting, raw HTML and other images to VS Code', () => {
      const md = vscodePreview(() => ({ filePath: POST, index, resolveResource, resolveLink: file => path.basename(file) }));
      const html = render(md, text, { currentDocument: POST });
      // The site's static folder, not the workspace root, serves /blog/…
      assert.match(html, /<img src="res:static\/blog\/fosdem-2025\/jose-intro\.webp" alt="chart" data-src="\/blog\/fosdem-2025\/jose-intro\.webp">/);
      // What the site does not know keeps VS Code's answer; raw HTML is VS Code's business.
      assert.match(html, /<img src="vscode-root:images\/logo\.png" alt="logo" data-src="images\/logo\.png">/);
      assert.ok(html.includes('<img src="docs/x.png" alt="x">'));
      assert.match(html, /<div class="hljs-go">package main\n<\/div>/);
      assert.match(html, /<figure class="recap-figure[^"]*"[^>]*><img src="res:static\/blog\/fosdem-2025\/jose-intro\.webp" alt="Jose"/);
      assert.match(html, /<a href="2024-01-01-post-1\.md"[^>]*class="recap-ref"/);
      assert.ok(!html.includes('data-line'), 'VS Code adds its own source lines');
      assert.ok(!html.includes('image not resolved'));
    });

    it('leaves shortcodes as text in a Markdown file that is not a post, and renders without a document', () => {
      const md = vscodePreview(env => (env as { currentDocument?: string }).currentDocument ? { filePath: '/repo/README.md', literalShortcodes: true } : undefined);
      const html = render(md, text, { currentDocument: '/repo/README.md' });
      assert.match(html, /<p>\{\{&lt; image href=&quot;\/blog\/fosdem-2025\/jose-intro\.webp&quot; alt=&quot;Jose&quot; &gt;\}\}<\/p>/);
      assert.ok(!html.includes('<figure'));
      assert.match(html, /<img src="vscode-root:images\/logo\.png"/);
      const bare = render(md, '{{< note >}}Hi{{< /note >}}\n', {});
      assert.match(bare, /recap-shortcode/);
    });
  });

  describe('recap render', () => {
    let dir: string;
    before(() => { dir = mkdtempSync(path.join(os.tmpdir(), 'recap-render-')); });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('writes a standalone page with images relative to the output file', async () => {
      const out = path.join(dir, 'out', 'bundle.html');
      const { code, stderr } = await capture(() => main(['render', BUNDLE, '-o', out, '--locale', 'en-GB']));
      assert.equal(code, 0, stderr);
      const page = readFileSync(out, 'utf8');
      const relative = path.relative(path.dirname(out), path.join(POSTS, '2024-07-01-bundle', 'photo.jpg')).split(path.sep).join('/');
      assert.ok(page.includes(`<img src="${relative}" alt="The devroom"`), relative);
      assert.match(page, /<time class="recap-date" datetime="2024-07-01">1 July 2024<\/time>/);
      assert.match(page, /<style>\n\/\* Conference Recap preview/);
      assert.match(page, /--vscode-editor-foreground/);
      assert.doesNotMatch(page, /<script/);
    });

    it('writes to stdout with file: URLs and reports warnings on stderr', async () => {
      const post = path.join(POSTS, '2024-08-01-shortcodes.md');
      const { code, stdout, stderr } = await capture(() => main(['render', post]));
      assert.equal(code, 0);
      assert.match(stdout, /<img src="file:\/\/[^"]*\/static\/blog\/fosdem-2025\/jose-intro\.webp"/);
      assert.match(stderr, /2024-08-01-shortcodes\.md:14: warning Image not found: \/blog\/fosdem-2025\/jose-intr\.webp/);
    });

    it('the page carries a CSP: no script, its styles by hash, images relative to it', async () => {
      const out = path.join(dir, 'csp', 'bundle.html');
      const { code, stderr } = await capture(() => main(['render', BUNDLE, '-o', out, '--css', path.join(SITE, 'README.md')]));
      assert.equal(code, 0, stderr);
      const { csp, styles } = pageSecurity(readFileSync(out, 'utf8'));
      assert.deepEqual(csp.get('default-src'), ["'none'"]);
      assert.deepEqual(csp.get('script-src'), ["'none'"]);
      assert.equal(styles.length, 2);
      assert.deepEqual(csp.get('style-src'), styles.map(text => `'sha256-${sha256(text)}'`));
      assert.deepEqual(csp.get('img-src'), ["'self'", 'https:', 'data:']);
      // On stdout, images are file: URLs: the policy lets them load.
      const piped = await capture(() => main(['render', BUNDLE]));
      assert.deepEqual(pageSecurity(piped.stdout).csp.get('img-src'), ["'self'", 'https:', 'file:', 'data:']);
    });

    describe('outside a site (issue 10)', () => {
      let post: string;
      before(() => {
        const folder = path.join(dir, 'no-site', 'posts');
        mkdirSync(folder, { recursive: true });
        post = path.join(folder, 'promcon.md');
        writeFileSync(post, [
          '---', 'title: Promcon EU 2023 Recap', 'date: 2023-10-01', '---', '',
          '<img src="/images/promcon/promcon17.jpg" width="925" height="525"/>', '',
          '![The venue](/images/promcon/venue.jpg)', '',
          '{{< image href="/images/promcon/stage.webp" alt="The stage" >}}', '',
          '![A local one](local.png)', '',
        ].join('\n'));
      });

      it('keeps site-absolute images as <img> tags as written, marked unresolved, instead of placeholders', async () => {
        const { code, stdout, stderr } = await capture(() => main(['render', post]));
        assert.equal(code, 0, stderr);
        const body = stdout.slice(stdout.indexOf('<body'));
        assert.doesNotMatch(body, /recap-image-placeholder/);
        assert.ok(body.includes('<img src="/images/promcon/promcon17.jpg" width="925" height="525" class="recap-image-unresolved" title="image not resolved (no site): /images/promcon/promcon17.jpg">'), body);
        assert.ok(body.includes('<img src="/images/promcon/venue.jpg" alt="The venue" class="recap-image-unresolved" title="image not resolved (no site): /images/promcon/venue.jpg" loading="lazy">'));
        assert.match(body, /<figure [^>]*><img src="\/images\/promcon\/stage\.webp" alt="The stage" class="recap-image-unresolved" title="image not resolved \(no site\): \/images\/promcon\/stage\.webp" loading="lazy">/);
        assert.match(body, /<img src="file:\/\/[^"]*\/no-site\/posts\/local\.png" alt="A local one"/);
        assert.match(stderr, /promcon\.md:6: warning Image not resolved \(no site found\): \/images\/promcon\/promcon17\.jpg/);
      });

      it('--base-url loads site-absolute images from the published site', async () => {
        const { code, stdout, stderr } = await capture(() => main(['render', post, '--base-url', 'https://blog.example.org/sub']));
        assert.equal(code, 0, stderr);
        assert.ok(stdout.includes('<img src="https://blog.example.org/sub/images/promcon/promcon17.jpg" width="925" height="525">'));
        assert.ok(stdout.includes('<img src="https://blog.example.org/sub/images/promcon/venue.jpg" alt="The venue" loading="lazy">'));
        assert.match(stdout, /<img src="https:\/\/blog\.example\.org\/sub\/images\/promcon\/stage\.webp" alt="The stage"/);
        assert.doesNotMatch(stdout, /recap-image-unresolved/);
        assert.doesNotMatch(stderr, /not resolved/);
        // A local Hugo server (http): its origin joins the policy's image sources.
        const local = await capture(() => main(['render', post, '--base-url', 'http://localhost:1313']));
        assert.ok(local.stdout.includes('<img src="http://localhost:1313/images/promcon/venue.jpg"'));
        assert.deepEqual(pageSecurity(local.stdout).csp.get('img-src'), ["'self'", 'https:', 'file:', 'http://localhost:1313', 'data:']);
      });

      it('--base-url must be an http(s) URL of the site\'s root', async () => {
        for (const bad of ['blog.example.org', 'javascript:alert(1)', 'ftp://x.org/', 'https://x.org/?a=1']) {
          const { code, stderr } = await capture(() => main(['render', post, '--base-url', bad]));
          assert.equal(code, 2, bad);
          assert.match(stderr, /--base-url: /);
        }
      });
    });

    it('exit 2 on bad usage, 1 on an unreadable post', async () => {
      assert.equal((await capture(() => main(['render']))).code, 2);
      assert.equal((await capture(() => main(['render', 'a.md', 'b.md']))).code, 2);
      assert.equal((await capture(() => main(['render', BUNDLE, '--nope']))).code, 2);
      assert.equal((await capture(() => main(['render', BUNDLE, '--locale', 'not a locale!']))).code, 2);
      assert.equal((await capture(() => main(['render', path.join(dir, 'missing.md')]))).code, 1);
    });
  });
});
