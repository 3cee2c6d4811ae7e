// Properties of the raw-HTML sanitiser, checked on what a browser would build from its output (parse5
// parses it the way browsers do): whatever HTML-ish input, only allowed elements, attributes and URL
// schemes come out, and nothing throws. Inputs are glued from the pieces hostile HTML is made of.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { renderPost } from '../../src/core/render/render';
import { closeOpenTags, sanitizeHtml, type SanitizeState } from '../../src/core/render/sanitize';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Elements a sanitised fragment may hold (the sanitiser's allow-list, and what parse5 adds by itself: tbody). */
const ALLOWED_ELEMENTS = new Set([
  'a', 'abbr', 'address', 'article', 'aside', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br', 'caption', 'center', 'cite', 'code', 'col', 'colgroup',
  'data', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hr', 'i', 'img', 'ins', 'kbd', 'li', 'main', 'mark', 'meter', 'nav', 'ol', 'p', 'picture', 'pre', 'progress', 'q', 'rp', 'rt', 'ruby', 's', 'samp',
  'section', 'small', 'source', 'span', 'strike', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr',
  'track', 'tt', 'u', 'ul', 'var', 'video', 'audio', 'wbr',
]);
const URL_ATTRIBUTES = new Set(['href', 'src', 'cite', 'poster', 'action', 'formaction', 'background', 'xlink:href', 'srcset', 'data', 'codebase', 'manifest', 'ping']);
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel', 'ftp', 'ftps', 'irc', 'ircs', 'xmpp', 'sms']);

/** The scheme a browser sees in an attribute value: tabs and line breaks removed, controls and spaces trimmed. */
function schemeOf(url: string): string | undefined {
  const probe = url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
  return /^([a-z][a-z0-9+.-]*):/i.exec(probe)?.[1].toLowerCase();
}

function* elements(node: Node): Generator<Element> {
  if ('tagName' in node) yield node;
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const child of children) yield* elements(child);
  if ('content' in node && node.content) yield* elements(node.content as Node);
}

/** Schemes that run script or load a document in a browser (Netscape's livescript: and mocha: run nowhere now). */
const SCRIPT_SCHEMES = new Set(['javascript', 'vbscript', 'data']);

/**
 * What a browser would build from `html` holds nothing that runs script, loads a document or steers the
 * preview. URLs: the sanitiser's own allow-list for raw HTML (`allow-list`); in a whole page, Markdown
 * links may use any scheme markdown-it lets through (`matrix:`, `ssh:`), so only script schemes are refused.
 */
function assertAllowed(html: string, input: string, schemes: 'allow-list' | 'no-script' = 'allow-list'): void {
  const fragment = parseFragment(html);
  for (const element of elements(fragment)) {
    const where = `<${element.tagName}> in ${JSON.stringify(html.slice(0, 300))} from ${JSON.stringify(input.slice(0, 300))}`;
    assert.ok(ALLOWED_ELEMENTS.has(element.tagName), `element ${where}`);
    assert.equal(element.namespaceURI, 'http://www.w3.org/1999/xhtml', `foreign content ${where}`);
    for (const { name, value } of element.attrs) {
      assert.ok(!name.startsWith('on'), `event handler ${name} on ${where}`);
      assert.ok(!name.startsWith('data-'), `${name} on ${where}`);
      assert.ok(!['style', 'srcdoc', 'srcset', 'formaction', 'action'].includes(name), `${name} on ${where}`);
      if (!URL_ATTRIBUTES.has(name)) continue;
      const scheme = schemeOf(value);
      if (scheme === undefined) continue;
      const imageData = scheme === 'data' && (name === 'src' || name === 'poster') && /^data:image\/(png|gif|jpe?g|webp|avif|bmp|x-icon|svg\+xml)[;,]/i.test(value.trim());
      // markdown-it also links raster data: images (`<data:image/png;base64,…>`), which run nothing.
      const allowed = schemes === 'allow-list' ? SAFE_SCHEMES.has(scheme) : !SCRIPT_SCHEMES.has(scheme) || /^data:image\/(gif|png|jpeg|webp);/i.test(value.trim());
      assert.ok(allowed || imageData, `${name}="${value}" on ${where}`);
    }
  }
}

