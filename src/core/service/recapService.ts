// The one pipeline behind the editor and `recap check`: find the post's site (cached per folder), its
// configuration, the conventions of its other posts, the site's file index, the post's conference schedules,
// then lint. The faces supply a host (files, change events) and settings; they never wire the steps themselves.
import * as l10n from '@vscode/l10n';
import * as path from 'pathe';
import { parseFrontMatter, detectEol, type ParsedFrontMatter } from '../frontmatter/parse';
import type { PresetName } from '../frontmatter/schema';
import { applyEdits, safeFixes } from '../lint/fixAll';
import type { Finding } from '../lint/findings';
import { lint } from '../lint/lint';
import { utf8Length } from '../lint/postSize';
import type { Schedule } from '../schedule/model';
import { CONFIG_FILE_NAME, resolveConfig, type RecapConfigFile, type ResolvedConfig, type RuleSetting } from '../site/config';
import type { SiteConventions } from '../site/conventions';
import { buildSiteIndex, updateSiteIndexFromHost, type SiteIndex } from '../site/files';
import { learnConventions, listPosts, walkMarkdown } from '../site/postIndex';
import { isMarkdownFile, isPost, presetFor, siteAt, type SiteInfo } from '../site/site';
import { Emitter, type Disposable, type FileChange, type PostRead, type RecapHost } from './host';

/** The settings that apply to one file (the editor's are per workspace folder; the CLI's come from flags). */
export interface RecapSettings {
  /** Off: no file is a post. */
  enable: boolean;
  /** Extra globs of posts, relative to the site (or to `postsBase` for a file in no site). */
  posts: string[];
  /** Rule severities that win over `.recap.json`. */
  rules: Record<string, RuleSetting>;
  preset: 'auto' | PresetName;
  /** Used instead of each site's `.recap.json` (`recap check --config`). */
  configFile?: RecapConfigFile;
}

export const DEFAULT_SETTINGS: RecapSettings = { enable: true, posts: [], rules: {}, preset: 'auto' };

/** The schedules a post's talk/… rules check it against; `fixed` when one schedule serves every post (`--year`). */
export type PostScheduleProvider = (text: string, parsed: ParsedFrontMatter, file: string) => Promise<{ schedules?: Schedule[]; fixed?: Schedule }>;

export interface RecapServiceOptions {
  host: RecapHost;
  /** The settings for a file; defaults everywhere when absent. */
  settings?: (file: string) => Partial<RecapSettings>;
  /** The folder a site search stops at (the workspace folder), and where `posts` globs of a file in no site start. */
  boundary?: (file: string) => string | undefined;
  /** Loads the talk checks' schedules; none (no talk checks) when absent. Can be set later with `setScheduleProvider`. */
  schedules?: PostScheduleProvider;
  /** "Today", for fixes that add a date. */
  now?: () => Date;
}

/** What checking a document needs besides its text. */
export interface PostContext {
  site?: SiteInfo;
  config: ResolvedConfig;
  conventions?: SiteConventions;
  /** The site's static files, content files and shortcodes (for image, relref and shortcode checks). */
  siteIndex?: SiteIndex;
}

export interface CheckOptions {
  /** The live text (an editor's document); read through the host when absent. */
  text?: string;
  /** Check a Markdown file that is not a post (named on the command line). */
  evenIfNotPost?: boolean;
  /** The live text feeds the site's conventions (the editor: a post being written changes them). */
  learn?: boolean;
}

export type CheckResult =
  | { kind: 'not-post' }
  /** The file could not be read as text: one finding, located, at the severity its rule is set to (none when off). */
  | { kind: 'unreadable'; read: Extract<PostRead, { kind: 'problem' }>; severity?: Finding['severity'] }
  | PostCheck;

export interface PostCheck {
  kind: 'checked';
  file: string;
  text: string;
  /** Only the file's start was read (over the size limit): never write it back. */
  partial: boolean;
  parsed: ParsedFrontMatter;
  findings: Finding[];
  context: PostContext;
  /** The one schedule every post is checked against (`--year`), when so. */
  fixedSchedule?: Schedule;
}

export interface FixResult {
  check: PostCheck;
  /** How many findings the safe fixes resolved, by rule. */
  count: number;
  rules: Map<string, number>;
}

