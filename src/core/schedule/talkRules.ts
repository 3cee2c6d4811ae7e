// `talk/…` checks of a recap post against a schedule: event and speaker links that match nothing, and talk titles
// or speaker names mentioned without a link. One matcher per schedule (WeakMap); one linear pass over the post.
import * as l10n from '@vscode/l10n';
import type { Finding } from '../lint/findings';
import { defaultLevels, defineRules } from '../lint/rule';
import { levenshtein } from '../text/similarity';
import { eventUrl, findPersonByUrl, findTalkBySlug, fosdemLinkPattern, parseScheduleUrl, personUrl, trimLinkEnd } from './links';
import type { Person, Schedule, Talk } from './model';
import { checkRecordings, RECORDING_RULE } from './recordingRule';
import { cleanTitle } from './search';
import { words } from './text';
import { inside, type Range } from './ranges';

/** What the talk rules read: the post and one conference schedule (a year of it). */
export interface TalkCheckInput {
  text: string;
  schedule: Schedule;
  bodyStart?: number;
}

export const TALK_RULES = defineRules((input: TalkCheckInput) => checkTalks(input.text, input.schedule, { bodyStart: input.bodyStart }), [
  { id: 'talk/unknown-event', defaultLevel: 'warning', description: "A fosdem.org event link whose slug, code or id is not in that year's schedule." },
  { id: 'talk/unknown-speaker', defaultLevel: 'warning', description: "A fosdem.org speaker link that matches nobody in that year's schedule." },
  { id: 'talk/unlinked-mention', defaultLevel: 'info', description: 'A talk title mentioned without a link.' },
  { id: 'talk/unlinked-speaker', defaultLevel: 'hint', description: "A speaker of a linked talk named without a link, away from that talk's link." },
  { id: 'talk/outdated-link', defaultLevel: 'info', description: 'An event link found by its code or id whose slug is not the current one (schedules rename slugs).' },
  RECORDING_RULE,
]);

export type TalkRuleId = (typeof TALK_RULES)[number]['id'];

/** checkTalks gives its findings their rules' default levels (lint then applies the configuration). */
const TALK_LEVELS = defaultLevels(TALK_RULES);

export interface CheckTalksOptions {
  /** Offset where the body starts (after the front matter); detected when absent. */
  bodyStart?: number;
}

interface Phrase<T> { words: string[]; item: T }
interface Matcher {
  titles: Map<string, Phrase<Talk>[]>;
  names: Map<string, Phrase<Person>[]>;
  /** Slug-tail and title words per talk, for "did you mean". */
  talkWords: { talk: Talk; words: Set<string> }[];
  hasSpeakerPages: boolean;
}

const matchers = new WeakMap<Schedule, Matcher>();

function addPhrase<T>(map: Map<string, Phrase<T>[]>, ws: string[], item: T): void {
  const key = `${ws[0]} ${ws[1]}`;
  const list = map.get(key);
  const phrase = { words: ws, item };
  if (list) { list.push(phrase); list.sort((a, b) => b.words.length - a.words.length); } else map.set(key, [phrase]);
}

/** The slug without its `fosdem-2025-1234-` or `8AS3XD-` prefix. */
function slugTail(slug: string): string {
  return slug.replace(/^[a-z0-9]+-\d{4}-\d+-/i, '').replace(/^[A-Z0-9]{6}[-_]/, '');
}

function matcherFor(schedule: Schedule): Matcher {
  let m = matchers.get(schedule);
  if (m) return m;
  m = { titles: new Map(), names: new Map(), talkWords: [], hasSpeakerPages: schedule.persons.some(p => p.url) };
  for (const talk of schedule.events) {
    const title = cleanTitle(talk.title);
    const ws = words(title);
    // Short titles ("Welcome", "Lunch", "Q&A session") would flag ordinary prose.
    if (ws.length >= 3 && title.length >= 12) addPhrase(m.titles, ws, talk);
    m.talkWords.push({ talk, words: new Set([...ws, ...words(slugTail(talk.slug))]) });
  }
  for (const person of schedule.persons) {
    const ws = words(person.name);
    if (ws.length >= 2) addPhrase(m.names, ws, person);
  }
  matchers.set(schedule, m);
  return m;
}

