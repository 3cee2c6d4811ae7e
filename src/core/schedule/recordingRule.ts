// talk/recording-available: recordings and slides appear for weeks after a conference, while the recap was
// written days after it. A post that links a talk whose schedule entry now has a recording or slides the post
// does not link gets one finding per talk, with fixes that add the missing links where the post's other links to
// that talk's media are, else at the end of its list item or heading, else right after the talk link.
import * as l10n from '@vscode/l10n';
import type { Finding, Fix } from '../lint/findings';
import type { RuleDeclaration } from '../lint/rule';
import { markdownUrl } from './format';
import { findTalkBySlug, fosdemLinkPattern, parseScheduleUrl, trimLinkEnd } from './links';
import type { Schedule, ScheduleLink, Talk } from './model';
import { inside } from './ranges';

/** Declared here, found by the talk rules' pass over the post (talkRules.ts), which hands over its code ranges. */
export const RECORDING_RULE = {
  id: 'talk/recording-available', defaultLevel: 'info', description: "A linked talk's schedule entry has a recording or slides that the post does not link.",
} as const satisfies RuleDeclaration<string>;

export interface RecordingCheckOptions {
  bodyStart: number;
  /** Code blocks and spans (sorted, merged): links inside are not links. */
  code: [number, number][];
}

