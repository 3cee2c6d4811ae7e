// Front-matter completions: keys from the schema and the site, taxonomy and author values from the
// site's posts. Trigger characters make them appear although Markdown has quick suggestions off.
import * as vscode from 'vscode';
import type { PostChecker } from './diagnostics';
import { markdownPosts, servicePath, type Sites } from './sites';

export function registerCompletions(context: vscode.ExtensionContext, sites: Sites, checker: PostChecker): void {
  const provider: vscode.CompletionItemProvider = {
    async provideCompletionItems(document, position) {
      // Loaded on the first completion, not at activation.
      const [{ completeFrontMatter }, { parseFrontMatter }] = await Promise.all([import('../core/frontmatter/completions'), import('../core/frontmatter/parse')]);
      const postContext = checker.analysis(document)?.context ?? await sites.contextFor(document);
      if (!postContext) return undefined;
      const text = document.getText();
      const offset = document.offsetAt(position);
      const parsed = checker.analysis(document)?.parsed ?? parseFrontMatter(text);
      const items = completeFrontMatter(text, offset, parsed, postContext.config.schema, postContext.conventions, servicePath(document.uri) ?? document.uri.path);
      if (items.length === 0) return undefined;
      return items.map(item => {
        const completion = new vscode.CompletionItem(item.label, item.kind === 'key' ? vscode.CompletionItemKind.Property : vscode.CompletionItemKind.Value);
        completion.insertText = item.insertText;
        completion.detail = item.detail;
        if (item.documentation) completion.documentation = new vscode.MarkdownString(item.documentation);
        completion.sortText = item.sortText;
        completion.range = new vscode.Range(document.positionAt(item.replaceStart), position);
        return completion;
      });
    },
  };
  context.subscriptions.push(vscode.languages.registerCompletionItemProvider(markdownPosts, provider, ':', ' ', '[', ',', '-', '"', '='));
}
