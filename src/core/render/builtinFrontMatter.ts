// A post's metadata in VS Code's built-in Markdown preview, shown once. VS Code hides YAML front matter up
// to 1.120 and renders it itself from 1.121 on (microsoft/vscode#316140: a table by default, or a code
// block, as `markdown.preview.frontMatter` says); no version knows Hugo's TOML (`+++`) or JSON front matter,
// which would show as a paragraph of text. So a block rule takes TOML and JSON front matter off the text,
// and when the page is rendered the first front-matter token (VS Code's or ours) is rendered the way the
// built-in renderer would: our header card stands in only when that gives nothing (`auto`), always (`show`)
// or never (`hide`). What decides is the built-in renderer's actual output, not a version number.
import type { MarkdownIt, MarkdownItOptions, Renderer, StateBlock, StateCore, Token } from 'markdown-it';
import { parseFrontMatter, type ParsedFrontMatter } from '../frontmatter/parse';
import { postLocale } from '../text/locale';
import { contextOf, type PluginOptions } from './context';
import { renderHeader } from './header';

/** `recap.builtinPreview.frontMatter`. */
export type BuiltinHeaderMode = 'auto' | 'show' | 'hide';

/** The token VS Code's front-matter rule (and markdown-it-front-matter, which VS Code used before) emits. */
export const BUILTIN_FRONT_MATTER_TOKEN = 'front_matter';
/** Ours, for the TOML and JSON front matter no built-in rule recognises. */
export const RECAP_FRONT_MATTER_TOKEN = 'recap_front_matter';

/** The document text each front-matter token was parsed from (tokens are cached per document version). */
const sources = new WeakMap<Token, { src: string; parsed?: ParsedFrontMatter }>();

function isFrontMatterToken(token: Token | undefined): token is Token {
  return !!token && (token.type === BUILTIN_FRONT_MATTER_TOKEN || token.type === RECAP_FRONT_MATTER_TOKEN) && token.map?.[0] === 0;
}

/** Hugo's TOML (`+++`) and JSON (`{`) front matter on the first line; YAML is the built-in rule's. */
function tomlOrJsonFrontMatter(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (startLine !== 0 || state.tShift[0] !== 0) return false;
  const firstLine = state.src.slice(state.bMarks[0], state.eMarks[0]).replace(/^\uFEFF/, '').trimEnd();
  if (firstLine !== '+++' && !firstLine.startsWith('{')) return false;
  const parsed = parseFrontMatter(state.src);
  const block = parsed.block;
  if (!block || block.format === 'yaml' || !block.closed) return false;
  // A post that starts with a shortcode (`{{< figure … >}}`) has no JSON front matter.
  if (block.format === 'json' && state.src.startsWith('{{', block.start)) return false;
  if (silent) return true;
  let next = 1;
  while (next < endLine && state.bMarks[next] < block.end) next++;
  const token = state.push(RECAP_FRONT_MATTER_TOKEN, '', 0);
  token.block = true;
  token.hidden = true;
  token.markup = block.format === 'toml' ? '+++' : '{';
  token.map = [0, next];
  sources.set(token, { src: state.src, parsed });
  state.line = next;
  return true;
}

/** Remembers the text behind VS Code's front-matter token: the header card is parsed from it only when shown. */
function rememberSource(state: StateCore): void {
  const first = state.tokens[0];
  if (first?.type === BUILTIN_FRONT_MATTER_TOKEN && first.map?.[0] === 0 && !sources.has(first)) sources.set(first, { src: state.src });
}

/** What the built-in renderer makes of the token: its rule's output, or nothing for a hidden token. */
function builtinRendering(tokens: Token[], options: Required<MarkdownItOptions>, env: Parameters<Renderer["render"]>[2], self: Renderer): string {
  const first = tokens[0];
  if (first.type === RECAP_FRONT_MATTER_TOKEN) return '';
  const rule = self.rules[first.type];
  return rule ? rule(tokens, 0, options, env, self) : self.renderToken(tokens, 0, options);
}

/** The front matter of the token, parsed once. */
function parsedOf(token: Token): { src: string; parsed: ParsedFrontMatter } | undefined {
  const source = sources.get(token);
  if (!source) return undefined;
  source.parsed ??= parseFrontMatter(source.src);
  return { src: source.src, parsed: source.parsed };
}

export function builtinFrontMatterPlugin(md: MarkdownIt, options: PluginOptions = {}): void {
  md.block.ruler.before('fence', RECAP_FRONT_MATTER_TOKEN, tomlOrJsonFrontMatter);
  md.core.ruler.push('recap_front_matter_source', rememberSource);
  // VS Code adds its front-matter rule after the contributed plugins, so its renderer rule is not there
  // yet: the decision is taken per render, around the whole renderer.
  const render = md.renderer.render.bind(md.renderer);
  md.renderer.render = (tokens, renderOptions, env) => {
    const first = tokens[0];
    if (!isFrontMatterToken(first)) return render(tokens, renderOptions, env);
    const ctx = contextOf(env, options);
    const builtin = builtinRendering(tokens, renderOptions, env, md.renderer);
    const source = ctx.literalShortcodes === true ? undefined : parsedOf(first);
    // `{{< param >}}` reads the post's front matter.
    if (source && !ctx.frontMatter) ctx.frontMatter = source.parsed.data;
    const mode = ctx.builtinHeader ?? 'auto';
    const wantHeader = source && mode !== 'hide' && (mode === 'show' || builtin.trim() === '');
    let html = builtin;
    if (wantHeader) {
      const locale = postLocale({ frontMatter: source.parsed.data, filePath: ctx.filePath, site: ctx.index?.site, uiLanguage: ctx.uiLanguage });
      const header = renderHeader(source.src, source.parsed, ctx, locale).html;
      if (header) html = header;
    }
    return html + render(tokens.slice(1), renderOptions, env);
  };
}
