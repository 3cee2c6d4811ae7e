// The schedule model: what a Pentabarf / frab / pretalx / wafer export (XML or frab JSON) says, normalised.
// Plain data only (no classes), so it serialises to the cache and crosses to the VS Code side unchanged.

export interface Person {
  /** The schedule's person id (FOSDEM, pretalx) or guid (frab); absent when the export has none. */
  id?: string;
  name: string;
  /** Speaker-page slug: from the file when it carries one (FOSDEM 2026 `<persons>`), else derived like fosdem.org does. */
  slug: string;
  /** Speaker page, when the conference has one that can be built (FOSDEM except 2024). */
  url?: string;
}

export type LinkKind = 'video' | 'slides' | 'chat' | 'feedback' | 'other';

export interface ScheduleLink {
  /** Absolute URL, percent-encoded (raw spaces of the 2023 video links are encoded). */
  href: string;
  title: string;
  kind: LinkKind;
}

export interface Talk {
  /** The schedule's event id (numeric for FOSDEM); the guid or slug when there is none. */
  id: string;
  guid?: string;
  /** The pretalx submission code (`8AS3XD`): 2026 slugs start with it; 2024–2025 carry it in `feedback_url`. */
  code?: string;
  /** Event slug as in the file ('' in 2007–2012 files, which have none). */
  slug: string;
  /** Event page: `<url>` (corrected when it names the wrong year), else built from the slug for FOSDEM. */
  url?: string;
  title: string;
  subtitle: string;
  track: string;
  /** Track-page slug (`track@slug` from 2025, derived for ≤2023 FOSDEM files). */
  trackSlug?: string;
  type: string;
  language: string;
  /** ISO 8601 with the conference's local offset, e.g. `2025-02-02T15:50:00+01:00`. */
  date?: string;
  /** Local day, YYYY-MM-DD. */
  day: string;
  /** Local start time, HH:MM. */
  start: string;
  /** As in the file, HH:MM. */
  duration: string;
  durationMinutes: number;
  room: string;
  /** HTML as published (FOSDEM abstracts are HTML); see `htmlToText` in format.ts for plain text. */
  abstract: string;
  description: string;
  persons: Person[];
  slides: ScheduleLink[];
  videos: ScheduleLink[];
  /** Every other link: chat, feedback, subtitles, speaker-supplied links, non-slide attachments. */
  links: ScheduleLink[];
}

export interface Conference {
  title: string;
  acronym?: string;
  year?: number;
  /** YYYY-MM-DD */
  start?: string;
  end?: string;
  baseUrl?: string;
  /** IANA zone, e.g. Europe/Brussels. */
  timeZone?: string;
}

export interface Schedule {
  conference: Conference;
  days: { index: number; date: string }[];
  rooms: string[];
  tracks: string[];
  /** Track name → track-page slug where known. */
  trackSlugs: Record<string, string>;
  events: Talk[];
  persons: Person[];
  /** Quirks found and corrected while parsing (e.g. URLs naming the wrong year). */
  warnings: string[];
}

/** Whether this is a FOSDEM schedule (fosdem.org URL conventions apply). */
export function isFosdem(schedule: Pick<Schedule, 'conference'>): boolean {
  const c = schedule.conference;
  return /^fosdem\b/i.test(c.title) || /^fosdem/i.test(c.acronym ?? '') || /(^|\.)fosdem\.org\b/i.test(c.baseUrl ?? '');
}
