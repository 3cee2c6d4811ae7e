// Markdown for talks, speakers and tracks from user-settable templates with `{placeholders}`.
// `{? … }` is an optional group: it disappears when any placeholder inside it is empty, e.g. `{? by {speakers}}`.
import { eventUrl, personUrl, talksOf, trackUrl } from './links';
import type { Person, Schedule, ScheduleLink, Talk } from './model';
import { formatDay } from '../text/locale';
import { minutesOf, weekday } from './text';

export const DEFAULT_TEMPLATES = {
  talk: '{titleLink}{? by {speakers}}',
  talkWithLinks: '{titleLink}{? by {speakers}}{? ({mediaLinks})}',
  speaker: '{speakerLink}',
  track: '{trackLink}',
  slides: '{slides}',
  video: '{video}',
} as const;

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

/** The template variables of a talk; `locale` is the language of `{weekday}` (English when absent). */
export function talkVariables(talk: Talk, schedule: Schedule, locale?: string): Record<string, string> {
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
    weekday: talk.day ? (locale ? formatDay(talk.day, locale, { weekday: 'long' }) : undefined) ?? weekday(talk.day) : '',
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

export function formatTalk(talk: Talk, schedule: Schedule, template: string = DEFAULT_TEMPLATES.talk, locale?: string): string {
  return renderTemplate(template, talkVariables(talk, schedule, locale));
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