// The pieces: tag openers and closers (allowed, dropped, dropped with content, foreign, raw-text), attribute
// names that matter, values that hide schemes behind entities and controls, quotes, delimiters, comments, CDATA.
const TAGS = ['<a', '<A HREF', '<img', '<IMG SRC', '<div', '<b', '<p', '<table', '<td', '<tr', '<video', '<source', '<details', '<span', '<form', '<input', '<button',
  '<script', '<SCRIPT', '<style', '<iframe', '<object', '<embed', '<svg', '<math', '<mglyph', '<textarea', '<title', '<noscript', '<template', '<xmp', '<plaintext',
  '<base', '<meta', '<link', '<select', '<option', '<noembed', '<noframes', '<frameset', '<frame', '<applet', '<param', '<isindex', '<image', '<annotation-xml'];
const CLOSERS = ['</a>', '</div>', '</b>', '</p>', '</table>', '</td>', '</script>', '</SCRIPT >', '</style>', '</iframe>', '</svg>', '</math>', '</textarea>', '</title>',
  '</noscript>', '</template>', '</xmp>', '</select>', '</script', '</style/', '</'];
const ATTRIBUTES = [' href=', ' src=', ' onerror=', ' onclick=', ' ONLOAD=', ' style=', ' srcdoc=', ' srcset=', ' formaction=', ' action=', ' poster=', ' cite=',
  ' xlink:href=', ' data-line=', ' data-source-file=', ' DATA-HREF=', ' data-src=', ' id=', ' class=', ' title=', ' alt=', ' name=', ' background=',
  ' on\u00e9rror=', ' /onload=', '/src=', ' href', ' =x', ' "a"=b', " 'q'", ' `b`='];
const VALUES = ['javascript:alert(1)', 'JaVaScRiPt:x', 'jav&#x09;ascript:x', 'jav&Tab;ascript:x', '&#106;avascript:x', '&#x6A;avascript:x', '&#0000106avascript:x',
  'java\nscript:x', ' javascript:x', '\u0001javascript:x', 'javascript&colon;x', 'vbscript:x', 'livescript:x', 'data:text/html,<script>alert(1)</script>',
  'data:image/png;base64,AA', 'data:image/svg+xml,<svg onload=alert(1)>', 'DATA:text/html,x', 'https://fosdem.org/', 'http://x.org', '/images/x.png', 'x.png', '#top',
  'mailto:a@b.c', 'file:///etc/passwd', 'recap-content', '/root/.ssh/id_rsa', '&', '&amp;', '&quot;', '&#34;', '&lt;script&gt;'];