// ---------------------------------------------------------------- Markdown structure (just enough)


function frontMatterEnd(text: string): number {
  const m = /^(---|\+\+\+)[ \t]*\r?\n/.exec(text);
  if (!m) return 0;
  const close = new RegExp(`^(${m[1] === '---' ? '---|\\.\\.\\.' : '\\+\\+\\+'})[ \\t]*$`, 'm');
  const rest = text.slice(m[0].length);
  const end = close.exec(rest);
  return end ? m[0].length + end.index + end[0].length : 0;
}

function codeRanges(text: string, from: number): Range[] {
  const ranges: Range[] = [];
  const fence = /^ {0,3}(`{3,}|~{3,})[^\n]*$/gm;
  fence.lastIndex = from;
  let open: RegExpExecArray | null;
  let pos = from;
  while ((open = fence.exec(text))) {
    const marker = open[1];
    const closeRe = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`, 'gm');
    closeRe.lastIndex = open.index + open[0].length + 1;
    const close = closeRe.exec(text);
    const end = close ? close.index + close[0].length : text.length;
    inlineCode(text, pos, open.index, ranges);
    ranges.push([open.index, end]);
    pos = end;
    fence.lastIndex = end;
  }
  inlineCode(text, pos, text.length, ranges);
  return ranges;
}

/**
 * Code spans between `from` and `to` (a fence or the end): a run of n backticks up to the next run of exactly n.
 * The runs are listed once and each length keeps a cursor, so runs that never close cost nothing more (a lazy
 * regex rescanned the rest of the text from each of them).
 */
function inlineCode(text: string, from: number, to: number, out: Range[]): void {
  const runs: Range[] = [];
  const byLength = new Map<number, number[]>();
  const run = /`+/g;
  run.lastIndex = from;
  for (let m = run.exec(text); m && m.index < to; m = run.exec(text)) {
    const length = m[0].length;
    const same = byLength.get(length);
    if (same) same.push(runs.length); else byLength.set(length, [runs.length]);
    runs.push([m.index, m.index + length]);
  }
  const cursors = new Map<number, number>();
  for (let i = 0; i < runs.length;) {
    const length = runs[i][1] - runs[i][0];
    const same = byLength.get(length) as number[];
    let cursor = cursors.get(length) ?? 0;
    while (cursor < same.length && same[cursor] <= i) cursor++;
    cursors.set(length, cursor);
    if (cursor < same.length) {
      out.push([runs[i][0], runs[same[cursor]][1]]);
      i = same[cursor] + 1;
    } else i++;
  }
}

const LINKISH = [
  /!?\[(?:[^[\]\n]|\[[^[\]\n]*\])*\]\((?:[^()\n]|\([^()\n]*\))*\)/g, // inline links and images
  /!?\[(?:[^[\]\n]|\[[^[\]\n]*\])+\]\[[^\]\n]*\]/g, // reference links
  /^ {0,3}\[[^\]\n]+\]:[^\n]*$/gm, // reference definitions
  /<\/?[A-Za-z][^<>\n]*>/g, // HTML tags and autolinks
  /\bhttps?:\/\/[^\s<>()[\]"'`]+/g, // bare URLs
];

/**
 * Comments and Hugo shortcodes, which may span lines: an opener up to its first closer. When a closer is missing,
 * no later opener has one either, so the scan stops there (a lazy `[\s\S]*?` regex rescanned the rest of the
 * text from every unclosed `<!--` or `{{<`: quadratic).
 */
const SPANNING: [open: RegExp, close: RegExp][] = [
  [/<!--/g, /-->/g],
  [/\{\{[<%]/g, /[%>]\}\}/g],
];

