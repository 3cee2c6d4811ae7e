// Shortcodes in VS Code's own Markdown preview (`markdown.markdownItPlugins` + `extendMarkdownIt`):
// the Recap renderer's plugin in its built-in mode, which leaves code highlighting, raw HTML and the
// images the site cannot resolve to VS Code. A post's header card stands in for its front matter only
// where VS Code shows none itself (src/core/render/builtinFrontMatter.ts): the metadata shows once. The preview renders synchronously, so whether a file is a
// post (and its site) comes from a cache filled in the background; when that answer arrives the
// preview refreshes once. In Markdown files that are not posts, shortcodes stay text.
import type { MarkdownIt } from 'markdown-it';
import * as path from 'pathe';
import * as vscode from 'vscode';
import type { RenderContext } from '../core/render/context';
import type { SiteIndex } from '../core/site/files';
import { servicePath, serviceUri, type Sites } from './sites';

/** What VS Code's preview passes as markdown-it's `env` when it renders (not when it parses). */
interface PreviewEnv {
  currentDocument?: vscode.Uri;
  resourceProvider?: { asWebviewUri(uri: vscode.Uri): vscode.Uri };
}

interface Known {
  post: boolean;
  index?: SiteIndex;
}

export interface BuiltinPreview {
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
  /** Test hook: what the plugin knows about a file (undefined while it is being looked up). */
  known(file: string): Known | undefined;
}

const HEADER_MODES = ['auto', 'show', 'hide'] as const;

/** `recap.builtinPreview.frontMatter`: when the header card stands in for the post's front matter. */
function headerMode(uri: vscode.Uri): RenderContext['builtinHeader'] {
  const value = vscode.workspace.getConfiguration('recap', uri).get<string>('builtinPreview.frontMatter', 'auto');
  return HEADER_MODES.find(mode => mode === value) ?? 'auto';
}

export function registerBuiltinPreview(context: vscode.ExtensionContext, sites: Sites): BuiltinPreview {
  const known = new Map<string, Known>();
  const pending = new Set<string>();

  const lookUp = (uri: vscode.Uri, file: string) => {
    if (pending.has(file)) return;
    pending.add(file);
    void (async () => {
      try {
        const document = await vscode.workspace.openTextDocument(uri);
        const post = await sites.contextFor(document);
        known.set(file, { post: post !== undefined, index: post?.siteIndex });
      } catch {
        known.set(file, { post: false });
      } finally {
        pending.delete(file);
      }
      // The preview rendered without the answer: once more with it.
      await vscode.commands.executeCommand('markdown.preview.refresh');
    })();
  };

  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(event => {
    if (event.affectsConfiguration('recap')) known.clear();
    // VS Code re-renders for its own settings only; the header card's setting is read per render.
    if (event.affectsConfiguration('recap.builtinPreview.frontMatter')) void vscode.commands.executeCommand('markdown.preview.refresh');
  }));

  const contextFor = (env: unknown, relativeUrl: (fromDir: string, file: string) => string): RenderContext | undefined => {
    const { currentDocument, resourceProvider } = (env ?? {}) as PreviewEnv;
    // A file on disk, or a file of a virtual workspace folder (github.dev): the service's path either way.
    const filePath = currentDocument ? servicePath(currentDocument) : undefined;
    if (!currentDocument || filePath === undefined) return undefined;
    const found = known.get(filePath);
    if (!found) lookUp(currentDocument, filePath);
    const relative = (file: string) => relativeUrl(path.dirname(filePath), file);
    return {
      filePath,
      index: found?.index,
      literalShortcodes: found ? !found.post : undefined,
      builtinHeader: headerMode(currentDocument),
      uiLanguage: vscode.env.language,
      // Without a resource provider the page's <base> is the post's folder: relative paths load.
      resolveResource: file => resourceProvider ? resourceProvider.asWebviewUri(serviceUri(file)).toString(true) : relative(file),
      // The preview opens a relative link to a Markdown file in the editor.
      resolveLink: relative,
    };
  };

  return {
    extendMarkdownIt(md) {
      // Loaded on first use: the renderer is not needed until a preview opens.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { recapPlugin } = require('../core/render/render') as typeof import('../core/render/render');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { relativeUrl } = require('../core/render/context') as typeof import('../core/render/context');
      return md.use(recapPlugin, { builtinPreview: true, context: env => contextFor(env, relativeUrl) });
    },
    known: file => known.get(file),
  };
}
