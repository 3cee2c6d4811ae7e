// The workspace's sites as the editor sees them: a thin adapter over the core service (src/core/service), which
// owns site discovery, configuration, conventions, the site index and the checks. Here: the host over
// `vscode.workspace.fs` with a file watcher, per-resource settings, and documents mapped to the service's paths.
import * as vscode from 'vscode';
import type { DirEntry } from '../core/host';
import type { SiteConventions } from '../core/site/conventions';
import type { SiteIndex } from '../core/site/files';
import type { SiteInfo } from '../core/site/site';
import type { FileChange, RecapHost } from '../core/service/host';
import type { CheckResult, PostContext, PostScheduleProvider, RecapService, RecapSettings } from '../core/service/recapService';

export type { PostContext } from '../core/service/recapService';

/**
 * The service's path for a document: the file path (with `/`) for `file:` URIs; for a virtual or remote
 * workspace (github.dev, vscode.dev), the URI's path inside its workspace folder. Undefined outside any.
 */
export function servicePath(uri: vscode.Uri): string | undefined {
  if (uri.scheme === 'file') return uri.fsPath.replace(/\\/g, '/');
  if (uri.scheme === 'untitled') return undefined;
  return vscode.workspace.getWorkspaceFolder(uri) ? uri.path : undefined;
}

/**
 * The documents the post features serve: Markdown of any scheme, so that files of a virtual workspace (github.dev's
 * `vscode-vfs:`, vscode.dev) are served as files on disk are; `servicePath` leaves out what is in no workspace folder.
 */
export const markdownPosts: vscode.DocumentSelector = { language: 'markdown' };

/** The URI of a service path: in the non-`file:` workspace folder that holds it, else a file. */
export function serviceUri(file: string): vscode.Uri {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const root = folder.uri.path;
    if (folder.uri.scheme !== 'file' && (file === root || file.startsWith(root.endsWith('/') ? root : `${root}/`))) return folder.uri.with({ path: file });
  }
  return vscode.Uri.file(file);
}

/** A host over `vscode.workspace.fs`, so remote and virtual workspaces work too; open documents are read as edited. */
export const workspaceFileHost: RecapHost = {
  async readFile(file: string): Promise<string | undefined> {
    const uri = serviceUri(file).toString();
    const open = vscode.workspace.textDocuments.find(doc => doc.uri.toString() === uri);
    if (open) return open.getText();
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(serviceUri(file)));
    } catch {
      return undefined;
    }
  },
  async exists(file: string): Promise<boolean> {
    try {
      await vscode.workspace.fs.stat(serviceUri(file));
      return true;
    } catch {
      return false;
    }
  },
  async readDir(dir: string): Promise<DirEntry[]> {
    try {
      const entries = await vscode.workspace.fs.readDirectory(serviceUri(dir));
      return entries.map(([name, type]) => ({ name, isDirectory: (type & vscode.FileType.Directory) !== 0 }));
    } catch {
      return [];
    }
  },
};

/** The recap settings that apply to `file`: per workspace folder in a multi-root workspace. */
function settingsFor(file: string): Partial<RecapSettings> {
  const configuration = vscode.workspace.getConfiguration('recap', serviceUri(file));
  return {
    enable: configuration.get<boolean>('enable', true),
    posts: configuration.get<string[]>('posts', []),
    rules: configuration.get<RecapSettings['rules']>('rules', {}),
    preset: configuration.get<RecapSettings['preset']>('preset', 'auto'),
  };
}

export class Sites implements vscode.Disposable {
  /** The core service, loaded on first use (the checks and their parsers are not part of activation). */
  private service?: Promise<RecapService>;
  private scheduleProvider?: PostScheduleProvider;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when what a check depends on changed (a config file, another post, a site file, a setting). */
  readonly onDidChange = this.changed.event;
  private readonly fileChanges = new vscode.EventEmitter<readonly FileChange[]>();
  private readonly disposables: vscode.Disposable[] = [this.changed, this.fileChanges];

