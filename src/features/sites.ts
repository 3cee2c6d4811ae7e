// The workspace's sites as the editor sees them: which documents are posts, their configuration,
// and the conventions learned from the other posts, kept current as files change.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, resolveConfig, type ResolvedConfig, type RuleSetting } from '../core/site/config';
import { SiteConventions } from '../core/site/conventions';
import { parseFrontMatter } from '../core/frontmatter/parse';
import type { DirEntry, FileHost } from '../core/host';
import { learnConventions, listPosts } from '../core/site/postIndex';
import { findSite, isMarkdownFile, isPost, presetFor, type SiteInfo } from '../core/site/site';
import type { PresetName } from '../core/frontmatter/schema';
import { buildSiteIndex, updateSiteIndexFromHost, type SiteIndex } from '../core/site/files';

/** A FileHost over `vscode.workspace.fs`, so remote and virtual workspaces work too. */
export const workspaceFileHost: FileHost = {
  async readFile(file: string): Promise<string | undefined> {
    const open = vscode.workspace.textDocuments.find(doc => doc.uri.scheme === 'file' && doc.uri.fsPath === file);
    if (open) return open.getText();
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(file)));
    } catch {
      return undefined;
    }
  },
  async exists(file: string): Promise<boolean> {
    try {
      await vscode.workspace.fs.stat(vscode.Uri.file(file));
      return true;
    } catch {
      return false;
    }
  },
  async readDir(dir: string): Promise<DirEntry[]> {
    try {
      const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.file(dir));
      return entries.map(([name, type]) => ({ name, isDirectory: (type & vscode.FileType.Directory) !== 0 }));
    } catch {
      return [];
    }
  },
};

export interface PostContext {
  site?: SiteInfo;
  config: ResolvedConfig;
  conventions?: SiteConventions;
  /** The site's static files, content files and shortcodes (for image, relref and shortcode checks). */
  siteIndex?: SiteIndex;
}

interface SiteState {
  site: SiteInfo;
  conventions: Promise<SiteConventions>;
  index?: Promise<SiteIndex>;
}

/** The recap settings that apply to `resource` (a post, a site's folder): per workspace folder in a multi-root workspace. */
function settings(resource: vscode.Uri | undefined) {
  const configuration = vscode.workspace.getConfiguration('recap', resource);
  return {
    enable: configuration.get<boolean>('enable', true),
    posts: configuration.get<string[]>('posts', []),
    rules: configuration.get<Record<string, RuleSetting>>('rules', {}),
    preset: configuration.get<'auto' | PresetName>('preset', 'auto'),
  };
}

export class Sites implements vscode.Disposable {
  private readonly byDir = new Map<string, Promise<SiteInfo | undefined>>();
  private readonly states = new Map<string, SiteState>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when what a check depends on changed (a config file, another post, a setting). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown,toml,yaml,yml,json}');
    const onFile = (uri: vscode.Uri) => this.fileChanged(uri);
    this.disposables.push(watcher, watcher.onDidChange(onFile), watcher.onDidCreate(onFile), watcher.onDidDelete(uri => this.fileChanged(uri, true)));
    // Any file may be an image or a shortcode template the checks look for.
    const anyFile = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(anyFile, anyFile.onDidCreate(uri => this.siteFileChanged(uri, 'created')), anyFile.onDidDelete(uri => this.siteFileChanged(uri, 'deleted')),
      // An edited shortcode template may take or drop parameters.
      anyFile.onDidChange(uri => { if (uri.path.endsWith('.html')) void this.siteFileChanged(uri, 'changed'); }));
    this.disposables.push(vscode.workspace.onDidChangeConfiguration(event => {
      if (event.affectsConfiguration('recap')) this.reset();
    }));
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  /** Everything needed to check a document, or undefined when it is not a post. */
  async contextFor(document: vscode.TextDocument): Promise<PostContext | undefined> {
    const current = settings(document.uri);
    if (!current.enable || document.uri.scheme !== 'file' || !isMarkdownFile(document.uri.fsPath)) return undefined;
    const file = document.uri.fsPath;
    const site = await this.siteFor(file);
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const globs = current.posts.map(glob => site || !folder ? glob : path.join(folder.uri.fsPath, glob).split(path.sep).join('/'));
    if (!isPost(site, file, globs)) return undefined;
    const detectedPreset = current.preset !== 'auto' ? current.preset : presetFor(site, parseFrontMatter(document.getText()));
    const config = resolveConfig({ detectedPreset, file: site?.config, ruleOverrides: current.rules });
    if (!site) return { config };
    const [conventions, siteIndex] = await Promise.all([this.conventionsFor(site), this.indexFor(site)]);
    return { site, config, conventions, siteIndex };
  }

  /** The site's file index, built on first use and then kept current file by file. */
  indexFor(site: SiteInfo): Promise<SiteIndex> {
    const state = this.stateFor(site);
    state.index ??= buildSiteIndex(workspaceFileHost, site);
    return state.index;
  }

  private stateFor(site: SiteInfo): SiteState {
    let state = this.states.get(site.root);
    if (!state) {
      const conventions = listPosts(workspaceFileHost, site, settings(vscode.Uri.file(site.root)).posts).then(files => learnConventions(workspaceFileHost, files));
      state = { site, conventions };
      this.states.set(site.root, state);
    }
    return state;
  }

  private async siteFileChanged(uri: vscode.Uri, change: 'created' | 'changed' | 'deleted'): Promise<void> {
    if (uri.scheme !== 'file') return;
    const site = await this.siteFor(uri.fsPath);
    const index = site && this.states.get(site.root)?.index;
    if (!index) return;
    await updateSiteIndexFromHost(workspaceFileHost, await index, uri.fsPath, change);
    this.changed.fire();
  }

  async siteFor(file: string): Promise<SiteInfo | undefined> {
    const dir = path.dirname(file);
    let site = this.byDir.get(dir);
    if (!site) {
      const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
      site = findSite(workspaceFileHost, file, folder?.uri.fsPath);
      this.byDir.set(dir, site);
    }
    return site;
  }

  /** The site's conventions, indexed on first use and then updated file by file. */
  conventionsFor(site: SiteInfo): Promise<SiteConventions> {
    return this.stateFor(site).conventions;
  }

  /** Keeps the conventions current with a post's live text (called with every check). */
  async learn(document: vscode.TextDocument, parsed = parseFrontMatter(document.getText())): Promise<void> {
    const site = await this.siteFor(document.uri.fsPath);
    const state = site && this.states.get(site.root);
    if (state) (await state.conventions).update(document.uri.fsPath, parsed);
  }

  private async fileChanged(uri: vscode.Uri, deleted = false): Promise<void> {
    const file = uri.fsPath;
    const name = path.basename(file);
    if (!isMarkdownFile(file)) {
      // A site config or .recap.json may have changed what a site is: start over.
      if (name === CONFIG_FILE_NAME || /^(hugo|config|_config)\.(toml|ya?ml|json)$/.test(name)) this.reset();
      return;
    }
    const site = await this.siteFor(file);
    const state = site && this.states.get(site.root);
    if (!state || !site) return;
    const conventions = await state.conventions;
    if (deleted || !isPost(site, file, settings(uri).posts)) conventions.remove(file);
    else {
      const text = await workspaceFileHost.readFile(file);
      if (text === undefined) conventions.remove(file);
      else conventions.update(file, parseFrontMatter(text));
    }
    this.changed.fire();
  }

  private reset(): void {
    this.byDir.clear();
    this.states.clear();
    this.changed.fire();
  }
}