interface SiteState {
  site: SiteInfo;
  conventions: Promise<SiteConventions>;
  index?: Promise<SiteIndex>;
}

/** Fixes can reveal others (a fixed key now reaches a rule that looks at its value): at most this many rounds. */
const MAX_FIX_PASSES = 10;
/** Posts read while learning conventions are kept for their check when asked (`willCheck`), up to this much text. */
const KEPT_TEXT_BUDGET = 64 * 1024 * 1024;
const SITE_CONFIG_FILE = /^(?:hugo|config|_config)\.(?:toml|ya?ml|json)$/;

export interface RecapService extends Disposable {
  /** Fires when what a check depends on changed (a config file, another post, a site file, a setting). */
  readonly onDidChange: (listener: () => void) => Disposable;
  settingsFor(file: string): RecapSettings;
  siteFor(file: string): Promise<SiteInfo | undefined>;
  /** Is this Markdown file a post (its site's content folders, or the configured globs)? */
  isPost(file: string): Promise<boolean>;
  /** Everything needed to check a file, or undefined when it is not a post (and `evenIfNotPost` is not set). */
  contextFor(file: string, text?: string, evenIfNotPost?: boolean): Promise<PostContext | undefined>;
  conventionsFor(site: SiteInfo): Promise<SiteConventions>;
  indexFor(site: SiteInfo): Promise<SiteIndex>;
  /** The site's posts (content folders and globs). */
  postsOf(site: SiteInfo): Promise<string[]>;
  /** The posts under a folder, whatever its name. */
  postsUnder(dir: string): Promise<{ posts: string[]; markdownFiles: number }>;
  /** Lints a file the way every face shows it. */
  check(file: string, options?: CheckOptions): Promise<CheckResult>;
  /** Applies the safe fixes ("Fix all") until none is left, re-checking after each round; nothing is written. */
  fix(check: PostCheck): Promise<FixResult>;
  /** Says that these files will be checked: their text, read once to learn the site's conventions, is kept for it. */
  willCheck(files: Iterable<string>): void;
  setScheduleProvider(provider: PostScheduleProvider | undefined): void;
  /** Files changed outside the host's own events (an editor's watcher, a test). */
  filesChanged(changes: readonly FileChange[]): Promise<void>;
  /** Settings changed: everything is worked out again. */
  reset(): void;
}

export function createRecapService(options: RecapServiceOptions): RecapService {
  return new Service(options);
}

class Service implements RecapService {
  private readonly host: RecapHost;
  private readonly sitesByDir = new Map<string, Promise<SiteInfo | undefined>>();
  private readonly states = new Map<string, SiteState>();
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription?: Disposable;
  private schedules?: PostScheduleProvider;
  private readonly wanted = new Set<string>();
  private readonly kept = new Map<string, PostRead>();
  private keptSize = 0;

  constructor(private readonly options: RecapServiceOptions) {
    this.host = options.host;
    this.schedules = options.schedules;
    this.subscription = this.host.onDidChangeFiles?.(changes => { void this.filesChanged(changes); });
  }

  dispose(): void {
    this.subscription?.dispose();
    this.changed.dispose();
  }

  settingsFor(file: string): RecapSettings {
    return { ...DEFAULT_SETTINGS, ...this.options.settings?.(file) };
  }

  setScheduleProvider(provider: PostScheduleProvider | undefined): void {
    this.schedules = provider;
  }

  /** The nearest site above `file`, each folder looked at once (the CLI checks many posts of one folder). */
  async siteFor(file: string): Promise<SiteInfo | undefined> {
    const limit = this.options.boundary?.(file);
    let dir = path.dirname(path.resolve(file));
    for (;;) {
      const site = await this.siteAtDir(dir);
      if (site) return site;
      const parent = path.dirname(dir);
      if (parent === dir || (limit !== undefined && dir === path.resolve(limit))) return undefined;
      dir = parent;
    }
  }

  private siteAtDir(dir: string): Promise<SiteInfo | undefined> {
    let site = this.sitesByDir.get(dir);
    if (!site) {
      site = siteAt(this.host, dir);
      this.sitesByDir.set(dir, site);
    }
    return site;
  }