  constructor() {
    // Any file may be an image or a shortcode template the checks look for; a change inside a file matters for
    // posts (conventions), site configs and templates only.
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const report = (uri: vscode.Uri, kind: FileChange['kind']) => {
      const file = servicePath(uri);
      if (file !== undefined) this.fileChanges.fire([{ path: file, kind }]);
    };
    this.disposables.push(watcher,
      watcher.onDidCreate(uri => report(uri, 'created')),
      watcher.onDidDelete(uri => report(uri, 'deleted')),
      watcher.onDidChange(uri => { if (/\.(?:md|markdown|mdown|mkd|toml|ya?ml|json|html)$/i.test(uri.path)) report(uri, 'changed'); }),
      vscode.workspace.onDidChangeConfiguration(event => {
        if (event.affectsConfiguration('recap')) void this.service?.then(service => service.reset());
      }));
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    void this.service?.then(service => service.dispose());
  }

  private core(): Promise<RecapService> {
    this.service ??= import('../core/service/recapService').then(({ createRecapService }) => {
      const service = createRecapService({
        host: { ...workspaceFileHost, onDidChangeFiles: listener => this.fileChanges.event(listener) },
        settings: settingsFor,
        schedules: this.scheduleProvider,
        boundary: file => {
          const folder = vscode.workspace.getWorkspaceFolder(serviceUri(file));
          return folder ? servicePath(folder.uri) : undefined;
        },
      });
      service.onDidChange(() => this.changed.fire());
      return service;
    });
    return this.service;
  }

  /** Everything needed to check a document, or undefined when it is not a post. */
  async contextFor(document: vscode.TextDocument): Promise<PostContext | undefined> {
    const file = servicePath(document.uri);
    return file === undefined ? undefined : (await this.core()).contextFor(file, document.getText());
  }

  /** Lints the document's current text (undefined when it is not a post); its front matter feeds the site's conventions. */
  async check(document: vscode.TextDocument): Promise<Extract<CheckResult, { kind: 'checked' }> | undefined> {
    const file = servicePath(document.uri);
    if (file === undefined) return undefined;
    const result = await (await this.core()).check(file, { text: document.getText(), learn: true });
    return result.kind === 'checked' ? result : undefined;
  }

  setScheduleProvider(provider: PostScheduleProvider | undefined): void {
    this.scheduleProvider = provider;
    void this.service?.then(service => service.setScheduleProvider(provider));
  }

  /** The site's file index, built on first use and then kept current file by file. */
  async indexFor(site: SiteInfo): Promise<SiteIndex> {
    return (await this.core()).indexFor(site);
  }

  async siteFor(file: string): Promise<SiteInfo | undefined> {
    return (await this.core()).siteFor(file);
  }

  /** The site's conventions, indexed on first use and then updated file by file. */
  async conventionsFor(site: SiteInfo): Promise<SiteConventions> {
    return (await this.core()).conventionsFor(site);
  }

  /** The site's posts (content folders and `posts` globs). */
  async postsOf(site: SiteInfo): Promise<string[]> {
    return (await this.core()).postsOf(site);
  }
}

/** The files that mark a site's root. One flat brace group: ripgrep (VS Code's file search) refuses nested ones. */
const SITE_MARKERS = `{${['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config/_default/hugo.toml', '_config.yml', '_config.yaml', '.recap.json'].map(name => `**/${name}`).join(',')}}`;

/** The workspace's sites, found by their marker files (hugo.toml, _config.yml, .recap.json …), at most 50. */
export async function workspaceSites(sites: Sites): Promise<SiteInfo[]> {
  const markers = await vscode.workspace.findFiles(SITE_MARKERS, '**/node_modules/**', 50);
  const found = new Map<string, SiteInfo>();
  for (const marker of markers) {
    const markerPath = servicePath(marker);
    const site = markerPath === undefined ? undefined : await sites.siteFor(`${markerPath.slice(0, markerPath.lastIndexOf('/'))}/index.md`);
    if (site && !found.has(site.root)) found.set(site.root, site);
  }
  return [...found.values()];
}
