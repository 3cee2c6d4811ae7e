// The post's metadata shows once in VS Code's built-in Markdown preview, whichever way that preview treats front
// matter: our plugin is registered first (as VS Code applies contributed plugins before its own), then a
// stand-in of the built-in front-matter support of the VS Code version under test.
import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as MarkdownItInstance, StateBlock, Token } from 'markdown-it';
import type { RenderContext } from '../../src/core/render/context';
import { recapPlugin } from '../../src/core/render/render';
import type { SiteIndex } from '../../src/core/site/files';

type BuiltinFrontMatter = 'table' | 'codeBlock' | 'hide';

/**
 * The `front_matter` block rule both VS Code versions register before `fence`: a YAML block between `---` lines at
 * the top of the file; `describe` fills in the token as that version does with the block's text.
 */
function addFrontMatterRule(md: MarkdownItInstance, describe: (token: Token, content: string) => void): void {
  md.block.ruler.before('fence', 'front_matter', (state: StateBlock, startLine: number, endLine: number, silent: boolean) => {
    const line = (n: number) => state.src.slice(state.bMarks[n], state.eMarks[n]).trimEnd();
    if (startLine !== 0 || line(0) !== '---') return false;
    let close = 1;
    while (close < endLine && line(close) !== '---') close++;
    if (close >= endLine) return false;
    if (silent) return true;
    const token = state.push('front_matter', '', 0);
    token.block = true;
    token.map = [0, close + 1];
    describe(token, state.src.slice(state.bMarks[1], state.bMarks[close]));
    state.line = close + 1;
    return true;
  }, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
}

/**
 * VS Code 1.121 and later (microsoft/vscode#316140): a visible token
 * whose renderer rule reads `markdown.preview.frontMatter` (here `setting()`): a table, a code block or nothing.
 */
function vscodeRendersFrontMatter(setting: () => BuiltinFrontMatter) {
  return (md: MarkdownItInstance): void => {
    addFrontMatterRule(md, (token, content) => { token.meta = { content }; });
    md.renderer.rules.front_matter = (tokens, idx) => {
      const content = (tokens[idx].meta as { content: string }).content;
      switch (setting()) {
        case 'table': return `<table class="frontmatter"><tbody>${content.trim().split('\n').map(row => `<tr><td>${md.utils.escapeHtml(row)}</td></tr>`).join('')}</tbody></table>\n`;
        case 'codeBlock': return `<pre class="frontmatter"><code class="language-yaml">${md.utils.escapeHtml(content)}</code></pre>\n`;
        default: return '';
      }
    };
  };
}

/** VS Code up to 1.120: markdown-it-front-matter's rule, a hidden token and no renderer rule (nothing shown). */
function vscodeHidesFrontMatter(md: MarkdownItInstance): void {
  addFrontMatterRule(md, (token, content) => {
    token.hidden = true;
    // markdown-it-front-matter keeps the raw text as `meta`.
    (token as { meta: unknown }).meta = content;
  });
}

function builtinPreview(builtin: (md: MarkdownItInstance) => void, context: () => RenderContext): MarkdownItInstance {
  const md = new MarkdownIt({ html: true });
  md.use(recapPlugin, { builtinPreview: true, context });
  return md.use(builtin);
}

const YAML_POST = '---\ntitle: "FOSDEM 2025, day one"\ndate: 2025-02-01\ntags: [fosdem]\n---\n\n# Saturday\n\nThe first talk.\n';
const TOML_POST = '+++\ntitle = "FOSDEM 2025, day one"\ndate = 2025-02-01\ntags = ["fosdem"]\n+++\n\n# Saturday\n\nThe first talk.\n';
const JSON_POST = '{\n  "title": "FOSDEM 2025, day one",\n  "date": "2025-02-01"\n}\n\n# Saturday\n';

const count = (html: string, pattern: RegExp) => (html.match(new RegExp(pattern.source, 'g')) ?? []).length;
/** How many times the post's metadata is on the page, in any of the forms it can take. */
function metadataShown(html: string): number {
  return count(html, /<header class="recap-header/) + count(html, /class="frontmatter"/) + count(html, /<(?:p|h2)>[^<]*(?:title =|title:|&quot;title&quot;)/);
}

const post = (extra: Partial<RenderContext> = {}) => (): RenderContext => ({ filePath: '/site/content/posts/day-one.md', literalShortcodes: false, ...extra });

describe("VS Code's built-in preview shows a post's metadata once", () => {
  it('(the count sees front matter left as text: without the plugin, TOML shows as a paragraph)', () => {
    assert.equal(metadataShown(new MarkdownIt().use(vscodeHidesFrontMatter).render(TOML_POST)), 1);
    assert.equal(metadataShown(new MarkdownIt().render(YAML_POST)), 1);
  });

  it('VS Code 1.121+ renders YAML front matter as a table: the header card yields (auto)', () => {
    const html = builtinPreview(vscodeRendersFrontMatter(() => 'table'), post()).render(YAML_POST, {});
    assert.equal(count(html, /<table class="frontmatter"/), 1);
    assert.ok(!html.includes('recap-header'), html);
    assert.equal(metadataShown(html), 1);
    assert.match(html, /<h1>Saturday<\/h1>/);
  });

  it('VS Code 1.121+ as a code block: the header card yields too', () => {
    const html = builtinPreview(vscodeRendersFrontMatter(() => 'codeBlock'), post()).render(YAML_POST, {});
    assert.equal(count(html, /<pre class="frontmatter"/), 1);
    assert.equal(count(html, /<header class="recap-header/), 0);
  });

  it("VS Code 1.121+ with markdown.preview.frontMatter set to hide: the header card is the only metadata", () => {
    const html = builtinPreview(vscodeRendersFrontMatter(() => 'hide'), post()).render(YAML_POST, {});
    assert.equal(count(html, /<header class="recap-header/), 1);
    assert.match(html, /<h1 class="recap-title">FOSDEM 2025, day one<\/h1>/);
    assert.equal(metadataShown(html), 1);
  });

  it('the decision follows the built-in setting at each render (same markdown-it, same tokens)', () => {
    let setting: BuiltinFrontMatter = 'table';
    const md = builtinPreview(vscodeRendersFrontMatter(() => setting), post());
    const tokens = md.parse(YAML_POST, {});
    assert.equal(count(md.renderer.render(tokens, md.options, {}), /class="frontmatter"/), 1);
    setting = 'hide';
    const html = md.renderer.render(tokens, md.options, {});
    assert.equal(count(html, /<header class="recap-header/), 1);
    assert.equal(metadataShown(html), 1);
  });

  it('VS Code up to 1.120 hides front matter: the header card shows it', () => {
    const html = builtinPreview(vscodeHidesFrontMatter, post()).render(YAML_POST, {});
    assert.equal(count(html, /<header class="recap-header/), 1);
    assert.equal(metadataShown(html), 1);
    assert.match(html, /<h1>Saturday<\/h1>/);
  });

  for (const [name, builtin] of [['1.121+', vscodeRendersFrontMatter(() => 'table')], ['1.120', vscodeHidesFrontMatter]] as const) {
    it(`TOML and JSON front matter (no VS Code rule knows them) become the header card, not text (VS Code ${name})`, () => {
      for (const text of [TOML_POST, JSON_POST]) {
        const html = builtinPreview(builtin, post()).render(text, {});
        assert.equal(count(html, /<header class="recap-header/), 1, html);
        assert.equal(metadataShown(html), 1, html);
        assert.ok(!html.includes('+++'), html);
        assert.match(html, /<h1>Saturday<\/h1>/);
      }
    });
  }

  it('"show" puts the header card in place of VS Code\'s table; "hide" leaves VS Code\'s rendering alone', () => {
    const show = builtinPreview(vscodeRendersFrontMatter(() => 'table'), post({ builtinHeader: 'show' })).render(YAML_POST, {});
    assert.equal(count(show, /<header class="recap-header/), 1);
    assert.equal(metadataShown(show), 1);
    const hideTable = builtinPreview(vscodeRendersFrontMatter(() => 'table'), post({ builtinHeader: 'hide' })).render(YAML_POST, {});
    assert.equal(count(hideTable, /class="frontmatter"/), 1);
    assert.equal(metadataShown(hideTable), 1);
    const hideOld = builtinPreview(vscodeHidesFrontMatter, post({ builtinHeader: 'hide' })).render(YAML_POST, {});
    assert.equal(metadataShown(hideOld), 0);
    // Hidden TOML front matter is hidden, not turned back into text.
    const hideToml = builtinPreview(vscodeHidesFrontMatter, post({ builtinHeader: 'hide' })).render(TOML_POST, {});
    assert.equal(metadataShown(hideToml), 0);
    assert.match(hideToml, /<h1>Saturday<\/h1>/);
  });

  it('a Markdown file that is not a post gets no header card: VS Code decides alone', () => {
    const readme = post({ literalShortcodes: true });
    assert.equal(metadataShown(builtinPreview(vscodeRendersFrontMatter(() => 'table'), readme).render(YAML_POST, {})), 1);
    assert.equal(count(builtinPreview(vscodeHidesFrontMatter, readme).render(YAML_POST, {}), /recap-header/), 0);
  });

  it("`{{< param >}}` reads the post's front matter in the built-in preview", () => {
    const html = builtinPreview(vscodeRendersFrontMatter(() => 'table'), post()).render(`${YAML_POST}\nTitle: {{< param title >}}\n`, {});
    assert.match(html, /Title: <span class="recap-shortcode-param"[^>]*>FOSDEM 2025, day one<\/span>/);
  });

  it("the header card's date follows the site's languageCode, the post's lang, then the editor's language", () => {
    const hugoSite = (config: Record<string, unknown>) => ({ site: { generatorConfig: config } }) as unknown as SiteIndex;
    const render = (text: string, extra: Partial<RenderContext>) => builtinPreview(vscodeHidesFrontMatter, post(extra)).render(text, {});
    assert.match(render(YAML_POST, { index: hugoSite({ languageCode: 'fr-fr' }), uiLanguage: 'en' }), /<time class="recap-date" datetime="2025-02-01">1 février 2025<\/time>/);
    assert.match(render(YAML_POST.replace('tags:', 'lang: de\ntags:'), { index: hugoSite({ languageCode: 'fr-fr' }) }), />1\. Februar 2025</);
    assert.match(render(YAML_POST, { uiLanguage: 'nl' }), />1 februari 2025</);
    // An invalid tag is skipped, not thrown.
    assert.match(render(YAML_POST, { index: hugoSite({ languageCode: 'not a tag!' }), uiLanguage: 'de' }), />1\. Februar 2025</);
  });
});