function spanningRanges(text: string, from: number, out: Range[]): void {
  for (const [open, close] of SPANNING) {
    open.lastIndex = from;
    for (let m = open.exec(text); m; m = open.exec(text)) {
      close.lastIndex = m.index + m[0].length;
      const end = close.exec(text);
      if (!end) break;
      out.push([m.index, end.index + end[0].length]);
      open.lastIndex = end.index + end[0].length;
    }
  }
}

function merge(ranges: Range[]): Range[] {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/**
 * Offsets where a block starts (a paragraph, a list item, a heading, a table row), in order: a name
 * in the same block as a link to its talk stands beside that link ("[Talk](…) by Jane Doe").
 */
function blockStarts(text: string, from: number): number[] {
  const starts = [from];
  let separate = false;
  for (let lineStart = from; lineStart < text.length;) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (!line.trim()) separate = true;
    else {
      const own = /^ {0,3}(?:[-*+][ \t]|\d{1,9}[.)][ \t]|#{1,6}(?:[ \t]|$)|\|)/.test(line);
      if (separate || own) starts.push(lineStart);
      // A heading or a table row ends where its line does.
      separate = /^ {0,3}(?:#{1,6}(?:[ \t]|$)|\|)/.test(line);
    }
    lineStart = lineEnd + 1;
  }
  return starts;
}

/** The index of the block holding `offset` (see blockStarts). */
function blockOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}


// ---------------------------------------------------------------- the check

