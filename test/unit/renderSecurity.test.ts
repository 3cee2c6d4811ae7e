import * as assert from 'node:assert/strict';
import { safeUrl } from '../../src/core/render/context';
import { renderPost } from '../../src/core/render/render';
import { decodeEntities, sanitizeHtml } from '../../src/core/render/sanitize';
import { assertLinearGrowth } from './growth';

/** Every start tag in the output, with its attribute names. */
function tags(html: string): { name: string; attrs: string[]; raw: string }[] {
  const found: { name: string; attrs: string[]; raw: string }[] = [];
  for (const match of html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    found.push({ name: match[1].toLowerCase(), attrs: [...match[2].matchAll(/([^\s"'>/=]+)(?:="[^"]*")?/g)].map(a => a[1].toLowerCase()), raw: match[0] });
  }
  return found;
}

const ALLOWED_OUTPUT_TAGS = new Set(['a', 'abbr', 'article', 'b', 'blockquote', 'br', 'code', 'del', 'details', 'div', 'em', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'header', 'hr', 'i', 'img', 'kbd', 'li', 'ol', 'p', 'pre', 's', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'th', 'thead', 'time', 'tr', 'u', 'ul']);

/** The output is safe: allowed tags only, no event handlers, styles, srcdoc, or script URLs. */
function assertSafe(html: string): void {
  assert.doesNotMatch(html, /<(script|style|iframe|object|embed|form|input|base|meta|link|svg|math|frame|frameset|template|textarea)\b/i);
  for (const tag of tags(html)) {
    assert.ok(ALLOWED_OUTPUT_TAGS.has(tag.name), `unexpected <${tag.name}> in ${tag.raw}`);
    for (const attr of tag.attrs) {
      assert.ok(!attr.startsWith('on'), `event handler in ${tag.raw}`);
      assert.ok(attr !== 'style' && attr !== 'srcdoc' && attr !== 'formaction', `${attr} in ${tag.raw}`);
    }
  }
  for (const match of html.matchAll(/\s(?:href|src|poster|cite)="([^"]*)"/g)) {
    const url = decodeEntities(match[1]).replace(/[\u0000-\u0020]/g, '').toLowerCase();
    assert.ok(!/^(javascript|vbscript|livescript):/.test(url), `script URL ${match[0]}`);
    assert.ok(!url.startsWith('data:') || /^data:image\/(png|gif|jpe?g|webp|svg\+xml)/.test(url) && /\ssrc=/.test(match[0]), `data URL ${match[0]}`);
  }
}

const HOSTILE = `---
title: "<script>alert('title')</script>"
subtitle: '<img src=x onerror=alert(1)>'
authors: ["<b onmouseover=alert(1)>Mallory</b>"]
tags: ["</li><script>alert(1)</script>"]
image: "javascript:alert(1)"
---

<script>alert(1)</script>

<script src="https://evil.example/x.js"></script>

Inline <script>alert(2)</script> script.

<img src=x onerror=alert(1)>

<img src="https://example.org/a.png" onload="alert(1)" style="width:1px" alt="ok">

<IMG SRC="jav&#x09;ascript:alert(1)">

[x](javascript:alert(1)) and [y](JaVaScRiPt:alert(1)) and [z](vbscript:msgbox(1)) and [d](data:text/html;base64,PHNjcmlwdD4=)

<a href="JaVaScRiPt:alert(1)">a1</a> <a href="&#106;avascript:alert(1)">a2</a> <a href="java&#x0A;script:alert(1)">a3</a>
<a href=" javascript:alert(1)">a4</a> <a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">a5</a>
<a href="jav&Tab;ascript:alert(1)">a6</a> <a href='javascript&colon;alert(1)'>a7</a> <a href="data:text/html,<script>alert(1)</script>">a8</a>

<iframe src="https://evil.example"></iframe>

<iframe srcdoc="<script>alert(1)</script>"></iframe>

<object data="x.swf"><param name="a" value="b"></object>

<embed src="x.swf">

<form action="https://evil.example"><input name="q"><button formaction="javascript:alert(1)">go</button></form>

<svg onload=alert(1)><script>alert(1)</script></svg>

<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>

<style>body { display: none }</style>

<base href="https://evil.example/">

<meta http-equiv="refresh" content="0;url=https://evil.example">

<link rel="stylesheet" href="https://evil.example/x.css">

<div style="position:fixed" class="note" data-line="999" id="recap-content" onclick="alert(1)">div <b>bold</b></div>

<details open ontoggle=alert(1)><summary>sum</summary>body</details>

<p title="</p><script>alert(1)</script>">quoted attr</p>

<img src="data:image/png;base64,iVBORw0KGgo=" alt="pixel">

<img src="data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+" alt="svg">

<a href="https://fosdem.org/2025/schedule/event/x/" onclick="steal()">talk</a>

</div></div></article></body>

{{< figure src="x.png" caption="<script>alert(1)</script>**bold**" link="javascript:alert(1)" attr="<img src=x onerror=alert(1)>" >}}

{{< youtube "x\\" onerror=alert(1)" >}}

{{< unknown a="<img src=x onerror=alert(1)>" b='"><script>alert(1)</script>' >}}

{{< figure src="javascript:alert(1)" >}}

{{< figure src="x.png" class="a\\" onload=\\"alert(1)" >}}

[rel]({{< relref "javascript:alert(1)" >}})

<!-- <script>alert(1)</script> -->

<div>unclosed
`;

describe('renderer: hostile posts (issue 5)', () => {
  it('renders a hostile post safely', () => {
    const result = renderPost(HOSTILE, { filePath: '/site/content/posts/evil.md' });
    assertSafe(result.html);
    const { bodyHtml, headerHtml } = result;
    // Kept, with the dangerous parts removed.
    assert.match(bodyHtml, /<img src="https:\/\/example\.org\/a\.png" alt="ok">/);
    assert.match(bodyHtml, /<div class="note">div <b>bold<\/b><\/div>/);
    assert.match(bodyHtml, /<details open><summary>sum<\/summary>body<\/details>/);
    assert.match(bodyHtml, /<p title="&lt;\/p&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;">quoted attr<\/p>/);
    assert.match(bodyHtml, /<img src="data:image\/png;base64,iVBORw0KGgo=" alt="pixel">/);
    // An SVG as an image runs no script: allowed.
    assert.match(bodyHtml, /<img src="data:image\/svg\+xml;base64,[^"]+" alt="svg">/);
    assert.match(bodyHtml, /<a href="https:\/\/fosdem\.org\/2025\/schedule\/event\/x\/" class="recap-talk-link">talk<\/a>/);
    // Links with script URLs are not links (Markdown) or lose their href (HTML).
    assert.match(bodyHtml, /\[x\]\(javascript:alert\(1\)\)/);
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) assert.match(bodyHtml, new RegExp(`<a>a${n}</a>`), `a${n}`);
    // Shortcode arguments are escaped, unsafe links dropped, captions sanitised.
    assert.match(bodyHtml, /<figure class="recap-figure recap-figure-figure code-line" data-line="\d+" data-shortcode="figure"><img src="file:\/\/\/site\/content\/posts\/x\.png" alt="&lt;script&gt;alert\(1\)&lt;\/script&gt;bold" loading="lazy"><figcaption><p>alert\(1\)<strong>bold<\/strong> <img src="file:\/\/\/site\/content\/posts\/x"><\/p><\/figcaption><\/figure>/);
    assert.match(bodyHtml, /<span class="recap-shortcode-args">a=&quot;&lt;img src=x onerror=alert\(1\)&gt;&quot; b=&quot;&#39;\\&quot;&gt;&lt;script&gt;/);
    assert.match(bodyHtml, /recap-image-unsafe/);
    assert.match(bodyHtml, /<a href="#" class="recap-ref recap-ref-unresolved"[^>]*>rel<\/a>/);
    // Stray closing tags are dropped; an unclosed <div> is closed at the end.
    assert.doesNotMatch(bodyHtml, /<\/article>|<\/body>/);
    assert.match(bodyHtml, /<div>unclosed\n<\/div>$/);
    // Header values are text.
    assert.match(headerHtml, /<h1 class="recap-title">&lt;script&gt;alert\(&#39;title&#39;\)&lt;\/script&gt;<\/h1>/);
    assert.match(headerHtml, /<span class="recap-author">&lt;b onmouseover=alert\(1\)&gt;Mallory&lt;\/b&gt;<\/span>/);
    assert.match(headerHtml, /recap-image-unsafe/);
    assert.doesNotMatch(result.html, /alert\('title'\)|evil\.example\/x\.js/);
  });

  it('safeUrl refuses script and data URLs in every disguise', () => {
    for (const url of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:x', '\u0001javascript:x', 'vbscript:x', 'data:text/html,x', 'livescript:x', 'jar:x']) {
      assert.equal(safeUrl(url, 'link'), undefined, url);
    }
    assert.equal(safeUrl('data:image/png;base64,AA', 'link'), undefined);
    assert.equal(safeUrl('data:image/png;base64,AA', 'image'), 'data:image/png;base64,AA');
    for (const url of ['https://fosdem.org/', 'http://x.org', 'mailto:a@b.c', '/blog/x.png', 'photo.jpg', '#top', '?q=1', 'a/b:c']) assert.equal(safeUrl(url, 'link'), url, url);
  });

  it('sanitizeHtml: entities decoded before the check, attributes re-escaped, comments dropped', () => {
    assert.equal(sanitizeHtml('<a href="&#0000106avascript:x" title=\'a"b\'>t</a>'), '<a title="a&quot;b">t</a>');
    assert.equal(sanitizeHtml('<!-- x --><b>b</b><!-- unterminated <script>'), '<b>b</b>');
    assert.equal(sanitizeHtml('a < b > c <3'), 'a &lt; b &gt; c &lt;3');
    assert.equal(sanitizeHtml('<img src="x.png" onerror="y" srcset="javascript:z 1x">', { image: src => ({ url: `res:${src}` }) }), '<img src="res:x.png">');
    assert.equal(sanitizeHtml('<img src=x alt=y>', { image: () => ({ replacement: '[missing]' }) }), '[missing]');
    assert.equal(sanitizeHtml('<scRipt>alert(1)</SCRIPT >after'), 'after');
    assert.equal(sanitizeHtml('<script>never closed'), '');
    assert.equal(sanitizeHtml('<a href="x" <b>'), '<a href="x">'); // an attribute named `<b`, as browsers read it
  });

  it('a 1 MB table renders and never throws; its time grows linearly with its rows', function () {
    this.timeout(60000);
    const table = (size: number): string => {
      const rows: string[] = ['| talk | speaker | room | link |', '|:--|:-:|--:|---|'];
      let length = 0;
      for (let i = 0; length < size; i++) {
        const row = `| Talk **${i}** <b onclick=x>b</b> | [Speaker ${i}](https://fosdem.org/2025/schedule/speaker/s${i}/) | UD2.${i % 200} | <script>alert(${i})</script> {{< image href="/x${i}.webp" >}} |`;
        rows.push(row);
        length += row.length + 1;
      }
      return rows.join('\n');
    };
    const text = table(1024 * 1024);
    const rowCount = text.split('\n').length - 2;
    const result = renderPost(text, { filePath: '/site/content/posts/big.md' });
    assert.match(result.bodyHtml, /^<table data-line="0" class="code-line">/);
    assert.equal(result.bodyHtml.match(/<tr[ >]/g)?.length, rowCount + 1);
    assert.doesNotMatch(result.bodyHtml, /<script|onclick/);
    assert.ok(result.warnings.length <= 201, `${result.warnings.length} warnings`);
    assertLinearGrowth('a table of 32 KB → 128 KB', 32 * 1024, table, input => renderPost(input, { filePath: '/site/content/posts/big.md' }), { rounds: 3 });
  });

  it('pathological input never throws', function () {
    this.timeout(60000);
    const inputs = [
      '*'.repeat(100000), '['.repeat(50000), '{{<'.repeat(30000), '{{< x '.repeat(20000), '<div>'.repeat(20000), '>'.repeat(20000) + ' deep',
      '- '.repeat(5000) + 'x', '{{< note >}}\n'.repeat(3000), '{{< /note >}}\n'.repeat(3000), '`'.repeat(50000), '<a href="'.repeat(10000),
      '---\ntitle: [unclosed\n---\nbody', '+++\ntitle = \n+++\n', '{"title": 1}\nbody', '\u0000\ufeff\r\n\r# x', ':joy:'.repeat(20000),
    ];
    for (const input of inputs) {
      const result = renderPost(input, { emoji: true });
      assert.equal(typeof result.html, 'string');
      assertSafe(result.html);
    }
    assert.equal(typeof renderPost(undefined as unknown as string).html, 'string');
  });

  describe('raw HTML that would take quadratic time (issue 9)', () => {
    // Each class took seconds to minutes before the sanitiser remembered where no `>` or quote follows,
    // which attribute positions lead nowhere, and counted its open elements per name.
    const classes: [string, number, (n: number) => string][] = [
      ['<div then n × "<a ", no > anywhere', 10000, n => `<div ${'<a '.repeat(n)}`],
      ['<div then n × "<a " and a quote that swallows the last >', 2000, n => `<div ${'<a '.repeat(n)}x=">`],
      ['<div> then n × <b> then n × </i> (stray closers)', 5000, n => `<div>${'<b>'.repeat(n)}${'</i>'.repeat(n)}`],
      ['n × <a href=" (unclosed quotes)', 1000, n => '<a href="'.repeat(n)],
      ['quotes that pair differently from each <', 2500, n => `<div\n${'<a x=" y=" '.repeat(n)}'>`],
      ['n × <div> (deep nesting)', 2500, n => '<div>'.repeat(n)],
    ];
    for (const [what, n, make] of classes) {
      it(`grows linearly: ${what}`, function () {
        this.timeout(60000);
        const result = renderPost(make(n));
        assertSafe(result.html);
        assertLinearGrowth(what, n, make, input => renderPost(input), { rounds: 9 });
      });
    }

    it('shows a tag that never ends as text, and reads the tags after it', () => {
      assert.equal(sanitizeHtml('<div <a <a '), '&lt;div &lt;a &lt;a ');
      assert.equal(sanitizeHtml('<img alt="it\'s>\n<b>bold</b>'), '&lt;img alt="it\'s&gt;\n<b>bold</b>');
      assert.equal(sanitizeHtml('<b>'.repeat(3) + '</i>'.repeat(3) + '</b>'), '<b><b><b></b>');
      const state = { open: [] as string[] };
      assert.equal(sanitizeHtml('<div><p><b>x', { state }) + sanitizeHtml('</p>', { state }) + sanitizeHtml('</div>', { state }), '<div><p><b>x</b></p></div>');
    });
  });

  describe('data-* attributes from the post (issue 9)', () => {
    it('drops every data-* attribute of raw HTML, so a link cannot name a file for the preview to open', () => {
      const result = renderPost('<a href="https://fosdem.org/" data-source-file="/root/.ssh/id_rsa">FOSDEM</a>\n');
      assert.match(result.bodyHtml, /<a href="https:\/\/fosdem\.org\/">FOSDEM<\/a>/);
      assert.doesNotMatch(result.bodyHtml, /data-source-file|id_rsa/);
      for (const attr of ['data-source-file', 'data-line', 'data-href', 'data-src', 'data-state', 'data-shortcode', 'data-label', 'DATA-LINE', 'data-x']) {
        assert.equal(sanitizeHtml(`<span ${attr}="1" title="t">x</span>`), '<span title="t">x</span>', attr);
      }
    });

    it('a raw-HTML data-line cannot fake a source line; the renderer\'s own lines stay', () => {
      const text = ['# Title', '', '<div class="code-line" data-line="999">raw</div>', '', 'Inline <span class="code-line" data-line="998">x</span>.', ''].join('\n');
      const { bodyHtml } = renderPost(text);
      assert.doesNotMatch(bodyHtml, /99[89]/);
      assert.deepEqual([...bodyHtml.matchAll(/data-line="(\d+)"/g)].map(m => m[1]), ['0', '4']);
    });
  });
});
