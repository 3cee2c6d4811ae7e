// Markdown for talks, speakers and tracks from user-settable templates with `{placeholders}`.
// `{? … }` is an optional group: it disappears when any placeholder inside it is empty, e.g. `{? by {speakers}}`.
import { eventUrl, personUrl, talksOf, trackUrl } from './links';
import type { Person, Schedule, ScheduleLink, Talk } from './model';
import { minutesOf, weekday } from './text';

export const DEFAULT_TEMPLATES = {
  talk: '{titleLink}{? by {speakers}}',
  talkWithLinks: '{titleLink}{? by {speakers}}{? ({mediaLinks})}',
  speaker: '{speakerLink}',
  track: '{trackLink}',
  slides: '{slides}',
  video: '{video}',
} as const;

export type TemplateKind = 'talk' | 'speaker' | 'track';

/** Variables of talk templates (`talk`, `talkWithLinks`, `slides`, `video`). Text values are Markdown-escaped. */
export const TEMPLATE_VARIABLES: Record<string, string> = {
  title: 'Talk title (Markdown-escaped).',
  url: 'Event page URL (fosdem.org/<year>/schedule/event/…), empty if unknown.',
  titleLink: '`[Title](url)`, or the plain title when there is no URL.',
  speakers: 'Speakers, each linked to their speaker page: "[A](…), [B](…) and [C](…)".',
  speakerNames: 'Speakers without links: "A, B and C".',
  track: 'Track name.',
  trackUrl: 'Track page URL (FOSDEM 2025+, and derived for ≤2023), empty if unknown.',
  trackLink: '`[Track](trackUrl)`, or the plain track name.',
  room: 'Room name.',
  day: 'Day, YYYY-MM-DD (local).',
  weekday: 'Day of the week in English, e.g. "Saturday".',
  start: 'Start time, HH:MM (local).',
  end: 'End time, HH:MM (start + duration).',
  duration: 'Duration in minutes.',
  date: 'Start as ISO 8601 with offset, e.g. 2025-02-02T15:50:00+01:00.',
  slides: '`[slides](url)` for the first slides attachment, empty when there are none.',
  slidesUrl: 'URL of the first slides attachment.',
  video: '`[video](url)` for the first video recording, empty when there is none.',
  videoUrl: 'URL of the first video recording (as listed: WebM/AV1 first for recent years).',
  mediaLinks: '"[slides](…), [video](…)" with only the links that exist.',
  subtitle: 'Subtitle.',
  abstract: 'Abstract as plain text, cut to about 300 characters.',
  type: 'Event type (devroom, maintrack, lightningtalk …).',
  language: 'Language code.',
  id: 'Event id.',
  code: 'pretalx code (2024+), e.g. 8LAHJ7.',
  year: 'Conference year.',
  conference: 'Conference title, e.g. "FOSDEM 2025".',
};

export const SPEAKER_TEMPLATE_VARIABLES: Record<string, string> = {
  name: 'Speaker name (Markdown-escaped).',
  url: 'Speaker page URL, empty if unknown (FOSDEM 2024 speaker pages cannot be derived).',
  speakerLink: '`[Name](url)`, or the plain name.',
  talks: 'The speaker\'s talks, linked: "[A](…) and [B](…)".',
  talkTitles: 'The speaker\'s talk titles without links.',
  year: 'Conference year.',
  conference: 'Conference title.',
};

export const TRACK_TEMPLATE_VARIABLES: Record<string, string> = {
  track: 'Track name (Markdown-escaped).',
  url: 'Track page URL, empty if unknown.',
  trackLink: '`[Track](url)`, or the plain name.',
  talkCount: 'Number of talks in the track.',
  rooms: 'Rooms of the track: "A and B".',
  year: 'Conference year.',
  conference: 'Conference title.',
};

const VARIABLES: Record<TemplateKind, Record<string, string>> = { talk: TEMPLATE_VARIABLES, speaker: SPEAKER_TEMPLATE_VARIABLES, track: TRACK_TEMPLATE_VARIABLES };

/** Escapes what would change the meaning of text inside link text or prose: `\ [ ] < > * \``. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\[\]<>*`]/g, ch => `\\${ch}`);
}

/** A URL safe as a Markdown link destination (no spaces, parentheses or angle brackets). */
export function markdownUrl(url: string): string {
  return url.replace(/[ ()<>]/g, ch => ({ ' ': '%20', '(': '%28', ')': '%29', '<': '%3C', '>': '%3E' })[ch] ?? ch);
}

export function markdownLink(text: string, url: string | undefined): string {
  return url ? `[${escapeMarkdown(text)}](${markdownUrl(url)})` : escapeMarkdown(text);
}

/** "A", "A and B", "A, B and C". */
export function joinNames(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', mdash: '—', ndash: '–', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“' };

/** Plain text of an HTML abstract: tags dropped, entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/li|\/h\d)\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first `max` characters of a text, cut at a word boundary, with an ellipsis when cut. */
export function excerpt(text: string, max = 300): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

