// "Recap: Open Preview": the post as the blog will show it — header card, shortcodes, images from the
// site's static folders — live as you type (only the body is posted after the first render), scroll-synced
// both ways, following the active post unless locked, restored after a reload. Strict CSP with a nonce:
// only our page script (src/webview/preview.ts, bundled to dist/webview/) runs; images load through
// asWebviewUri from the workspace and the extension.
import * as path from 'pathe';
import * as vscode from 'vscode';
import type { RenderResult } from '../core/render/render';
import type { SiteInfo } from '../core/site/site';
import { logError } from './log';
import { parsePageMessage, ScrollEcho, type ExtensionMessage, type PageMessage } from './previewProtocol';
import { servicePath, serviceUri, type Sites } from './sites';
import { restrictedSetting } from './workspaceTrust';

export const PREVIEW_VIEW_TYPE = 'recap.preview';

interface PreviewState {
  uri: string;
  locked: boolean;
  line?: number;
}

/** What the integration tests read: the panel's HTML and the messages it was sent. */
export interface PreviewTestHooks {
  /** Whether `posted` and `latencies` are recorded (tests only). */
  recording: boolean;
  current?: RecapPreview;
  posted: unknown[];
  /** Per body update: ms from the last edit to the posted message (debounce included), and the render's and the post's shares. */
  latencies: { total: number; render: number; post: number }[];
  /** What VS Code calls after a window reload to bring a panel back. */
  serializer?: vscode.WebviewPanelSerializer;
  /** Awaited before each render: lets a test hold renders back, as a slow machine would. */
  beforeRender?: () => Promise<void>;
}
export const previewTestHooks: PreviewTestHooks = { recording: false, posted: [], latencies: [] };

function nonce(): string {
  // The global Web Crypto: loading node:crypto at activation took longer than the rest of activate().
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16)))).replace(/[^A-Za-z0-9]/g, '');
}

export class RecapPreview implements vscode.Disposable {
  private document: vscode.TextDocument;
  private locked: boolean;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private disposed = false;
  /** When the last edit arrived (for the edit → update figure). */
  private editedAt = 0;
  /** Tells the editor's echo of a reveal the page asked for from the author's own scrolling (no ping-pong). */
  private readonly scrollEcho = new ScrollEcho();
  /** Whether the panel holds a page of the current document; until then an edit needs a full render. */
  private pageShown = false;
  /** The files the last render linked to: the only ones a click in the page may open. */
  private linkedFiles = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  /** The last HTML set on the webview (first render) — tests read it. */
  html = '';
  /** The post's title as the panel shows it. */
  private title = '';

  constructor(readonly panel: vscode.WebviewPanel, document: vscode.TextDocument, locked: boolean, private readonly sites: Sites, private readonly extensionUri: vscode.Uri, private readonly onDispose: (preview: RecapPreview) => void) {
    this.document = document;
    this.locked = locked;
    panel.webview.options = webviewOptions(extensionUri);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      vscode.workspace.onDidChangeTextDocument(event => {
        if (event.document === this.document && event.contentChanges.length > 0) {
          this.editedAt = performance.now();
          this.scheduleUpdate();
        }
      }),
      vscode.window.onDidChangeActiveTextEditor(editor => {
        if (!this.locked && editor && editor.document.languageId === 'markdown' && editor.document !== this.document) void this.show(editor.document);
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges(event => {
        if (event.textEditor.document !== this.document || event.visibleRanges.length === 0) return;
        const top = event.visibleRanges[0].start.line;
        if (this.scrollEcho.isEcho(top, stickyScrollLines(event.textEditor))) return;
        void this.post({ type: 'scrollTo', line: top });
      }),
      vscode.workspace.onDidChangeConfiguration(event => {
        if (event.affectsConfiguration('recap.preview')) void this.renderFull();
      }),
      // The folder's own `recap.preview.styles` applies once it is trusted.
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.renderFull()),
    );
    previewTestHooks.current = this;
  }

  get uri(): vscode.Uri {
    return this.document.uri;
  }

  get isLocked(): boolean {
    return this.locked;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    if (previewTestHooks.current === this) previewTestHooks.current = undefined;
    this.onDispose(this);
  }

  toggleLock(): void {
    this.locked = !this.locked;
    this.updateTitle(this.title);
    // A full render carries the state in the page; a lock toggle changes it without one.
    void this.post({ type: 'state', state: this.state() });
  }

