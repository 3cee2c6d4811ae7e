import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { nodeFileHost } from '../../src/node/fileHost';
import { completionContextAt } from '../../src/core/markdown/completions';
import { checkBody, documentLinks, repairMojibake } from '../../src/core/markdown/rules';
import { resolveConfig } from '../../src/core/site/config';
import type { Finding, Fix } from '../../src/core/lint/findings';
import { lint } from '../../src/core/lint/lint';
import { findSite } from '../../src/core/site/site';
import { buildSiteIndex, type SiteIndex } from '../../src/core/site/files';
import { FIXTURES, fixture, memoryHost, underlined } from './helpers';

const SITE = path.join(FIXTURES, 'site');
const POST = path.join(SITE, 'content', 'posts', '2024-08-01-shortcodes.md');
const BUNDLE = path.join(SITE, 'content', 'posts', '2024-07-01-bundle', 'index.md');

function apply(text: string, fix: Fix): string {
  let out = text;
  for (const edit of [...fix.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}

function body(text: string, index?: SiteIndex, filePath = POST) {
  return checkBody(text, 0, { index, filePath });
}

function only(findings: Omit<Finding, 'severity'>[], rule: string) {
  return findings.filter(f => f.rule === rule);
}

describe('body checks', () => {
  let index: SiteIndex;
  before(async () => {
    index = await buildSiteIndex(nodeFileHost, (await findSite(nodeFileHost, POST))!);
  });

  it('image/missing-alt: shortcodes, ![](…), <img>, with fixes that add alt', () => {
    const text = '{{< image href="/a.webp" >}}\n![](/blog/jose-intro.webp)\n<img src="/a.png">\n{{< figure src="/a.webp" caption="Seen" >}}\n{{< image href="/a.webp" alt="" >}}\n![A](/a.png)\n<img alt="x" src="/a.png">';
    const found = only(body(text, index), 'image/missing-alt');
    assert.equal(found.length, 3);
    assert.equal(apply(text, found[0].fixes![0]).split('\n')[0], '{{< image href="/a.webp" alt="" >}}');
    assert.equal(found[0].fixes![0].snippet, ' alt="$1"');
    assert.equal(apply(text, found[1].fixes![0]).split('\n')[1], '![jose intro](/blog/jose-intro.webp)');
    assert.equal(found[1].fixes![0].snippet, '${1:jose intro}');
    assert.equal(apply(text, found[2].fixes![0]).split('\n')[2], '<img alt="" src="/a.png">');
    assert.equal(only(body('{{< image href="/a.webp" >}}'), 'image/missing-alt').length, 1, 'without an index, by name');
    assert.equal(only(body('{{< talk "/a.webp" >}}', index), 'image/missing-alt').length, 0, 'a shortcode without an alt parameter');
  });

  it('image/not-found: body and front matter, only with an index, with the nearest file', () => {
    const text = '{{< image href="/blog/fosdem-2025/jose-intr.webp" alt="x" >}}\n![x](/blog/cover-1.webp)\n<img alt="" src="/images/logo.png">\n![x](https://x.org/a.png)\n![x](/blog/nothing-like-it-at-all.png)';
    const found = only(body(text, index), 'image/not-found');
    assert.deepEqual(found.map(f => text.slice(f.start, f.end)), ['/blog/fosdem-2025/jose-intr.webp', '/blog/nothing-like-it-at-all.png']);
    assert.ok(apply(text, found[0].fixes![0]).startsWith('{{< image href="/blog/fosdem-2025/jose-intro.webp"'));
    assert.equal(found[1].fixes, undefined);
    assert.equal(only(body(text), 'image/not-found').length, 0, 'no index: no existence checks');
    assert.equal(only(body('![x](photo.jpg)\n{{< figure src="photo.jpg" alt="x" >}}', index, BUNDLE), 'image/not-found').length, 0, 'page bundle');
    const post = fixture('site', 'content', 'posts', '2024-08-01-shortcodes.md');
    const { findings } = lint({ text: post, filePath: POST, config: resolveConfig({ detectedPreset: 'hugo' }), siteIndex: index });
    const fm = findings.find(f => f.rule === 'image/not-found' && post.slice(f.start, f.end) === '/blog/fosdem-2025/cover.webp');
    assert.ok(fm, 'front-matter image');
  });

  it('shortcode/unclosed, shortcode/unknown, shortcode/syntax', () => {
    const text = '{{< note >}}\nnever closed\n\n{{< /figure >}}\n{{< imgae href="/a.webp" alt="x" >}}\n{{< details summary="s" >}}x{{< /details >}}\n{{< figure src="/a.webp\n';
    const found = body(text, index);
    const unclosed = only(found, 'shortcode/unclosed');
    assert.deepEqual(unclosed.map(f => text.slice(f.start, f.end)), ['{{< note >}}', '{{< /figure >}}']);
    assert.match(apply(text, unclosed[0].fixes![0]), /never closed\n\{\{< \/note >\}\}\n/);
    const unknown = only(found, 'shortcode/unknown');
    assert.deepEqual(unknown.map(f => text.slice(f.start, f.end)), ['imgae']);
    assert.match(apply(text, unknown[0].fixes![0]), /\{\{< image href/);
    assert.equal(only(found, 'shortcode/syntax').length, 1);
    assert.equal(only(body('{{< imgae >}}'), 'shortcode/unknown').length, 0, 'no index: unknown is not checked');
    assert.equal(only(body('{{< youtube abc >}} {{< x user="a" id="1" >}} {{< highlight go >}}x{{< /highlight >}}', index), 'shortcode/unknown').length, 0);
    assert.equal(only(body('{{</* nope */>}}', index), 'shortcode/unknown').length, 0, 'the comment form');
  });

  it('shortcode/relref-not-found with the nearest content file', () => {
    const text = '[a]({{< relref "tech/2024-02-03-fosdem-2024-jour-2" >}}) [b]({{< ref "2024-07-01-bundle" >}}) [c]({{< relref path="tech/2024-02-03-fosdem-2024-Jour-1.md#x" >}})';
    const found = only(body(text, index), 'shortcode/relref-not-found');
    assert.equal(found.length, 1);
    assert.match(apply(text, found[0].fixes![0]), /relref "tech\/2024-02-03-fosdem-2024-Jour-1"/);
  });

  it('link/no-scheme and link/malformed', () => {
    const text = '[@metalmatze](github.com/metalmatze) [ok](https://x.org) [file](notes.md) [rel](../x/) [site](/about/) [www](www.example.org)\n[bit.ly/promalerts](Prometheus Alertrules) [t](https://x.org "A title") [x](my image.png) [a](<with space.png>)';
    const noScheme = only(body(text), 'link/no-scheme');
    assert.deepEqual(noScheme.map(f => text.slice(f.start, f.end)), ['github.com/metalmatze', 'www.example.org']);
    assert.equal(noScheme[0].fixes![0].safe, true);
    assert.ok(apply(text, noScheme[0].fixes![0]).startsWith('[@metalmatze](https://github.com/metalmatze)'));
    const malformed = only(body(text), 'link/malformed');
    assert.deepEqual(malformed.map(f => text.slice(f.start, f.end)), ['Prometheus Alertrules', 'my image.png']);
    assert.match(apply(text, malformed[0].fixes![0]), /\[Prometheus Alertrules\]\(https:\/\/bit\.ly\/promalerts\)/);
    assert.match(apply(text, malformed[1].fixes![0]), /\[x\]\(my%20image\.png\)/);
    assert.equal(only(body('[Jour 1]({{< relref "tech/a b" >}})'), 'link/malformed').length, 0, 'shortcode targets');
  });

  it('text/mojibake: cp1252 and Latin-1 reversed, double encodings, no false alarms on real accents', () => {
    assert.equal(repairMojibake('sÃ©rie'), 'série');
    assert.equal(repairMojibake('itâ€™s â€œquotedâ€\u009d â€” done'), 'it’s “quoted” — done');
    assert.equal(repairMojibake('ÃƒÂ©'), 'é', 'double encoding');
    assert.equal(repairMojibake('KÃ¶nigsberger'), 'Königsberger');
    const text = 'C\'est une sÃ©rie.';
    const [finding] = only(body(text), 'text/mojibake');
    assert.equal(text.slice(finding.start, finding.end), 'sÃ©rie');
    assert.equal(apply(text, finding.fixes![0]), 'C\'est une série.');
    assert.equal(finding.fixes![0].safe, true);
    for (const fine of ['Königsberger Klopse, Université Libre, “The state of Go”', 'CAFÉ\u00a0! « déjà » 25 °C — l’été…', 'Ida Fürjesová, Mikołaj, Ελληνικά, Русский, 中文']) {
      assert.deepEqual(only(body(fine), 'text/mojibake'), [], fine);
    }
  });

  it('skips code blocks, code spans and HTML comments (but not shortcodes Hugo expands there)', () => {
    const text = '```md\n![](/x.png) [x](github.com/y) <img src="a"> sÃ©rie\n```\n`[x](github.com/y)` <!-- ![](a.png) -->\n~~~\n{{< imgae >}}\n~~~\n';
    const found = body(text, index);
    assert.deepEqual(found.map(f => f.rule), ['text/mojibake', 'shortcode/unknown']);
    assert.match(found[1].message, /\{\{<\/\* … \*\/>\}\}/);
  });

  it('real sample posts: only findings a reader would agree with', () => {
    const fosdem = fixture('samples', 'fosdem-2025-victoriametrics.md');
    const f = lint({ text: fosdem, config: resolveConfig({ detectedPreset: 'hugo' }), filePath: '/x/fosdem.md' }).findings.filter(x => !x.rule.startsWith('frontmatter/'));
    // Four `{{<image href=…>}}` without alt: true positives.
    assert.deepEqual(f.map(x => x.rule), Array(4).fill('image/missing-alt'));
    const promcon = fixture('samples', 'promcon-2023-jekyll.md');
    const p = lint({ text: promcon, config: resolveConfig({ detectedPreset: 'jekyll' }), filePath: '/x/promcon.md' }).findings.filter(x => !x.rule.startsWith('frontmatter/'));
    const counts = p.reduce<Record<string, number>>((acc, x) => ({ ...acc, [x.rule]: (acc[x.rule] ?? 0) + 1 }), {});
    // <img> without alt (true), `[@metalmatze](github.com/metalmatze)` (true), `[bit.ly/promalerts](Prometheus Alertrules)` (true).
    assert.deepEqual(Object.keys(counts).sort(), ['image/missing-alt', 'link/malformed', 'link/no-scheme']);
    assert.equal(counts['link/no-scheme'], 1);
    assert.equal(counts['link/malformed'], 1);
  });

  it('rule settings apply to body rules; frontMatterOnly skips them', () => {
    const config = resolveConfig({ detectedPreset: 'hugo', file: { rules: { 'link/no-scheme': 'off', 'image/missing-alt': 'error' } } });
    const { findings } = lint({ text: '---\ntitle: x\ndate: 2024-01-01\n---\n[a](github.com/b) ![](x.png)\n', config });
    assert.deepEqual(findings.map(f => [f.rule, f.severity]), [['image/missing-alt', 'error']]);
    assert.deepEqual(lint({ text: '---\ntitle: x\ndate: 2024-01-01\n---\n![](x.png)\n', config, frontMatterOnly: true }).findings, []);
  });

  it('gives document links for images and relref targets', () => {
    const text = fixture('site', 'content', 'posts', '2024-07-01-bundle', 'index.md');
    const links = documentLinks(text, text.indexOf('---\n\n') + 4, index, BUNDLE);
    assert.deepEqual(links.map(l => [text.slice(l.start, l.end), path.relative(SITE, l.target)]), [
      ['photo.jpg', 'content/posts/2024-07-01-bundle/photo.jpg'],
      ['photo.jpg', 'content/posts/2024-07-01-bundle/photo.jpg'],
      ['tech/2024-02-03-fosdem-2024-Jour-1', 'content/tech/2024-02-03-fosdem-2024-Jour-1.md'],
    ]);
  });

  it('knows the completion context at the cursor', () => {
    const at = (before: string, after = '') => completionContextAt(before + after, before.length);
    assert.deepEqual(at('x {{< im'), { kind: 'shortcode-name', prefix: 'im', replaceStart: 6, replaceEnd: 8 });
    assert.equal(at('x {{%').kind, 'shortcode-name');
    assert.deepEqual(at('{{< image href="/blog/fo', 'sdem" >}}'), { kind: 'image-path', prefix: '/blog/fo', replaceStart: 16, replaceEnd: 28, shortcode: 'image' });
    assert.equal(at('{{< image href="/a.webp" al').kind, 'shortcode-param');
    assert.deepEqual(at('{{< image href="/a.webp" al').present, ['href']);
    assert.deepEqual(at('[x]({{< relref "tech/'), { kind: 'content-ref', prefix: 'tech/', replaceStart: 16, replaceEnd: 21, shortcode: 'relref' });
    assert.equal(at('![alt](/blog/').kind, 'image-path');
    assert.equal(at('<img class="x" src="/blog/').prefix, '/blog/');
    assert.equal(at('---\ntitle: x\nimages: ["/blog/', '"]\n---\n').kind, 'image-path');
    assert.deepEqual(at('---\nimages:\n  - /blog/c', '\n---\n').prefix, '/blog/c');
    assert.equal(at('---\ntitle: "/blog/', '"\n---\n').kind, 'none');
    assert.equal(at('{{< image href="/a.webp" >}} more').kind, 'none');
    assert.equal(at('plain text').kind, 'none');
  });
});

describe('image/not-found suggestions', () => {
  // A Hugo site where a French post (not a page bundle) names its images as if they were beside it, while they
  // live in static/images/.
  const ROOT = '/fr';
  const POST_FR = `${ROOT}/content/posts/2026-02-04-fosdem-2026.md`;
  const TEXT = fixture('posts', 'fosdem-2026-retour-fr.md');
  let site: SiteIndex;
  before(async () => {
    const host = memoryHost({
      [`${ROOT}/hugo.toml`]: 'baseURL = "https://example.org/"\ntitle = "Carnet"\n',
      [POST_FR]: TEXT,
      [`${ROOT}/content/posts/2025-02-03-fosdem-2025.md`]: '---\ntitle: FOSDEM 2025\n---\n',
      [`${ROOT}/static/images/effort-reconfort.png`]: '',
      [`${ROOT}/static/images/fosdem-ulb.png`]: '',
      [`${ROOT}/static/images/fosdem-2025/janson.webp`]: '',
      [`${ROOT}/static/blog/fosdem-2025/jose-intro.webp`]: '',
      [`${ROOT}/assets/images/fosdem-ulb.png`]: '',
    });
    site = await buildSiteIndex(host, (await findSite(host, POST_FR))!);
  });
  const lintFr = (text: string) => lint({ text, filePath: POST_FR, config: resolveConfig({ detectedPreset: 'hugo' }), siteIndex: site }).findings.filter(f => f.rule === 'image/not-found');

  it('the same file name elsewhere in the site comes first, in the body and the front matter, with a fix', () => {
    const findings = lintFr(TEXT);
    assert.deepEqual(findings.map(f => [underlined(TEXT, f), f.message]), [
      ['fosdem-ulb.png', 'The front-matter image `fosdem-ulb.png` matches no file in the post’s folder; the site has it at `/images/fosdem-ulb.png`.'],
      ['effort-reconfort.png', 'The image `effort-reconfort.png` matches no file in the post’s folder; the site has it at `/images/effort-reconfort.png`.'],
    ]);
    let fixed = TEXT;
    for (const finding of [...findings].reverse()) fixed = apply(fixed, finding.fixes![0]);
    assert.match(fixed, /^image: "\/images\/fosdem-ulb\.png"$/m, 'a static file before an asset of the same name');
    assert.match(fixed, /\]\(\/images\/effort-reconfort\.png\)$/m);
    assert.deepEqual(lintFr(fixed), []);
  });

  it('then a near name in the folder the path names, then a near image name anywhere; unrelated names get no suggestion', () => {
    const text = TEXT.replace('(effort-reconfort.png)', '(/images/effort-reconfor.png)')
      .replace('image: "fosdem-ulb.png"', 'image: "fosdem-ulbb.png"')
      .replace('À l\'année prochaine', '![Janson](/blog/fosdem-2025/janson.webp)\n\n![Jose](/blog/fosdem-2025/preview.webp)\n\nÀ l\'année prochaine');
    assert.deepEqual(lintFr(text).map(f => [underlined(text, f), f.fixes?.[0].edits[0].newText]), [
      ['fosdem-ulbb.png', '/images/fosdem-ulb.png'],
      ['/images/effort-reconfor.png', '/images/effort-reconfort.png'],
      ['/blog/fosdem-2025/janson.webp', '/images/fosdem-2025/janson.webp'],
      ['/blog/fosdem-2025/preview.webp', undefined],
    ]);
  });

  it('no guess among equally near names: `cover.webp` beside `cover-1.webp` … `cover-6.webp`', async () => {
    const post = fixture('site', 'content', 'posts', '2024-08-01-shortcodes.md');
    const fixtureSite = await buildSiteIndex(nodeFileHost, (await findSite(nodeFileHost, POST))!);
    const { findings } = lint({ text: post, filePath: POST, config: resolveConfig({ detectedPreset: 'hugo' }), siteIndex: fixtureSite });
    const cover = findings.find(f => f.rule === 'image/not-found' && underlined(post, f) === '/blog/fosdem-2025/cover.webp');
    assert.equal(cover?.message, 'The front-matter image `/blog/fosdem-2025/cover.webp` matches no file in the static folders.');
    assert.equal(cover?.fixes, undefined);
  });
});
