// Which conference year a post is about, the same for the editor and `recap check`: the talk/… rules check a post
// against the schedules of these years, and a post that never mentions FOSDEM needs no schedule at all.
import type { ParsedFrontMatter } from '../frontmatter/parse';
import { fosdemLinkPattern, parseFosdemUrl, trimLinkEnd, type FosdemUrl } from './links';

/** The year a post is about: "FOSDEM 2025" in its title, else its date, else the first FOSDEM link's year, else this year. */
export function yearOfPost(data: Record<string, unknown>, text: string, now = new Date()): number {
  const title = typeof data.title === 'string' ? data.title : '';
  const inTitle = /\b(20\d\d|19\d\d)\b/.exec(title);
  if (inTitle) return Number(inTitle[1]);
  const date = data.date instanceof Date ? data.date.toISOString() : typeof data.date === 'string' ? data.date : '';
  const inDate = /^(\d{4})-/.exec(date);
  if (inDate) return Number(inDate[1]);
  for (const link of fosdemLinks(text)) if (link.year !== undefined) return link.year;
  return now.getFullYear();
}

/** The fosdem.org and archive.fosdem.org pages `text` links, in order. */
function* fosdemLinks(text: string): Generator<FosdemUrl> {
  for (const match of text.matchAll(fosdemLinkPattern())) {
    const link = parseFosdemUrl(trimLinkEnd(match[0]));
    if (link) yield link;
  }
}

/** The FOSDEM years a post is about: those its schedule links name, plus its own year when it talks about FOSDEM. */
export function fosdemYears(text: string, parsed: Pick<ParsedFrontMatter, 'data'>, now = new Date()): number[] {
  const years = new Set<number>();
  for (const link of fosdemLinks(text)) if (link.year !== undefined && link.path.startsWith('/schedule/')) years.add(link.year);
  const data = parsed.data ?? {};
  if (years.size > 0 || /fosdem/i.test(JSON.stringify(data))) years.add(yearOfPost(data, text, now));
  return [...years].filter(year => year >= 2000 && year <= now.getFullYear() + 1);
}

/**
 * The years of a post about another conference (a `--schedule` URL with `{year}` and `--conference NAME`): the
 * post's own year when its front matter names the conference, as FOSDEM posts do without a schedule link.
 */
export function conferenceYears(text: string, parsed: Pick<ParsedFrontMatter, 'data'>, conference: string, now = new Date()): number[] {
  if (/^fosdem$/i.test(conference.trim())) return fosdemYears(text, parsed, now);
  const data = parsed.data ?? {};
  const name = conference.trim().toLowerCase();
  if (!name || !JSON.stringify(data).toLowerCase().includes(name)) return [];
  const year = yearOfPost(data, text, now);
  return year >= 2000 && year <= now.getFullYear() + 1 ? [year] : [];
}