const ANY_URL = /https?:\/\/[^\s<>()[\]"'`]+/gi;

/** A media URL in a comparable form: scheme, `www.`, case of the host, query and trailing slash dropped, decoded. */
function mediaKey(href: string): string {
  let url = href.trim().replace(/^https?:\/\/(?:www\.)?/i, '').replace(/[?#].*$/, '').replace(/\/+$/, '');
  try {
    url = decodeURI(url);
  } catch {
    // keep it encoded
  }
  const slash = url.indexOf('/');
  return slash === -1 ? url.toLowerCase() : url.slice(0, slash).toLowerCase() + url.slice(slash);
}

/** Slides re-uploaded get a new attachment id (and often a new file name): any slides file of the talk's folder counts. */
function slidesKey(href: string): string {
  const key = mediaKey(href);
  const folder = /^((?:archive\.)?fosdem\.org\/\d{4}\/events\/attachments\/[^/]+\/slides)\//.exec(key);
  return folder ? folder[1].replace(/^archive\./, '') : key;
}

/** A recording in any of its formats: `….av1.webm`, `….webm`, `….mp4` name the same video. */
function videoKey(href: string): string {
  return mediaKey(href).replace(/(?:\.av1)?\.(?:webm|mp4|mkv|ogv)$/i, '');
}


interface LinkedMedia { key: string; end: number }

export function checkRecordings(text: string, schedule: Schedule, options: RecordingCheckOptions): Finding[] {
  const year = schedule.conference.year;
  if (!schedule.events.some(talk => talk.videos.length || talk.slides.length)) return [];

  // Every URL of the post, with where the Markdown link around it ends (for inserting after it).
  const urls: LinkedMedia[] = [];
  ANY_URL.lastIndex = options.bodyStart;
  for (let m = ANY_URL.exec(text); m; m = ANY_URL.exec(text)) {
    if (inside(options.code, m.index)) continue;
    const href = trimLinkEnd(m[0]);
    urls.push({ key: mediaKey(href), end: linkEnd(text, m.index + href.length) });
  }
  const linkedSlides = new Set(urls.map(u => slidesKey(u.key)));
  const linkedVideos = new Set(urls.map(u => videoKey(u.key)));
  // Each media key's first link, so finding a talk's media in the post is a lookup, not a scan per talk.
  const firstUrlOf = new Map<string, number>();
  urls.forEach((u, i) => {
    for (const key of [videoKey(u.key), slidesKey(u.key)]) if (!firstUrlOf.has(key)) firstUrlOf.set(key, i);
  });

  // The first link to each talk of this schedule.
  const firstLink = new Map<Talk, { start: number; end: number }>();
  const fosdemLinks = fosdemLinkPattern();
  fosdemLinks.lastIndex = options.bodyStart;
  for (let m = fosdemLinks.exec(text); m; m = fosdemLinks.exec(text)) {
    if (inside(options.code, m.index)) continue;
    const href = trimLinkEnd(m[0]);
    const link = parseScheduleUrl(href);
    if (!link || link.kind !== 'event' || link.year === undefined || link.year !== year) continue;
    const talk = findTalkBySlug(schedule, link.slug);
    if (talk && !firstLink.has(talk)) firstLink.set(talk, { start: m.index, end: m.index + href.length });
  }

  const findings: Finding[] = [];
  const conference = schedule.conference.title || l10n.t('The schedule');
  for (const [talk, at] of firstLink) {
    const video = talk.videos.some(v => linkedVideos.has(videoKey(v.href))) ? undefined : talk.videos[0];
    const slides = talk.slides.some(s => linkedSlides.has(slidesKey(s.href))) ? undefined : talk.slides[0];
    if (!video && !slides) continue;
    // Where the post already links this talk's other media, the missing link goes beside it.
    const own = new Set([...talk.videos.map(v => videoKey(v.href)), ...talk.slides.map(s => slidesKey(s.href))]);
    let besideIndex = Infinity;
    for (const key of own) besideIndex = Math.min(besideIndex, firstUrlOf.get(key) ?? Infinity);
    const beside = besideIndex === Infinity ? undefined : urls[besideIndex];
    // A talk the post covers: it links some of its media, or lists it as a heading or list item (a recap's
    // structure). A talk named in passing in prose is left alone: its author would dismiss the finding.
    if (!beside && !startsEntry(text, at.start)) continue;
    const missing: [string, ScheduleLink][] = [];
    if (slides) missing.push(['slides', slides]);
    if (video) missing.push(['video', video]);
    const fix = (items: [string, ScheduleLink][], title: string, preferred: boolean): Fix => {
      const links = items.map(([label, link]) => `[${label}](${markdownUrl(link.href)})`).join(', ');
      return { title, edits: [insertion(text, at, beside?.end, links)], preferred };
    };
    const fixes: Fix[] = [];
    if (video && slides) fixes.push(fix(missing, l10n.t('Add recording and slides links'), true));
    if (video) fixes.push(fix([['video', video]], l10n.t('Add recording link'), !slides));
    if (slides) fixes.push(fix([['slides', slides]], l10n.t('Add slides link'), !video));
    const args = { conference, title: talk.title };
    findings.push({
      rule: RECORDING_RULE.id, severity: RECORDING_RULE.defaultLevel, start: at.start, end: at.end,
      message: video && slides ? l10n.t('{conference} now has a recording and slides of "{title}" that this post does not link.', args)
        : video ? l10n.t('{conference} now has a recording of "{title}" that this post does not link.', args)
        : l10n.t('{conference} now has slides of "{title}" that this post does not link.', args),
      fixes,
    });
  }
  return findings;
}

/** Whether the link is on a heading or list item line. */
function startsEntry(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^ {0,3}(?:#{1,6}[ \t]|[-*+][ \t]|\d{1,9}[.)][ \t])/.test(text.slice(lineStart, offset + 1));
}

/** The end of the Markdown inline link whose destination ends at `urlEnd` (`…(url)` or `…(url "title")`), else `urlEnd`. */
function linkEnd(text: string, urlEnd: number): number {
  const m = /^(?:\s+"[^"\n]*")?\)/.exec(text.slice(urlEnd, urlEnd + 200));
  return m ? urlEnd + m[0].length : urlEnd;
}

/** The edit that adds `links`: beside the talk's other media, else at the end of its heading or list item, else after the talk link. */
function insertion(text: string, talkLink: { start: number; end: number }, besideEnd: number | undefined, links: string): { start: number; end: number; newText: string } {
  if (besideEnd !== undefined) return { start: besideEnd, end: besideEnd, newText: `, ${links}` };
  const lineStart = text.lastIndexOf('\n', talkLink.start - 1) + 1;
  let lineEnd = text.indexOf('\n', talkLink.start);
  if (lineEnd === -1) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd);
  if (/^ {0,3}(?:#{1,6}[ \t]|[-*+][ \t]|\d{1,9}[.)][ \t])/.test(line)) {
    const end = lineStart + line.replace(/[ \t\r]+$/, '').replace(/[ \t]+#+$/, '').length;
    return { start: end, end, newText: ` (${links})` };
  }
  const after = linkEnd(text, talkLink.end);
  return { start: after, end: after, newText: ` (${links})` };
}
