// The schedules a batch check (`recap check`) runs the talk/… rules with: by default each post's own FOSDEM years
// (as the editor does), from the cache when fresh, downloaded when missing or stale. A schedule that cannot be had
// is one note and those posts are checked without it; the result never depends on the network. The store (fetch,
// cache, local files) comes from the platform.
import * as l10n from '@vscode/l10n';
import type { ParsedFrontMatter } from '../frontmatter/parse';
import type { Schedule } from '../schedule/model';
import { ScheduleError } from '../schedule/parse';
import { conferenceYears } from '../schedule/postYear';
import { conferenceUrl, FOSDEM, isRemote, type ConferenceSpec, type ScheduleStore } from '../schedule/store';

/** Options that cannot work together, or a named schedule that cannot be read: the user's to fix (the CLI's exit 2). */
export class ScheduleOptionError extends Error {}

export interface PostScheduleOptions {
  /** `--no-talks`. */
  noTalks?: boolean;
  /** `--year`: every post against that year's schedule. */
  year?: number;
  /** `--schedule FILE|URL`, maybe with `{year}`. */
  schedule?: string;
  /** `--conference`: the name for messages and the cache. */
  conference?: string;
  /** `--offline`: the cache only. */
  offline?: boolean;
  /** Where notes go (the CLI's stderr). */
  note: (line: string) => void;
}

export interface SchedulesOfPost {
  schedules?: Schedule[];
  /** Set when one schedule is used for every post (`--year`, `--schedule FILE`): the post may be about another year. */
  fixed?: Schedule;
}

export class PostSchedules {
  private readonly spec: ConferenceSpec;
  private readonly loads = new Map<number, Promise<Schedule | undefined>>();
  private fixed?: Promise<Schedule | undefined>;

  constructor(private readonly options: PostScheduleOptions, private readonly store: ScheduleStore) {
    const { conference, schedule, year } = options;
    if (options.noTalks && (schedule !== undefined || year !== undefined)) throw new ScheduleOptionError('--no-talks skips the talk checks; it cannot be used with --year or --schedule');
    if (conference && !schedule && conference.toLowerCase() !== 'fosdem') throw new ScheduleOptionError(`--conference ${conference} needs --schedule URL (with {year})`);
    this.spec = schedule !== undefined ? { name: conference ?? 'FOSDEM', url: schedule } : { ...FOSDEM, name: conference ?? FOSDEM.name };
  }

  /** Loads the one schedule of `--year` or a `--schedule` without `{year}`, so its usage errors come before any post is read. */
  async ready(): Promise<void> {
    if (!this.options.noTalks && !this.followsPosts()) this.fixed ??= this.loadFixed();
    await this.fixed;
  }

  /** True when each post's years choose the schedules (no `--year`, and the source names `{year}` or is FOSDEM's). */
  private followsPosts(): boolean {
    return this.options.year === undefined && this.spec.url.includes('{year}');
  }

  /** The schedules to check this post against; none with `--no-talks` or for a post about no conference year. */
  async forPost(text: string, parsed: ParsedFrontMatter): Promise<SchedulesOfPost> {
    if (this.options.noTalks) return {};
    if (this.fixed) {
      const schedule = await this.fixed;
      return schedule ? { schedules: [schedule], fixed: schedule } : {};
    }
    const schedules: Schedule[] = [];
    for (const year of conferenceYears(text, parsed, this.spec.name)) {
      const schedule = await this.forYear(year);
      if (schedule) schedules.push(schedule);
    }
    return { schedules };
  }

  private forYear(year: number): Promise<Schedule | undefined> {
    let load = this.loads.get(year);
    if (!load) {
      load = this.load(year, conferenceUrl(this.spec, year), true, `${this.spec.name} ${year}`);
      this.loads.set(year, load);
    }
    return load;
  }

  /**
   * `--year`, or a `--schedule` without `{year}`: one schedule, loaded before the posts. A local file the user named
   * that cannot be read or parsed is a usage error (exit 2); a download that fails is a note, like any other.
   */
  private async loadFixed(): Promise<Schedule | undefined> {
    const { year } = this.options;
    const url = year !== undefined ? conferenceUrl(this.spec, year) : this.spec.url;
    return this.load(year ?? 0, url, isRemote(url), '');
  }

  /** `posts`: the conference and year whose posts lose their talk checks when the load fails (none: every post). */
  private async load(year: number, url: string, failureIsNote: boolean, posts: string): Promise<Schedule | undefined> {
    try {
      const result = await this.store.load({ name: this.spec.name, year, url }, { offline: this.options.offline });
      if (result.notice) this.options.note(`recap check: ${result.notice}`);
      return result.schedule;
    } catch (error) {
      if (!(error instanceof ScheduleError)) throw error;
      if (!failureIsNote) throw new ScheduleOptionError(`--schedule ${url}: ${oneLine(error.message)}`);
      this.options.note(`recap check: ${oneLine(error.message)} ${posts ? l10n.t('The talk/… rules are skipped for {posts} posts.', { posts }) : l10n.t('The talk/… rules are skipped.')}`);
      return undefined;
    }
  }
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
