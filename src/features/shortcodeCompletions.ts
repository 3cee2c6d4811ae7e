// Completions in a post's body (and its front-matter image fields): shortcode names after `{{<`/`{{%`,
// their parameters, static and bundle files in `href="…"`/`src="…"`/`![](…)`, content files in
// `relref "…"`. Markdown has quick suggestions off, so trigger characters open the list; outside those
// places (and outside posts) the provider returns nothing, so ordinary prose is never disturbed.
import * as path from 'pathe';
import * as vscode from 'vscode';
import type { CompletionContext, ShortcodeCompletion } from '../core/markdown/completions';
import type { SiteIndex } from '../core/site/files';
import { markdownPosts, servicePath, serviceUri, type Sites } from './sites';

/** `<` and `%` open a shortcode, `"` a value, `/` a path segment, space a parameter, `(` an `![](…)` target. */
export const BODY_TRIGGER_CHARACTERS = ['<', '%', '"', '/', ' ', '('];
const PATH_LIMIT = 200;

/** The completion code, loaded on the first request rather than at activation. */
async function importCompletionCode() {
  const [completions, { escapeSnippetText }, { closerOf }] = await Promise.all([import('../core/markdown/completions'), import('../core/lint/findings'), import('../core/markdown/shortcodes')]);
  return { ...completions, escapeSnippetText, closerOf };
}
type CompletionCode = Awaited<ReturnType<typeof importCompletionCode>>;
/** Kept once loaded: the provider runs on every trigger character typed in prose. */
let completionCode: Promise<CompletionCode> | undefined;