export function checkTalks(text: string, schedule: Schedule, options: CheckTalksOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const matcher = matcherFor(schedule);
  const year = schedule.conference.year;
  const conf = schedule.conference.title || l10n.t('the {year} schedule', { year: year ?? '' });
  const bodyStart = options.bodyStart ?? frontMatterEnd(text);
  const code = merge(codeRanges(text, bodyStart));

  // 1. Links to event and speaker pages.
  const linkedTalks = new Set<Talk>();
  const blocks = blockStarts(text, bodyStart);
  /** The talks linked in each block, by block index. */
  const talksByBlock = new Map<number, Set<Talk>>();
  const linkTalk = (talk: Talk, at: number) => {
    linkedTalks.add(talk);
    const block = blockOf(blocks, at);
    const talks = talksByBlock.get(block);
    if (talks) talks.add(talk); else talksByBlock.set(block, new Set([talk]));
  };
  const linkedPersons = new Set<Person>();
  const fosdemLinks = fosdemLinkPattern();
  fosdemLinks.lastIndex = bodyStart;
  let match: RegExpExecArray | null;
  while ((match = fosdemLinks.exec(text))) {
    if (inside(code, match.index)) continue;
    const href = trimLinkEnd(match[0]);
    const start = match.index;
    const end = start + href.length;
    const link = parseScheduleUrl(href);
    if (!link || link.year === undefined || link.year !== year) continue;
    if (link.kind === 'event') {
      const talk = findTalkBySlug(schedule, link.slug);
      const url = talk && eventUrl(talk, schedule);
      if (talk) {
        linkTalk(talk, start);
        if (talk.slug && link.slug !== talk.slug && url) {
          findings.push({ rule: 'talk/outdated-link', severity: TALK_LEVELS['talk/outdated-link'], start, end,
            message: talk.code && link.slug.toUpperCase().startsWith(talk.code)
              ? l10n.t('This link finds "{title}" by its code, but its current URL is {url}.', { title: talk.title, url })
              : l10n.t('This link finds "{title}" by its id, but its current URL is {url}.', { title: talk.title, url }),
            fixes: [{ title: l10n.t('Use the current event URL'), edits: [{ start, end, newText: url }], preferred: true, safe: true }] });
        }
        continue;
      }
      const guess = closestTalk(matcher, link.slug);
      const guessUrl = guess && eventUrl(guess, schedule);
      findings.push({ rule: 'talk/unknown-event', severity: TALK_LEVELS['talk/unknown-event'], start, end,
        message: guess
          ? l10n.t('No {conference} event "{slug}"; did you mean "{title}"?', { conference: conf, slug: link.slug, title: guess.title })
          : l10n.t('No {conference} event "{slug}".', { conference: conf, slug: link.slug }),
        fixes: guessUrl ? [{ title: l10n.t('Link to "{title}"', { title: guess.title }), edits: [{ start, end, newText: guessUrl }], preferred: true }] : undefined });
      if (guess) linkTalk(guess, start);
    } else if (link.kind === 'speaker') {
      if (!matcher.hasSpeakerPages) continue; // FOSDEM 2024 speaker pages use codes the XML lacks
      const person = findPersonByUrl(schedule, href);
      if (person) { linkedPersons.add(person); continue; }
      const guess = closestPerson(schedule, link.slug);
      const guessUrl = guess && personUrl(guess, schedule);
      findings.push({ rule: 'talk/unknown-speaker', severity: TALK_LEVELS['talk/unknown-speaker'], start, end,
        message: guess
          ? l10n.t('No {conference} speaker "{slug}"; did you mean {name}?', { conference: conf, slug: link.slug, name: guess.name })
          : l10n.t('No {conference} speaker "{slug}".', { conference: conf, slug: link.slug }),
        fixes: guessUrl ? [{ title: l10n.t('Link to {name}', { name: guess.name }), edits: [{ start, end, newText: guessUrl }], preferred: true }] : undefined });
    }
  }

  // 2. Titles and speaker names in prose.
  const ranges: Range[] = [...code];
  for (const re of LINKISH) {
    re.lastIndex = bodyStart;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) ranges.push([m.index, m.index + m[0].length]);
  }
  spanningRanges(text, bodyStart, ranges);
  const protectedRanges = merge(ranges);
  const speakers = new Set<Person>();
  for (const talk of linkedTalks) for (const p of talk.persons) if (!linkedPersons.has(p) && personUrl(p, schedule)) speakers.add(p);
  const flaggedTalks = new Set<Talk>();
  const flaggedPersons = new Set<Person>();

  const tokens: { word: string; start: number; end: number; segment: number }[] = [];
  const wordRe = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
  wordRe.lastIndex = bodyStart;
  let segment = 0;
  let r = 0;
  let m: RegExpExecArray | null;
  let lastEnd = bodyStart;
  while ((m = wordRe.exec(text))) {
    const start = m.index;
    while (r < protectedRanges.length && protectedRanges[r][1] <= start) r++;
    if (r < protectedRanges.length && protectedRanges[r][0] <= start) {
      segment++;
      wordRe.lastIndex = protectedRanges[r][1];
      continue;
    }
    if (r > 0 && protectedRanges[r - 1][1] > lastEnd) segment++;
    if (/\n[ \t]*\r?\n/.test(text.slice(lastEnd, start))) segment++;
    lastEnd = start + m[0].length;
    for (const w of words(m[0])) tokens.push({ word: w, start, end: lastEnd, segment });
  }

  const phraseAt = <T>(map: Map<string, Phrase<T>[]>, i: number): Phrase<T> | undefined => {
    if (i + 1 >= tokens.length || tokens[i + 1].segment !== tokens[i].segment) return undefined;
    const list = map.get(`${tokens[i].word} ${tokens[i + 1].word}`);
    if (!list) return undefined;
    for (const phrase of list) {
      const n = phrase.words.length;
      if (i + n > tokens.length || tokens[i + n - 1].segment !== tokens[i].segment) continue;
      let ok = true;
      for (let k = 2; k < n && ok; k++) ok = tokens[i + k].word === phrase.words[k];
      if (ok) return phrase;
    }
    return undefined;
  };

  /** A finding for the words `i … i + length - 1`, with the fix that links them to `url`. */
  const unlinked = (rule: TalkRuleId, i: number, length: number, url: string, message: (mention: string) => string, fixTitle: string) => {
    const start = tokens[i].start;
    const end = tokens[i + length - 1].end;
    const mention = text.slice(start, end);
    findings.push({ rule, severity: TALK_LEVELS[rule], start, end, message: message(mention),
      fixes: [{ title: fixTitle, edits: [{ start, end, newText: `[${mention}](${url})` }], preferred: true }] });
  };

  for (let i = 0; i + 1 < tokens.length; i++) {
    const title = phraseAt(matcher.titles, i);
    if (title) {
      const talk = title.item;
      const url = eventUrl(talk, schedule);
      if (url && !linkedTalks.has(talk) && !flaggedTalks.has(talk)) {
        flaggedTalks.add(talk);
        unlinked('talk/unlinked-mention', i, title.words.length, url, mention => l10n.t('"{mention}" is a {conference} talk mentioned without a link.', { mention, conference: conf }), l10n.t('Link to talk'));
      }
      i += title.words.length - 1;
      continue;
    }
    if (!speakers.size) continue;
    const name = phraseAt(matcher.names, i);
    if (name) {
      const person = name.item;
      const url = personUrl(person, schedule);
      // Beside a link to their own talk ("[Talk](…) by Jane Doe") a name needs no link of its own.
      const besideTalk = [...talksByBlock.get(blockOf(blocks, tokens[i].start)) ?? []].some(talk => talk.persons.includes(person));
      if (url && speakers.has(person) && !flaggedPersons.has(person) && !besideTalk) {
        flaggedPersons.add(person);
        const talk = [...linkedTalks].find(candidate => candidate.persons.includes(person));
        unlinked('talk/unlinked-speaker', i, name.words.length, url, mention => l10n.t('{name} speaks at "{title}", linked elsewhere in this post; here the name has no link.', { name: mention, title: talk?.title ?? l10n.t('a talk this post links') }), l10n.t('Link to speaker'));
      }
      i += name.words.length - 1;
    }
  }
  findings.push(...checkRecordings(text, schedule, { bodyStart, code }));
  return findings.sort((a, b) => a.start - b.start);
}

