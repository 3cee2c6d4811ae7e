// Fetch + cache, shared by VS Code and the CLI. One cached copy per conference and year, stored as the
// serialized model (fast to load). A download only replaces the cache once it parsed as a schedule.
import * as l10n from '@vscode/l10n';
import type { FetchHost, FetchResult } from '../host';
import { MAX_SCHEDULE_BYTES, parseScheduleBytes, scheduleTooLarge } from './bytes';
import { deserializeSchedule, serializeSchedule } from './cache';
import { parseFosdemUrl } from './links';
import type { Schedule } from './model';
import { ScheduleError } from './parse';

export interface CacheMeta {
  url: string;
  etag?: string;
  lastModified?: string;
  /** ISO time of the last successful download or revalidation. */
  fetchedAt: string;
}

export interface CacheStore {
  read(key: string): Promise<{ body: string; meta: CacheMeta } | undefined>;
  /** Must be atomic (write a temporary file, then rename) so a crash never leaves half a cache. */
  write(key: string, body: string, meta: CacheMeta): Promise<void>;
}

export { conferenceUrl, FOSDEM, type ConferenceSpec } from './conference';

/** Where else a schedule may live: past FOSDEM years move to archive.fosdem.org. */
export function fallbackUrls(url: string): string[] {
  const page = parseFosdemUrl(url);
  if (page?.host !== 'fosdem.org' || page.year === undefined) return [];
  const { pathname, search, hash } = page.url;
  return [`https://archive.fosdem.org${pathname}${search}${hash}`];
}

export interface ScheduleSource {
  /** Conference name for messages and the cache key, e.g. FOSDEM. */
  name: string;
  year: number;
  /** http(s) URL, or a local file path / file:// URL (read, never cached). */
  url: string;
}

export interface LoadOptions {
  /** Download even when the cache is fresh ("Refresh Schedule", `--refresh`). */
  force?: boolean;
  /** Never touch the network. */
  offline?: boolean;
  /** How old a cache may be before it is revalidated; default: 1 hour for this year, 1 day for last year, 7 days before. */
  maxAgeMs?: number;
}

export interface LoadResult {
  schedule: Schedule;
  from: 'network' | 'cache' | 'revalidated';
  /** Age of the cached copy used (from the cache or revalidated). */
  ageMs?: number;
  /** Something the user should know: stale cache used because the network failed, etc. */
  notice?: string;
}

/** A local schedule's bytes, or its size when it is over `maxBytes` (then it is not read). */
export type FileBytes = { bytes: Uint8Array } | { tooLarge: number };
/** Reads a local schedule; undefined when it is missing or not a file. */
export type FileLoader = (path: string, maxBytes: number) => Promise<FileBytes | undefined>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function cacheKey(source: Pick<ScheduleSource, 'name' | 'year'>): string {
  return `${source.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'schedule'}-${source.year}`;
}

export function describeAge(ms: number): string {
  if (ms < 2 * 60_000) return l10n.t('just now');
  if (ms < 2 * HOUR) return l10n.t('{count} minutes ago', { count: Math.round(ms / 60_000) });
  if (ms < 2 * DAY) return l10n.t('{count} hours ago', { count: Math.round(ms / HOUR) });
  return l10n.t('{count} days ago', { count: Math.round(ms / DAY) });
}