  /** Shows another document (a full render: new header, new body, top of the page). */
  async show(document: vscode.TextDocument): Promise<void> {
    if (document !== this.document) this.pageShown = false;
    this.document = document;
    await this.renderFull();
  }

  async renderFull(): Promise<void> {
    previewTestHooks.current = this;
    const generation = ++this.generation;
    const [result, { escapeHtml }] = await Promise.all([this.render(), import('../core/render/context')]);
    // A newer render (full, or an update that found no page and so renders in full) supersedes this one.
    if (generation !== this.generation || !result || this.disposed) return;
    const line = vscode.window.visibleTextEditors.find(editor => editor.document === this.document)?.visibleRanges[0]?.start.line;
    this.html = this.pageHtml(result, line, escapeHtml);
    this.panel.webview.html = this.html;
    this.pageShown = true;
    this.updateTitle(result.title);
  }

  private scheduleUpdate(): void {
    clearTimeout(this.timer);
    const delay = vscode.workspace.getConfiguration('recap', this.document.uri).get<number>('preview.delay', 150);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  /** After an edit: only the new header and body go to the page, which keeps its scroll position. */
  private async update(): Promise<void> {
    // The page is not there yet (a slow first render, a restore): a body update would land nowhere.
    if (!this.pageShown) return this.renderFull();
    const generation = ++this.generation;
    const editedAt = this.editedAt;
    const renderStart = performance.now();
    const result = await this.render();
    if (generation !== this.generation || !result || this.disposed) return;
    const render = performance.now() - renderStart;
    await this.post({ type: 'update', headerHtml: result.headerHtml, bodyHtml: result.bodyHtml });
    if (editedAt && previewTestHooks.recording) {
      const now = performance.now();
      previewTestHooks.latencies.push({ total: now - editedAt, render, post: now - renderStart - render });
      if (previewTestHooks.latencies.length > 50) previewTestHooks.latencies.shift();
    }
    this.updateTitle(result.title);
  }

  private async post(message: ExtensionMessage): Promise<void> {
    if (this.disposed) return;
    if (previewTestHooks.recording) {
      previewTestHooks.posted.push(message);
      if (previewTestHooks.posted.length > 50) previewTestHooks.posted.shift();
    }
    try {
      await this.panel.webview.postMessage(message);
    } catch (error) {
      // Closed while the message was on its way: nothing to tell.
      if (!this.disposed) throw error;
    }
  }

  private async render(): Promise<RenderResult | undefined> {
    try {
      await previewTestHooks.beforeRender?.();
      if (this.disposed) return undefined;
      const { renderPost } = await import('../core/render/render');
      // The service's path: the file path on disk, the URI path in a virtual workspace (github.dev).
      const file = servicePath(this.document.uri);
      const site = file ? await this.sites.siteFor(file) : undefined;
      const index = site ? await this.sites.indexFor(site) : undefined;
      const webview = this.panel.webview;
      const emoji = await this.emoji(site);
      // Closed while the site was being looked up: a disposed webview cannot make resource URIs.
      if (this.disposed) return undefined;
      const result = renderPost(this.document.getText(), {
        filePath: file,
        index,
        resolveResource: absolute => webview.asWebviewUri(serviceUri(absolute)).toString(),
        uiLanguage: vscode.env.language,
        emoji,
      });
      this.linkedFiles = new Set(result.linkedFiles);
      return result;
    } catch (error) {
      if (!this.disposed) logError(`Rendering the preview of ${this.document.uri.fsPath} failed`, error);
      return undefined;
    }
  }

  /** `recap.preview.emoji`: always, never, or as the site's Hugo config says (`enableEmoji`). */
  private async emoji(site: SiteInfo | undefined): Promise<boolean> {
    const setting = vscode.workspace.getConfiguration('recap', this.document.uri).get<string | boolean>('preview.emoji', 'auto');
    if (setting === 'always' || setting === true) return true;
    if (setting === 'never' || setting === false || !site || site.generator !== 'hugo') return false;
    return siteEmoji(site);
  }

  private pageHtml(result: RenderResult, line: number | undefined, escapeHtml: (text: string) => string): string {
    const webview = this.panel.webview;
    const media = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', name)).toString();
    const folder = vscode.workspace.getWorkspaceFolder(this.document.uri)?.uri;
    // An untrusted folder's own styles wait for trust: a stylesheet can fetch from anywhere (url(), @import).
    const userStyles = (restrictedSetting<string[]>('recap.preview.styles', this.document.uri) ?? [])
      .map(style => /^https:\/\//.test(style) ? style : webview.asWebviewUri(path.isAbsolute(style) || !folder ? serviceUri(style) : vscode.Uri.joinPath(folder, style)).toString());
    const scriptNonce = nonce();
    const csp = [
      "default-src 'none'",
      `img-src ${webview.cspSource} https: data:`,
      `style-src ${webview.cspSource}${userStyles.some(s => s.startsWith('https://')) ? ' https:' : ''}`,
      `font-src ${webview.cspSource}`,
      `script-src 'nonce-${scriptNonce}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language || 'en')}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeHtml(media('preview.css'))}">
${userStyles.map(style => `<link rel="stylesheet" href="${escapeHtml(style)}">`).join('\n')}
<title>${escapeHtml(result.title)}</title>
</head>
<body class="recap-preview" data-state="${escapeHtml(JSON.stringify(this.state()))}"${line !== undefined ? ` data-line="${line}"` : ''}>
${result.html}
<script nonce="${scriptNonce}" src="${escapeHtml(webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'preview.js')).toString())}"></script>
</body>
</html>`;
  }

  private updateTitle(title: string): void {
    this.title = title || path.basename(this.document.uri.path);
    this.panel.title = this.locked ? vscode.l10n.t('[Locked] Recap: {0}', this.title) : vscode.l10n.t('Recap: {0}', this.title);
  }

  /** Which post and whether locked, as the page keeps it for the serializer after a reload. */
  private state(): PreviewState {
    return { uri: this.document.uri.toString(), locked: this.locked };
  }

  /** A message from the page (the tests send theirs the same way): acted on only when well formed. */
  async receive(raw: unknown): Promise<void> {
    const message: PageMessage | undefined = parsePageMessage(raw, this.document.lineCount);
    if (!message || this.disposed) return;
    switch (message.type) {
      case 'revealLine': {
        const editor = vscode.window.visibleTextEditors.find(e => e.document === this.document);
        if (!editor) return;
        const line = Math.floor(message.line);
        this.scrollEcho.revealing(line);
        editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
        return;
      }
      case 'openLine': {
        const position = new vscode.Position(Math.floor(message.line), 0);
        const column = vscode.window.visibleTextEditors.find(e => e.document === this.document)?.viewColumn ?? vscode.ViewColumn.One;
        await vscode.window.showTextDocument(this.document, { viewColumn: column, selection: new vscode.Range(position, position) });
        return;
      }
      case 'openLink': {
        // Only a file this preview's own render resolved (a relref target) inside the workspace; a path
        // the page names by itself could be any file on the machine.
        if (message.file !== undefined) {
          const file = serviceUri(message.file);
          if (this.linkedFiles.has(message.file) && vscode.workspace.getWorkspaceFolder(file)) await vscode.window.showTextDocument(file, { viewColumn: vscode.ViewColumn.One });
        } else if (/^https?:\/\/[^\s]+$/i.test(message.href)) {
          await vscode.env.openExternal(vscode.Uri.parse(message.href, true));
        }
        return;
      }
      default:
        return;
    }
  }
}

/**
 * Whether a Hugo site's config sets `enableEmoji` (parsed with the site). A config change makes the service start
 * over with new `SiteInfo` objects, so the answer is worked out again then.
 */
const emojiBySite = new WeakMap<SiteInfo, Promise<boolean>>();
function siteEmoji(site: SiteInfo): Promise<boolean> {
  let enabled = emojiBySite.get(site);
  if (!enabled) {
    enabled = (async () => {
      const { siteEnablesEmoji } = await import('../core/render/render');
      return siteEnablesEmoji(site);
    })();
    emojiBySite.set(site, enabled);
  }
  return enabled;
}

/** How many lines VS Code's sticky scroll can keep over the top of `editor` (0 when it is off). */
function stickyScrollLines(editor: vscode.TextEditor): number {
  const config = vscode.workspace.getConfiguration('editor', editor.document);
  return config.get<boolean>('stickyScroll.enabled', true) ? config.get<number>('stickyScroll.maxLineCount', 5) : 0;
}

/** A restored panel whose post is gone says so (and stays, for the author to close), instead of vanishing. */
function showMissingPost(panel: vscode.WebviewPanel, uri: vscode.Uri, extensionUri: vscode.Uri, escapeHtml: (text: string) => string): void {
  panel.webview.options = { ...webviewOptions(extensionUri), enableScripts: false };
  panel.webview.html = messagePage(escapeHtml, vscode.l10n.t('The post {0} no longer exists: it was moved, renamed or deleted. Open a post and run “Recap: Open Preview”.', uri.scheme === 'file' ? uri.fsPath : uri.toString()));
  panel.title = vscode.l10n.t('Recap: {0} (missing)', path.basename(uri.path));
}

/** A page with one sentence and no script, for a panel that has no post to show. */
function messagePage(escapeHtml: (text: string) => string, text: string): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language || 'en')}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"></head>
<body style="font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 1em 2em"><p class="recap-missing">${escapeHtml(text)}</p></body></html>`;
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  // Only the workspace (the site's images, user styles) and the extension's media/ and page script can be loaded.
  const roots = [...(vscode.workspace.workspaceFolders ?? []).map(folder => folder.uri), vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')];
  return { enableScripts: true, localResourceRoots: roots, enableFindWidget: true, retainContextWhenHidden: false };
}

export function registerPreview(context: vscode.ExtensionContext, sites: Sites): void {
  const previews = new Set<RecapPreview>();
  const create = (panel: vscode.WebviewPanel, document: vscode.TextDocument, locked: boolean) => {
    const preview = new RecapPreview(panel, document, locked, sites, context.extensionUri, p => previews.delete(p));
    previews.add(preview);
    return preview;
  };
  const open = async (toSide: boolean, uri?: vscode.Uri) => {
    // From the walkthrough (or a preview) no text editor has the focus: then the one Markdown editor in view.
    const visible = vscode.window.visibleTextEditors.filter(editor => editor.document.languageId === 'markdown');
    const document = uri ? await vscode.workspace.openTextDocument(uri) : (vscode.window.activeTextEditor ?? (visible.length === 1 ? visible[0] : undefined))?.document;
    if (!document || document.languageId !== 'markdown') {
      void vscode.window.showWarningMessage(vscode.l10n.t('Recap: open a Markdown post first.'));
      return;
    }
    const existing = [...previews].find(p => !p.isLocked) ?? [...previews].find(p => p.uri.toString() === document.uri.toString());
    if (existing) {
      existing.panel.reveal(toSide ? vscode.ViewColumn.Beside : undefined, true);
      await existing.show(document);
      return;
    }
    const column = toSide ? vscode.ViewColumn.Beside : vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One;
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, vscode.l10n.t('Recap: {0}', path.basename(document.uri.path)), { viewColumn: column, preserveFocus: toSide }, webviewOptions(context.extensionUri));
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'preview-icon.svg');
    await create(panel, document, false).renderFull();
  };
  const serializer: vscode.WebviewPanelSerializer = {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
      // The state comes back from the page: taken only as a string URI and a boolean.
      const saved = typeof state === 'object' && state !== null ? state as Record<string, unknown> : {};
      let uri: vscode.Uri | undefined;
      try {
        uri = typeof saved.uri === 'string' ? vscode.Uri.parse(saved.uri, true) : vscode.window.activeTextEditor?.document.uri;
      } catch {
        uri = undefined;
      }
      if (!uri) { panel.dispose(); return; }
      // A slow start: the author may close the panel while its post is still opening.
      let closed = false;
      const watch = panel.onDidDispose(() => { closed = true; });
      // The page for a missing post escapes its path with the renderer's escapeHtml: loaded while the post opens.
      const [document, { escapeHtml }] = await Promise.all([
        vscode.workspace.openTextDocument(uri).then(opened => opened, () => undefined),
        import('../core/render/context'),
      ]).finally(() => watch.dispose());
      if (closed) return;
      if (!document) {
        showMissingPost(panel, uri, context.extensionUri, escapeHtml);
        return;
      }
      await create(panel, document, saved.locked === true).renderFull();
    },
  };
  previewTestHooks.serializer = serializer;
  context.subscriptions.push(
    vscode.commands.registerCommand('recap.openPreview', (uri?: vscode.Uri) => open(false, uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand('recap.openPreviewToSide', (uri?: vscode.Uri) => open(true, uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand('recap.togglePreviewLock', () => {
      const active = [...previews].find(p => p.panel.active) ?? [...previews][0];
      active?.toggleLock();
    }),
    // A reload brings the panel back on the same post.
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, serializer),
    { dispose: () => { for (const preview of [...previews]) preview.dispose(); } },
  );
}