export function endTime(talk: Talk): string {
  const m = /^(\d{2}):(\d{2})$/.exec(talk.start);
  if (!m) return '';
  const total = Number(m[1]) * 60 + Number(m[2]) + (talk.durationMinutes || minutesOf(talk.duration));
  return `${String(Math.floor(total / 60) % 24).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

function firstLink(links: ScheduleLink[]): ScheduleLink | undefined {
  return links[0];
}

export function talkVariables(talk: Talk, schedule: Schedule): Record<string, string> {
  const url = eventUrl(talk, schedule) ?? '';
  const slides = firstLink(talk.slides);
  const video = firstLink(talk.videos);
  const slidesLink = slides ? `[slides](${markdownUrl(slides.href)})` : '';
  const videoLink = video ? `[video](${markdownUrl(video.href)})` : '';
  const tUrl = trackUrl(talk.track, schedule) ?? '';
  return {
    title: escapeMarkdown(talk.title),
    url,
    titleLink: markdownLink(talk.title, url || undefined),
    speakers: joinNames(talk.persons.map(p => markdownLink(p.name, personUrl(p, schedule)))),
    speakerNames: joinNames(talk.persons.map(p => escapeMarkdown(p.name))),
    track: escapeMarkdown(talk.track),
    trackUrl: tUrl,
    trackLink: talk.track ? markdownLink(talk.track, tUrl || undefined) : '',
    room: escapeMarkdown(talk.room),
    day: talk.day,
    weekday: talk.day ? weekday(talk.day) : '',
    start: talk.start,
    end: endTime(talk),
    duration: talk.durationMinutes ? String(talk.durationMinutes) : '',
    date: talk.date ?? '',
    slides: slidesLink,
    slidesUrl: slides?.href ?? '',
    video: videoLink,
    videoUrl: video?.href ?? '',
    mediaLinks: [slidesLink, videoLink].filter(Boolean).join(', '),
    subtitle: escapeMarkdown(talk.subtitle),
    abstract: escapeMarkdown(excerpt(htmlToText(talk.abstract))),
    type: talk.type,
    language: talk.language,
    id: talk.id,
    code: talk.code ?? '',
    year: schedule.conference.year ? String(schedule.conference.year) : '',
    conference: escapeMarkdown(schedule.conference.title),
  };
}

/** Fills `{name}` placeholders; `{? … }` groups vanish when one of their placeholders is empty; unknown names stay as written. */
export function renderTemplate(template: string, variables: Record<string, string>): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    if (template.startsWith('{?', i)) {
      let depth = 1;
      let j = i + 2;
      for (; j < template.length && depth > 0; j++) {
        if (template[j] === '{') depth++;
        else if (template[j] === '}') depth--;
      }
      if (depth === 0) {
        const inner = template.slice(i + 2, j - 1);
        const names = [...inner.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)].map(m => m[1]);
        if (!names.some(name => name in variables && !variables[name])) out += renderTemplate(inner, variables);
        i = j;
        continue;
      }
    }
    const m = /^\{([A-Za-z][A-Za-z0-9]*)\}/.exec(template.slice(i, i + 40));
    if (m && m[1] in variables) {
      out += variables[m[1]];
      i += m[0].length;
      continue;
    }
    out += template[i++];
  }
  return out;
}

/** Placeholders a template uses that the kind does not define (for settings validation). */
export function unknownPlaceholders(template: string, kind: TemplateKind = 'talk'): string[] {
  const known = VARIABLES[kind];
  return [...new Set([...template.matchAll(/\{\??\s*([A-Za-z][A-Za-z0-9]*)\}/g)].map(m => m[1]).filter(name => !(name in known)))];
}

export function formatTalk(talk: Talk, schedule: Schedule, template: string = DEFAULT_TEMPLATES.talk): string {
  return renderTemplate(template, talkVariables(talk, schedule));
}

export function formatSpeaker(person: Person, schedule: Schedule, template: string = DEFAULT_TEMPLATES.speaker): string {
  const url = personUrl(person, schedule) ?? '';
  const talks = talksOf(schedule, person);
  return renderTemplate(template, {
    name: escapeMarkdown(person.name),
    url,
    speakerLink: markdownLink(person.name, url || undefined),
    talks: joinNames(talks.map(t => markdownLink(t.title, eventUrl(t, schedule)))),
    talkTitles: joinNames(talks.map(t => escapeMarkdown(t.title))),
    year: schedule.conference.year ? String(schedule.conference.year) : '',
    conference: escapeMarkdown(schedule.conference.title),
  });
}

export function formatTrack(track: string, schedule: Schedule, template: string = DEFAULT_TEMPLATES.track): string {
  const url = trackUrl(track, schedule) ?? '';
  const talks = schedule.events.filter(t => t.track === track);
  return renderTemplate(template, {
    track: escapeMarkdown(track),
    url,
    trackLink: markdownLink(track, url || undefined),
    talkCount: String(talks.length),
    rooms: joinNames([...new Set(talks.map(t => t.room).filter(Boolean))].map(escapeMarkdown)),
    year: schedule.conference.year ? String(schedule.conference.year) : '',
    conference: escapeMarkdown(schedule.conference.title),
  });
}