export function isRemote(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

export class ScheduleStore {
  private readonly memory = new Map<string, { schedule: Schedule; meta: CacheMeta }>();

  constructor(private readonly fetch: FetchHost, private readonly cache: CacheStore, private readonly now: () => Date = () => new Date(), private readonly readFile?: FileLoader) {}

  async load(source: ScheduleSource, opts: LoadOptions = {}): Promise<LoadResult> {
    const label = `${source.name} ${source.year}`;
    if (!isRemote(source.url)) return { schedule: await this.loadFile(source), from: 'network' };

    const key = cacheKey(source);
    const cached = await this.readCache(key, source.url);
    const now = this.now().getTime();
    const age = cached ? Math.max(0, now - Date.parse(cached.meta.fetchedAt)) : undefined;

    if (opts.offline) {
      if (!cached) throw new ScheduleError(l10n.t('No cached {label} schedule, and offline mode is on. Connect and try again.', { label }), 'offline');
      return { schedule: cached.schedule, from: 'cache', ageMs: age, notice: l10n.t('Offline: using the {label} schedule cached {age}.', { label, age: describeAge(age ?? 0) }) };
    }
    if (cached && !opts.force && age !== undefined && age < (opts.maxAgeMs ?? this.freshFor(source))) {
      return { schedule: cached.schedule, from: 'cache', ageMs: age };
    }

    let failure: ScheduleError;
    try {
      return await this.download(source, key, cached, age);
    } catch (error) {
      failure = error instanceof ScheduleError ? error : new ScheduleError(l10n.t('Cannot load the {label} schedule: {error}', { label, error: error instanceof Error ? error.message : String(error) }), 'network');
    }
    if (cached) {
      return { schedule: cached.schedule, from: 'cache', ageMs: age, notice: `${failure.message} ${l10n.t('Using the copy cached {age}.', { age: describeAge(age ?? 0) })}` };
    }
    throw failure;
  }

  /** Around the event the file changes daily; past editions change rarely. */
  private freshFor(source: ScheduleSource): number {
    // Recordings and slides keep appearing for weeks after the event (talk/recording-available): last year's
    // schedule is revalidated daily (ETag / Last-Modified make that cheap); older years keep the cache a week.
    const thisYear = this.now().getFullYear();
    return source.year >= thisYear ? HOUR : source.year === thisYear - 1 ? DAY : 7 * DAY;
  }

  private async loadFile(source: ScheduleSource): Promise<Schedule> {
    const path = source.url.replace(/^file:\/\//i, '');
    const file = this.readFile ? await this.readFile(decodeURIComponent(path), MAX_SCHEDULE_BYTES) : undefined;
    if (file === undefined) throw new ScheduleError(`Cannot read the schedule file ${path}.`, 'not-found');
    if ('tooLarge' in file) throw scheduleTooLarge(path, file.tooLarge);
    return parseScheduleBytes(file.bytes, { sourceUrl: path, year: source.year || undefined });
  }

  private async readCache(key: string, url: string): Promise<{ schedule: Schedule; meta: CacheMeta } | undefined> {
    const memo = this.memory.get(key);
    if (memo && memo.meta.url === url) return memo;
    const entry = await this.cache.read(key).catch(() => undefined);
    if (!entry || entry.meta.url !== url) return undefined;
    try {
      const value = { schedule: deserializeSchedule(entry.body), meta: entry.meta };
      this.memory.set(key, value);
      return value;
    } catch {
      return undefined; // another format version or a damaged file: as if there were none
    }
  }

  private async download(source: ScheduleSource, key: string, cached: { schedule: Schedule; meta: CacheMeta } | undefined, age: number | undefined): Promise<LoadResult> {
    const label = `${source.name} ${source.year}`;
    const headers: Record<string, string> = {};
    if (cached?.meta.etag) headers['If-None-Match'] = cached.meta.etag;
    if (cached?.meta.lastModified) headers['If-Modified-Since'] = cached.meta.lastModified;
    let url = source.url;
    let response = await this.get(url, headers, label);
    for (const alternative of response.status === 404 ? fallbackUrls(url) : []) {
      const other = await this.get(alternative, {}, label);
      if (other.status !== 404) {
        url = alternative;
        response = other;
        break;
      }
    }
    const fetchedAt = this.now().toISOString();
    if (response.status === 304 && cached) {
      const meta: CacheMeta = { ...cached.meta, fetchedAt };
      await this.cache.write(key, serializeSchedule(cached.schedule), meta).catch(() => undefined);
      this.memory.set(key, { schedule: cached.schedule, meta });
      return { schedule: cached.schedule, from: 'revalidated', ageMs: age };
    }
    if (response.status === 404) {
      const published = source.year >= this.now().getFullYear();
      throw new ScheduleError(published ? l10n.t('{label} has not published its schedule yet (404 from {url}).', { label, url: source.url }) : l10n.t('No {label} schedule at {url} (404).', { label, url: source.url }), 'not-found');
    }
    if (response.status < 200 || response.status >= 300) throw new ScheduleError(l10n.t('Downloading the {label} schedule failed: HTTP {status} from {url}.', { label, status: response.status, url }), 'http');
    // Thrown before the cache is written: a bad download never replaces a good copy.
    if (response.tooLarge) throw scheduleTooLarge(url, Number(response.headers['content-length']) || undefined);
    const schedule = parseScheduleBytes(response.body, { sourceUrl: url, year: source.year, contentType: response.headers['content-type'] });
    const meta: CacheMeta = { url: source.url, fetchedAt };
    if (response.headers.etag) meta.etag = response.headers.etag;
    if (response.headers['last-modified']) meta.lastModified = response.headers['last-modified'];
    await this.cache.write(key, serializeSchedule(schedule), meta);
    this.memory.set(key, { schedule, meta });
    return { schedule, from: 'network' };
  }

  private async get(url: string, headers: Record<string, string>, label: string): Promise<FetchResult> {
    try {
      return await this.fetch.fetchBytes(url, headers, MAX_SCHEDULE_BYTES);
    } catch (error) {
      // A platform that already says why and what to do (the browser's refused cross-origin download) is quoted as is.
      if (error instanceof Error && (error as { explained?: unknown }).explained === true) throw new ScheduleError(error.message, 'network');
      let host = url;
      try { host = new URL(url).host; } catch { /* keep the URL */ }
      throw new ScheduleError(l10n.t('Cannot reach {host} to load the {label} schedule ({error}).', { host, label, error: error instanceof Error ? error.message : String(error) }), 'network');
    }
  }
}
