// Ctrl+click on an image path (shortcode argument, `![](…)`, `<img src>`, front-matter image) or a
// `relref`/`ref` target opens the file it resolves to, the way Hugo resolves it.
import * as path from 'pathe';
import * as vscode from 'vscode';
import type { PostChecker } from './diagnostics';
import { markdownPosts, servicePath, serviceUri, type Sites } from './sites';

export class RecapDocumentLinks implements vscode.DocumentLinkProvider {
  constructor(private readonly sites: Sites, private readonly checker: PostChecker) {}

  async provideDocumentLinks(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.DocumentLink[] | undefined> {
    // The checks' code is loaded on the first request, not at activation.
    const [{ documentLinks }, { parseFrontMatter }, { frontMatterImages }] = await Promise.all([import('../core/markdown/rules'), import('../core/frontmatter/parse'), import('../core/lint/lint')]);
    const analysis = this.checker.analysis(document);
    const postContext = analysis?.context ?? await this.sites.contextFor(document);
    const index = postContext?.siteIndex;
    const file = servicePath(document.uri);
    if (!index || file === undefined || token.isCancellationRequested) return undefined;
    const text = document.getText();
    // The checker's parse is for this exact version; otherwise parse again (cheap: front matter only).
    const parsed = analysis?.parsed ?? parseFrontMatter(text);
    return documentLinks(text, parsed.bodyStart, index, file, frontMatterImages(parsed)).map(link => {
      const result = new vscode.DocumentLink(new vscode.Range(document.positionAt(link.start), document.positionAt(link.end)), serviceUri(link.target));
      const relative = path.relative(index.site.root, link.target);
      result.tooltip = vscode.l10n.t({ message: 'Open {0}', args: [(relative.startsWith('..') ? link.target : relative).split(path.sep).join('/')], comment: 'The tooltip of an image path or relref target: {0} is the file it opens.' });
      return result;
    });
  }
}

export function registerDocumentLinks(context: vscode.ExtensionContext, sites: Sites, checker: PostChecker): void {
  context.subscriptions.push(vscode.languages.registerDocumentLinkProvider(markdownPosts, new RecapDocumentLinks(sites, checker)));
}
