// The conference schedules as the editor sees them: fetched on first use with a progress notification,
// cached per conference and year in the extension's global storage (atomic writes), revalidated with
// ETag/Last-Modified, and used from the cache — saying how old it is — when the network fails.
import * as path from 'pathe';
import * as vscode from 'vscode';
import type { Schedule } from '../core/schedule/model';
import { FOSDEM, type ConferenceSpec } from '../core/schedule/conference';
import type { FileBytes, ScheduleSource } from '../core/schedule/store';
import type { RecapPlatform } from '../platform/platform';
import { servicePath, serviceUri } from './sites';
import { restrictedSetting } from './workspaceTrust';

// The post's year is worked out in the core, the same for `recap check`; re-exported for the commands.
export { yearOfPost } from '../core/schedule/postYear';

/** A conference of the `recap.schedules` setting: a name and a URL or file path with `{year}`. */
export type ConferenceSetting = ConferenceSpec;

export interface LoadedSchedule {
  schedule: Schedule;
  source: ScheduleSource;
}

/** Loads schedules for the commands, hovers and checks; one load per conference and year at a time. */
export class Schedules implements vscode.Disposable {
  private readonly loaded = new Map<string, Promise<LoadedSchedule>>();
  /** The loads that have finished, for callers that must not wait (checks, and so a save's fix-all). */
  private readonly settled = new Map<string, LoadedSchedule>();
  /** When each settled schedule was loaded or last revalidated (ms since the epoch). */
  private readonly settledAt = new Map<string, number>();
  /** The loads that failed, with why: background loads are not retried until something changes. */
  private readonly failed = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a schedule became available or was refreshed. */
  readonly onDidLoad = this.changed.event;
  private storePromise?: Promise<import('../core/schedule/store').ScheduleStore>;

  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly storage: vscode.Uri, private readonly platform: RecapPlatform) {
    this.disposables.push(vscode.workspace.onDidChangeConfiguration(event => {
      if (event.affectsConfiguration('recap.schedules')) this.forgetSources();
    }), vscode.workspace.onDidGrantWorkspaceTrust(() => this.forgetSources())); // the folder's own `recap.schedules` now applies
  }

  /** Another source: what was loaded or failed before says nothing about it. */
  private forgetSources(): void {
    this.loaded.clear();
    this.settled.clear();
    this.failed.clear();
    this.changed.fire();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  conferences(): ConferenceSetting[] {
    // An untrusted folder's own entries wait for trust: they could point the downloads anywhere.
    const extra = restrictedSetting<ConferenceSetting[]>('recap.schedules') ?? [];
    const valid = extra.filter(c => c && typeof c.name === 'string' && typeof c.url === 'string' && c.url.includes('{year}'));
    // A user entry named FOSDEM replaces the built-in one (a mirror, a local copy).
    return valid.some(c => c.name.toLowerCase() === 'fosdem') ? valid : [FOSDEM, ...valid];
  }

  conference(name = 'FOSDEM'): ConferenceSetting {
    return this.conferences().find(c => c.name.toLowerCase() === name.toLowerCase()) ?? FOSDEM;
  }

  private store(): Promise<import('../core/schedule/store').ScheduleStore> {
    // The parser and store load on first use, not at activation.
    this.storePromise ??= import('../core/schedule/store').then(({ ScheduleStore }) => new ScheduleStore(this.platform.fetchHost, this.platform.cacheStore(this.storage), undefined, readWorkspaceSchedule));
    return this.storePromise;
  }

  sourceFor(conference: ConferenceSetting, year: number): ScheduleSource {
    let url = conference.url.replace(/\{year\}/g, String(year));
    if (!/^[a-z][\w+.-]*:\/\//i.test(url) && !path.isAbsolute(url)) {
      // Relative to the first workspace folder, as a service path: a virtual folder (github.dev) works too.
      const folder = vscode.workspace.workspaceFolders?.[0];
      const root = folder && servicePath(folder.uri);
      if (root !== undefined) url = path.join(root, url);
    }
    return { name: conference.name, year, url };
  }

  /**
   * The schedule for a command: from memory, the cache or the network, with a progress notification.
   * Errors are shown with a "Retry" action; resolves to undefined when the user gives up.
   */
  async get(conference: ConferenceSetting, year: number, options: { force?: boolean; quiet?: boolean } = {}): Promise<LoadedSchedule | undefined> {
    const id = key(conference, year);
    if (options.force) this.loaded.delete(id);
    let pending = this.loaded.get(id);
    if (!pending) {
      const loading = this.load(conference, year, options.force === true, options.quiet === true);
      pending = loading;
      this.loaded.set(id, loading);
      loading.then(loaded => {
        if (this.loaded.get(id) !== loading) return;
        this.settled.set(id, loaded);
        this.settledAt.set(id, Date.now());
        this.failed.delete(id);
        this.changed.fire();
      }, (error: unknown) => { if (this.loaded.get(id) === loading) this.loaded.delete(id); this.failed.set(id, error instanceof Error ? error.message : String(error)); });
    }
    try {
      return await pending;
    } catch (error) {
      if (options.quiet) return undefined;
      const message = error instanceof Error ? error.message : String(error);
      // In the browser a refused download is most often CORS: offer the setting that takes a schedule file instead.
      const retry = vscode.l10n.t('Retry');
      const configureSchedules = vscode.l10n.t('Configure Schedules');
      const configure = this.platform.kind === 'web' && (error as { code?: unknown }).code === 'network' ? [configureSchedules] : [];
      const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Recap: {conference} {year} schedule: {message}', { conference: conference.name, year, message }), retry, ...configure);
      if (choice === configureSchedules) void vscode.commands.executeCommand('workbench.action.openSettings', 'recap.schedules');
      return choice === retry ? this.get(conference, year, options) : undefined;
    }
  }

  /**
   * For the checks: the schedule if it is already loaded, else undefined at once while it loads in the
   * background (`onDidLoad` then fires and the posts are checked again). A check, and so a save's
   * fix-all, never waits on the network.
   */
  ready(conference: ConferenceSetting, year: number): LoadedSchedule | undefined {
    const id = key(conference, year);
    const loaded = this.settled.get(id);
    if (!loaded) void this.background(conference, year);
    else if (this.stale(id, year)) this.revalidate(conference, year, id);
    return loaded;
  }

  /**
   * Recordings and slides keep appearing for weeks after the event (talk/recording-available): in a window left
   * open that long, this and last year's schedules are loaded again once a day — the store revalidates its cache
   * (cheap with ETag/Last-Modified) — while the copy in memory serves the checks. Older years keep what they have.
   */
  private stale(id: string, year: number): boolean {
    return year >= new Date().getFullYear() - 1 && Date.now() - (this.settledAt.get(id) ?? 0) > 86_400_000;
  }

  private revalidate(conference: ConferenceSetting, year: number, id: string): void {
    this.settledAt.set(id, Date.now()); // once a day, even when it fails
    this.loaded.delete(id);
    this.failed.delete(id);
    void this.background(conference, year);
  }

  /** Why the last load of this conference and year failed, if it did (for the log and the tests). */
  failure(conference: ConferenceSetting, year: number): string | undefined {
    return this.failed.get(key(conference, year));
  }

  /** For hovers: loads in the background once, and never nags when it fails. */
  async background(conference: ConferenceSetting, year: number): Promise<LoadedSchedule | undefined> {
    if (this.failed.has(key(conference, year))) return undefined;
    return this.get(conference, year, { quiet: true });
  }

  private async load(conference: ConferenceSetting, year: number, force: boolean, quiet: boolean): Promise<LoadedSchedule> {
    const store = await this.store();
    const source = this.sourceFor(conference, year);
    const run = async () => {
      const result = await store.load(source, { force });
      if (result.notice && !quiet) void vscode.window.showWarningMessage(vscode.l10n.t('Recap: {0}', result.notice));
      // Build the search index now, inside the progress, not on the first keystroke.
      (await import('../core/schedule/search')).createTalkIndex(result.schedule);
      return { schedule: result.schedule, source };
    };
    if (quiet) return run();
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Recap: loading the {conference} {year} schedule…', { conference: conference.name, year }) }, run);
  }
}

/** A local schedule through vscode.workspace.fs (remote and virtual workspaces too); over `maxBytes`, only its size. */
async function readWorkspaceSchedule(file: string, maxBytes: number): Promise<FileBytes | undefined> {
  const uri = serviceUri(file);
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (!(stat.type & vscode.FileType.File)) return undefined;
    if (stat.size > maxBytes) return { tooLarge: stat.size };
    const bytes = await vscode.workspace.fs.readFile(uri);
    return bytes.length > maxBytes ? { tooLarge: bytes.length } : { bytes };
  } catch {
    return undefined;
  }
}

function key(conference: ConferenceSetting, year: number): string {
  return `${conference.name.toLowerCase()}-${year}-${conference.url}`;
}

export function registerSchedules(context: vscode.ExtensionContext, platform: RecapPlatform): Schedules {
  const schedules = new Schedules(context.globalStorageUri, platform);
  context.subscriptions.push(schedules);
  return schedules;
}