export class ShortcodeCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly sites: Sites) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionItem[] | undefined> {
    const code = await (completionCode ??= importCompletionCode());
    const text = document.getText();
    const offset = document.offsetAt(position);
    // Cheap text test first: most keystrokes that reach here are spaces in prose.
    const where = code.completionContextAt(text, offset);
    if (where.kind === 'none') return undefined;
    const postContext = await this.sites.contextFor(document);
    if (!postContext || token.isCancellationRequested) return undefined;
    const index = postContext.siteIndex;
    const range = new vscode.Range(document.positionAt(where.replaceStart), document.positionAt(where.replaceEnd));
    switch (where.kind) {
      case 'shortcode-name': return this.shortcodeNames(code, text, where, range, index);
      case 'shortcode-param': return this.parameters(code, where, range, index);
      case 'image-path': return index ? this.paths(code, document, where, range, index) : undefined;
      case 'content-ref': return index ? this.contentRefs(code, where, range, index) : undefined;
    }
    return undefined;
  }

  private shortcodeNames(code: CompletionCode, text: string, where: CompletionContext, range: vscode.Range, index: SiteIndex | undefined): vscode.CompletionItem[] {
    const tagStart = Math.max(text.lastIndexOf('{{<', where.replaceStart), text.lastIndexOf('{{%', where.replaceStart));
    const delimiter = text[tagStart + 2] === '%' ? '%' : '<';
    const between = text.slice(tagStart + 3, where.replaceStart);
    const closing = between.includes('/');
    // Add a space after `{{<` when the user typed none.
    const lead = between.length === 0 ? ' ' : '';
    // Is the tag already closed on this line (the user is renaming, or typed the closer first)?
    const rest = text.slice(where.replaceEnd, text.indexOf('\n', where.replaceEnd) === -1 ? text.length : text.indexOf('\n', where.replaceEnd));
    const nextOpen = rest.search(/\{\{[<%]/);
    const closed = rest.slice(0, nextOpen === -1 ? rest.length : nextOpen).includes(code.closerOf(delimiter));
    return code.shortcodeCompletions(index).map(shortcode => this.shortcodeItem(code, shortcode, { delimiter, closing, lead, closed, range, text, from: where.replaceEnd }));
  }

  private shortcodeItem(code: CompletionCode, shortcode: ShortcodeCompletion, at: { delimiter: '<' | '%'; closing: boolean; lead: string; closed: boolean; range: vscode.Range; text: string; from: number }): vscode.CompletionItem {
    const item = new vscode.CompletionItem({ label: shortcode.name, description: shortcode.source === 'site' ? vscode.l10n.t('site shortcode') : 'Hugo' }, vscode.CompletionItemKind.Function);
    const closer = ` ${code.closerOf(at.delimiter)}`;
    let snippet: string;
    if (at.closing) {
      snippet = `${code.escapeSnippetText(shortcode.name)}${at.closed ? '' : closer}`;
    } else if (at.closed) {
      snippet = shortcode.snippet;
    } else {
      snippet = `${shortcode.snippet}${closer}`;
      // A paired shortcode gets its closing tag, unless one follows already.
      const closingTag = `{{${at.delimiter} /${shortcode.name}${closer}`;
      if (shortcode.paired === true && !new RegExp(`\\{\\{[<%]\\s*/\\s*${escapeRegExp(shortcode.name)}\\s*[>%]\\}\\}`).test(at.text.slice(at.from, at.from + 20000))) {
        snippet += `\n$0\n${closingTag}`;
      }
    }
    item.insertText = new vscode.SnippetString(`${at.lead}${snippet}`);
    item.filterText = shortcode.name;
    item.range = at.range;
    item.detail = shortcode.detail;
    item.sortText = `${shortcode.source === 'site' ? '0' : '1'}${shortcode.deprecated ? '1' : '0'}${shortcode.name}`;
    const docs = new vscode.MarkdownString();
    docs.appendCodeblock(`{{${at.delimiter} ${shortcode.snippet.replace(/\$\{\d+(?::([^}]*))?\}|\$\d+/g, (_, d: string | undefined) => d ?? '')}${closer}`, 'markdown');
    if (shortcode.params.length) docs.appendMarkdown(`\n\n${vscode.l10n.t('Parameters: {0}', shortcode.params.map(p => `\`${p}\``).join(', '))}`);
    if (shortcode.positional && !shortcode.params.length) docs.appendMarkdown(`\n\n${shortcode.positional === 1 ? vscode.l10n.t('1 positional parameter') : vscode.l10n.t('{0} positional parameters', shortcode.positional)}`);
    if (shortcode.deprecated) {
      docs.appendMarkdown(`\n\n${vscode.l10n.t('Deprecated: {0}', shortcode.deprecated)}`);
      item.tags = [vscode.CompletionItemTag.Deprecated];
    }
    if (shortcode.file) docs.appendMarkdown(`\n\n[${path.basename(shortcode.file)}](${serviceUri(shortcode.file).toString()})`);
    item.documentation = docs;
    return item;
  }

  private parameters(code: CompletionCode, where: CompletionContext, range: vscode.Range, index: SiteIndex | undefined): vscode.CompletionItem[] | undefined {
    if (!where.shortcode) return undefined;
    const params = code.shortcodeParamCompletions(index, where.shortcode, where.present);
    if (params.length === 0) return undefined;
    return params.map((param, i) => {
      const item = new vscode.CompletionItem(param, vscode.CompletionItemKind.Property);
      item.insertText = new vscode.SnippetString(`${param}="$1"`);
      item.range = range;
      item.detail = vscode.l10n.t({ message: '{0} parameter', args: [where.shortcode], comment: 'The detail of a shortcode parameter completion: {0} is the shortcode’s name.' });
      item.sortText = String(i).padStart(3, '0');
      // Paths and content refs complete right after the opening quote.
      item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
      return item;
    });
  }

  private paths(code: CompletionCode, document: vscode.TextDocument, where: CompletionContext, range: vscode.Range, index: SiteIndex): vscode.CompletionItem[] | undefined {
    const found = code.pathCompletions(index, servicePath(document.uri) ?? document.uri.path, where.prefix, PATH_LIMIT);
    if (found.length === 0) return undefined;
    return found.map((entry, i) => {
      const item = new vscode.CompletionItem(entry.label, entry.kind === 'folder' ? vscode.CompletionItemKind.Folder : vscode.CompletionItemKind.File);
      item.insertText = entry.insertText;
      item.filterText = entry.insertText;
      item.range = range;
      item.sortText = String(i).padStart(4, '0');
      if (entry.kind === 'folder') {
        item.detail = entry.insertText;
        item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
      } else if (entry.file) {
        item.detail = relativeToSite(index, entry.file);
        if (entry.kind === 'image') {
          const docs = new vscode.MarkdownString(`![${entry.label}](${serviceUri(entry.file).toString()}|width=240)`);
          docs.supportHtml = false;
          item.documentation = docs;
        }
      }
      return item;
    });
  }

  private contentRefs(code: CompletionCode, where: CompletionContext, range: vscode.Range, index: SiteIndex): vscode.CompletionItem[] | undefined {
    const found = code.contentRefCompletions(index, where.prefix, PATH_LIMIT);
    if (found.length === 0) return undefined;
    return found.map((entry, i) => {
      const item = new vscode.CompletionItem(entry.label, vscode.CompletionItemKind.File);
      item.insertText = entry.insertText;
      item.filterText = entry.insertText;
      item.range = range;
      item.detail = relativeToSite(index, entry.file);
      item.sortText = String(i).padStart(4, '0');
      return item;
    });
  }
}

function relativeToSite(index: SiteIndex, file: string): string {
  const relative = path.relative(index.site.root, file);
  return (relative.startsWith('..') ? file : relative).split(path.sep).join('/');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function registerShortcodeCompletions(context: vscode.ExtensionContext, sites: Sites): void {
  context.subscriptions.push(vscode.languages.registerCompletionItemProvider(markdownPosts, new ShortcodeCompletionProvider(sites), ...BODY_TRIGGER_CHARACTERS));
}