  private postGlobs(file: string, site: SiteInfo | undefined, settings: RecapSettings): string[] {
    // Globs of a file in no site are relative to the workspace folder.
    const base = site ? undefined : this.options.boundary?.(file);
    return settings.posts.map(glob => base ? path.join(base, glob) : glob);
  }

  private effectiveSite(site: SiteInfo | undefined, settings: RecapSettings): SiteInfo | undefined {
    return site && settings.configFile ? { ...site, config: settings.configFile } : site;
  }

  async isPost(file: string): Promise<boolean> {
    const settings = this.settingsFor(file);
    if (!settings.enable || !isMarkdownFile(file)) return false;
    const site = this.effectiveSite(await this.siteFor(file), settings);
    return isPost(site, file, this.postGlobs(file, site, settings));
  }

  async contextFor(file: string, text?: string, evenIfNotPost = false, parsed?: ParsedFrontMatter): Promise<PostContext | undefined> {
    const settings = this.settingsFor(file);
    if (!evenIfNotPost && (!settings.enable || !isMarkdownFile(file))) return undefined;
    const site = this.effectiveSite(await this.siteFor(file), settings);
    if (!evenIfNotPost && !isPost(site, file, this.postGlobs(file, site, settings))) return undefined;
    const detectedPreset = settings.preset !== 'auto' ? settings.preset
      : presetFor(site, site ? undefined : parsed ?? (text !== undefined ? parseFrontMatter(text) : undefined));
    const config = resolveConfig({ detectedPreset, file: settings.configFile ?? site?.config, ruleOverrides: settings.rules });
    if (!site) return { config };
    const [conventions, siteIndex] = await Promise.all([this.conventionsFor(site), this.indexFor(site)]);
    return { site, config, conventions, siteIndex };
  }

  conventionsFor(site: SiteInfo): Promise<SiteConventions> {
    return this.stateFor(site).conventions;
  }

  indexFor(site: SiteInfo): Promise<SiteIndex> {
    const state = this.stateFor(site);
    state.index ??= buildSiteIndex(this.host, site);
    return state.index;
  }

  postsOf(site: SiteInfo): Promise<string[]> {
    const settings = this.settingsFor(site.root);
    return listPosts(this.host, this.effectiveSite(site, settings) ?? site, settings.posts);
  }

  async postsUnder(dir: string): Promise<{ posts: string[]; markdownFiles: number }> {
    const markdown = await walkMarkdown(this.host, dir);
    const posts: string[] = [];
    for (const file of markdown) if (await this.isPost(file)) posts.push(file);
    return { posts, markdownFiles: markdown.length };
  }

  private stateFor(site: SiteInfo): SiteState {
    let state = this.states.get(site.root);
    if (!state) {
      state = { site, conventions: this.postsOf(site).then(files => learnConventions({ readFile: file => this.readForLearning(file) }, files)) };
      this.states.set(site.root, state);
    }
    return state;
  }

  willCheck(files: Iterable<string>): void {
    for (const file of files) this.wanted.add(path.resolve(file));
  }

  private async readForLearning(file: string): Promise<string | undefined> {
    if (!this.wanted.has(file)) return this.host.readFile(file);
    const read = await this.readFresh(file);
    if (read.kind === 'text' && this.keptSize + read.text.length <= KEPT_TEXT_BUDGET) {
      this.kept.set(file, read);
      this.keptSize += read.text.length;
    }
    return read.kind === 'text' ? read.text : undefined;
  }

  /** A post's text for its check: the copy kept from learning (once), else a read. */
  private async readPost(file: string): Promise<PostRead> {
    const kept = this.kept.get(file);
    if (!kept) return this.readFresh(file);
    this.kept.delete(file);
    if (kept.kind === 'text') this.keptSize -= kept.text.length;
    return kept;
  }

  private async readFresh(file: string): Promise<PostRead> {
    if (this.host.readPost) return this.host.readPost(file);
    const text = await this.host.readFile(file);
    if (text === undefined) return { kind: 'problem', rule: 'file/unreadable', message: l10n.t('The file cannot be read.'), line: 1, column: 1 };
    return { kind: 'text', text, size: utf8Length(text), partial: false };
  }