const DELIMITERS = ['"', "'", '`', '=', '>', '<', '/>', '/', ' ', '\n', '\t', '\f', '\r', '\u0000', '&', '&lt;', '&#60;', '&#x3c;', '&gt;', '&#62;', '&nbsp;'];
const MARKUP = ['<!--', '-->', '--!>', '<!-->', '<!->', '<!', '<![CDATA[', ']]>', '<?', '?>', '<!DOCTYPE html>', 'x', 'text', 'é', '\u2028', '<<', '>>', '<a>', '<br/>'];

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TAGS) },
  { weight: 2, arbitrary: fc.constantFrom(...CLOSERS) },
  { weight: 4, arbitrary: fc.constantFrom(...ATTRIBUTES) },
  { weight: 4, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 5, arbitrary: fc.constantFrom(...DELIMITERS) },
  { weight: 3, arbitrary: fc.constantFrom(...MARKUP) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const htmlish = fc.array(piece, { maxLength: 40 }).map(pieces => pieces.join(''));
/** A whole tag more often than chance would build one: opener, attributes with quoted or bare values, end. */
const tag = fc.tuple(
  fc.constantFrom(...TAGS),
  fc.array(fc.tuple(fc.constantFrom(...ATTRIBUTES), fc.constantFrom('"', "'", ''), fc.constantFrom(...VALUES)), { maxLength: 4 }),
  fc.constantFrom('>', '/>', ' >', ''),
).map(([open, attrs, end]) => open + attrs.map(([name, quote, value]) => `${name}${quote}${value}${quote}`).join('') + end);
const mixed = fc.array(fc.oneof(tag, htmlish), { maxLength: 6 }).map(parts => parts.join(''));

const RUNS = 1500;

describe('sanitizer: properties (issue 9)', () => {
  it('never throws, and a browser builds only allowed elements, attributes and URLs from its output', () => {
    fc.assert(fc.property(mixed, input => {
      const state: SanitizeState = { open: [] };
      const html = sanitizeHtml(input, { state }) + closeOpenTags(state);
      assertAllowed(html, input);
    }), { numRuns: RUNS });
  });

  it('the same, with images rewritten and fragments sharing the open elements (as markdown-it tokens do)', () => {
    fc.assert(fc.property(fc.array(mixed, { minLength: 1, maxLength: 5 }), inputs => {
      const state: SanitizeState = { open: [] };
      // As the renderer's callback does: a URL of its own making (here a path), or a placeholder.
      const image = (src: string) => (src.length % 2 ? { url: `/res/${encodeURIComponent(src)}`, className: 'recap-image-unresolved', title: src } : { replacement: '<span class="recap-image-placeholder">x</span>' });
      const html = inputs.map(input => sanitizeHtml(input, { state, image })).join('') + closeOpenTags(state);
      assertAllowed(html, inputs.join(''));
    }), { numRuns: Math.ceil(RUNS / 2) });
  });

  it('a whole post through renderPost: the page holds only allowed elements, and no data-* but the renderer\'s own', () => {
    const renderer = new Set(['data-line', 'data-shortcode', 'data-label']);
    fc.assert(fc.property(fc.array(fc.oneof(mixed, fc.constantFrom('\n', '\n\n', '# x\n', '- ', '> ', '`', '```\n', '{{< figure src="x.png" >}}', '[l](javascript:x)')), { maxLength: 8 }), parts => {
      const input = parts.join('');
      const { html } = renderPost(input);
      assertAllowed(html.replace(/ data-(line|shortcode|label)="[^"]*"/g, ''), input, 'no-script');
      for (const element of elements(parseFragment(html))) {
        for (const { name } of element.attrs) if (name.startsWith('data-')) assert.ok(renderer.has(name), `${name} in ${JSON.stringify(input)}`);
      }
    }), { numRuns: Math.ceil(RUNS / 3) });
  });
});

describe('sanitizer: a corpus of hostile HTML (test/fixtures/bad-input/html)', () => {
  const dir = path.join(__dirname, '..', 'fixtures', 'bad-input', 'html');
  const files = readdirSync(dir).filter(file => file.endsWith('.html')).sort();

  it('holds the corpus', () => assert.ok(files.length >= 8, files.join(', ')));

  for (const file of files) {
    it(file, () => {
      const input = readFileSync(path.join(dir, file), 'utf8');
      const state: SanitizeState = { open: [] };
      const html = sanitizeHtml(input, { state }) + closeOpenTags(state);
      assertAllowed(html, input);
      // Through the whole renderer too (as an HTML block, inline HTML and inside a list).
      for (const post of [input, `Text ${input.replace(/\n\n+/g, '\n')} more`, `- ${input.replace(/\n/g, '\n  ')}`]) {
        assertAllowed(renderPost(post).html.replace(/ data-(line|shortcode|label)="[^"]*"/g, ''), post, 'no-script');
      }
    });
  }
});