/**
 * The years of the fosdem.org event and speaker pages a post links (outside code), with how many links each: a
 * schedule of a year the post never links checks none of its links, which the author should be told.
 */
export function linkedScheduleYears(text: string, bodyStart = frontMatterEnd(text)): Map<number, number> {
  const years = new Map<number, number>();
  const code = merge(codeRanges(text, bodyStart));
  const links = fosdemLinkPattern();
  links.lastIndex = bodyStart;
  for (let match = links.exec(text); match; match = links.exec(text)) {
    if (inside(code, match.index)) continue;
    const link = parseScheduleUrl(trimLinkEnd(match[0]));
    if (link?.year !== undefined && link.kind !== 'track') years.set(link.year, (years.get(link.year) ?? 0) + 1);
  }
  return years;
}

function closestTalk(matcher: Matcher, slug: string): Talk | undefined {
  const wanted = new Set(words(slugTail(slug)));
  if (!wanted.size) return undefined;
  let best: { talk: Talk; score: number } | undefined;
  for (const { talk, words: have } of matcher.talkWords) {
    let common = 0;
    for (const w of wanted) {
      if (have.has(w)) common++;
      else for (const h of have) if (w.length >= 4 && h.length >= 4 && (h.startsWith(w) || w.startsWith(h) || levenshtein(w, h) <= 1)) { common += 0.8; break; }
    }
    const score = (2 * common) / (wanted.size + have.size / 2 + 0.5);
    if (!best || score > best.score) best = { talk, score };
  }
  return best && best.score >= 0.5 ? best.talk : undefined;
}

function closestPerson(schedule: Schedule, slug: string): Person | undefined {
  const wanted = slug.toLowerCase();
  let best: { person: Person; distance: number } | undefined;
  for (const person of schedule.persons) {
    const other = person.slug.toLowerCase();
    if (Math.abs(other.length - wanted.length) > 3) continue;
    const distance = levenshtein(wanted, other);
    if (!best || distance < best.distance) best = { person, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(wanted.length / 5)) ? best.person : undefined;
}