  async check(file: string, options: CheckOptions = {}): Promise<CheckResult> {
    file = path.resolve(file);
    let text = options.text;
    let fileSize: number | undefined;
    let partial = false;
    // Whether it is a post is known before its text is read: a file that is not is never read.
    if (!options.evenIfNotPost && !(await this.isPost(file))) return { kind: 'not-post' };
    if (text === undefined) {
      // The site's conventions come first: learning them reads the post, and that text is kept for this check.
      const site = await this.siteFor(file);
      if (site) await this.conventionsFor(this.effectiveSite(site, this.settingsFor(file)) ?? site);
      const read = await this.readPost(file);
      if (read.kind === 'problem') {
        const context = await this.contextFor(file, undefined, true);
        const setting = context?.config.rules[read.rule] ?? 'error';
        return { kind: 'unreadable', read, severity: setting === 'off' ? undefined : setting };
      }
      ({ text, size: fileSize, partial } = read);
    }
    const parsed = parseFrontMatter(text, { partial });
    const context = await this.contextFor(file, text, true, parsed);
    if (!context) return { kind: 'not-post' };
    if (options.learn && context.conventions) context.conventions.update(file, parsed);
    return this.lintWith(file, text, parsed, context, { fileSize, partial });
  }

  private async lintWith(file: string, text: string, parsed: ParsedFrontMatter, context: PostContext, read: { fileSize?: number; partial: boolean }): Promise<PostCheck> {
    const talks = this.schedules ? await this.schedules(text, parsed, file) : {};
    const result = lint({
      text, fileSize: read.fileSize, filePath: file, config: context.config, conventions: context.conventions,
      parsed, siteIndex: context.siteIndex, schedules: talks.schedules, now: this.options.now?.(),
    });
    return { kind: 'checked', file, text, partial: read.partial, parsed: result.parsed ?? parsed, findings: result.findings, context, fixedSchedule: talks.fixed };
  }

  async fix(check: PostCheck): Promise<FixResult> {
    let current = check;
    let count = 0;
    const rules = new Map<string, number>();
    if (check.partial) return { check, count, rules };
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const { edits, fixed } = safeFixes(current.findings);
      if (edits.length === 0) break;
      const next = applyEdits(current.text, edits, detectEol(current.text));
      if (next === current.text) break;
      count += fixed.length;
      for (const finding of fixed) rules.set(finding.rule, (rules.get(finding.rule) ?? 0) + 1);
      const parsed = parseFrontMatter(next);
      current = await this.lintWith(current.file, next, parsed, current.context, { fileSize: utf8Length(next), partial: false });
    }
    return { check: current, count, rules };
  }

  async filesChanged(changes: readonly FileChange[]): Promise<void> {
    let any = false;
    for (const { path: changedPath, kind } of changes) {
      const file = path.resolve(changedPath);
      const name = path.basename(file);
      if (name === CONFIG_FILE_NAME || SITE_CONFIG_FILE.test(name)) {
        // A site config or .recap.json may have changed what a site is: start over.
        this.reset();
        return;
      }
      this.kept.delete(file);
      if (isMarkdownFile(file) && await this.postChanged(file, kind)) any = true;
      // Any file may be an image or a shortcode template the checks look for; an edited template may take other parameters.
      if ((kind !== 'changed' || name.endsWith('.html')) && await this.siteFileChanged(file, kind)) any = true;
    }
    if (any) this.changed.fire();
  }

  private async postChanged(file: string, kind: FileChange['kind']): Promise<boolean> {
    const site = await this.siteFor(file);
    const state = site && this.states.get(site.root);
    if (!state) return false;
    const conventions = await state.conventions;
    if (kind === 'deleted' || !(await this.isPost(file))) conventions.remove(file);
    else {
      const text = await this.host.readFile(file);
      if (text === undefined) conventions.remove(file);
      else conventions.update(file, parseFrontMatter(text));
    }
    return true;
  }

  private async siteFileChanged(file: string, kind: FileChange['kind']): Promise<boolean> {
    const site = await this.siteFor(file);
    const index = site && this.states.get(site.root)?.index;
    if (!index) return false;
    await updateSiteIndexFromHost(this.host, await index, file, kind);
    return true;
  }

  reset(): void {
    this.sitesByDir.clear();
    this.states.clear();
    this.kept.clear();
    this.keptSize = 0;
    this.changed.fire();
  }
}
