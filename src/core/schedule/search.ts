// Search talks and speakers as the user types: case-, accent- and word-order-tolerant prefix matching over a
// normalised index built once per schedule (WeakMap), so a keystroke only scans flat token arrays.
import { levenshtein } from '../text/similarity';
import type { Person, Schedule, Talk } from './model';
import { weekday, words } from './text';

export interface TalkMatch { talk: Talk; score: number }
export interface PersonMatch { person: Person; score: number }

interface Entry<T> {
  item: T;
  tokens: string[];
  weights: number[];
  /** Folded words joined by single spaces, for phrase bonuses. */
  phrases: string[];
  order: number;
}

export interface TalkIndex { talks: Entry<Talk>[]; persons: Entry<Person>[] }

const WEIGHT = { title: 4, speaker: 4, subtitle: 2, track: 2, room: 1.5, type: 1, day: 1.5, time: 2 } as const;

const cache = new WeakMap<Schedule, TalkIndex>();

function tokensOf(text: string): string[] {
  return words(text.replace(/(\d{1,2}):(\d{2})/g, (_, h: string, m: string) => `${h.padStart(2, '0')}${m}`));
}

/** Removes the decorations schedules put in front of titles. */
export function cleanTitle(title: string): string {
  return title.replace(/^\s*(\[(updated|rescheduled|canceled|cancelled|replacement|amendment)\]\s*|(cancell?ed|amendment)\s*:?\s+)+/i, '').trim();
}

export function createTalkIndex(schedule: Schedule): TalkIndex {
  const known = cache.get(schedule);
  if (known) return known;
  const talks: Entry<Talk>[] = schedule.events.map((talk, order) => {
    const tokens: string[] = [];
    const weights: number[] = [];
    const add = (text: string, weight: number) => { for (const t of tokensOf(text)) { tokens.push(t); weights.push(weight); } };
    add(talk.title, WEIGHT.title);
    add(talk.subtitle, WEIGHT.subtitle);
    for (const p of talk.persons) add(p.name, WEIGHT.speaker);
    add(talk.track, WEIGHT.track);
    add(talk.room, WEIGHT.room);
    add(talk.type, WEIGHT.type);
    if (talk.day) add(`${weekday(talk.day)} ${talk.day}`, WEIGHT.day);
    if (talk.start) add(talk.start, WEIGHT.time);
    return { item: talk, tokens, weights, phrases: [tokensOf(cleanTitle(talk.title)).join(' '), ...talk.persons.map(p => tokensOf(p.name).join(' '))], order };
  });
  // Chronological order breaks ties and lists everything for an empty query.
  talks.sort((a, b) => (a.item.day + a.item.start).localeCompare(b.item.day + b.item.start) || a.order - b.order);
  talks.forEach((entry, i) => { entry.order = i; });
  const persons: Entry<Person>[] = schedule.persons.map((person, order) => {
    const tokens = tokensOf(person.name);
    return { item: person, tokens, weights: tokens.map(() => WEIGHT.speaker), phrases: [tokens.join(' ')], order };
  });
  const index = { talks, persons };
  cache.set(schedule, index);
  return index;
}

function scoreEntry<T>(entry: Entry<T>, query: string[], phrase: string, fuzzy: boolean): number {
  let total = 0;
  for (const q of query) {
    let best = 0;
    for (let i = 0; i < entry.tokens.length; i++) {
      const t = entry.tokens[i];
      let s = 0;
      if (t === q) s = entry.weights[i] * 2;
      else if (t.startsWith(q)) s = entry.weights[i] * (1 + q.length / t.length / 2);
      else if (fuzzy && q.length >= 4 && (levenshtein(q, t.slice(0, q.length)) <= 1 || levenshtein(q, t) <= 1)) s = entry.weights[i] * 0.6;
      if (s > best) best = s;
    }
    if (best === 0) return 0;
    total += best;
  }
  if (phrase.includes(' ')) {
    for (let i = 0; i < entry.phrases.length; i++) {
      const p = entry.phrases[i];
      if (p.startsWith(phrase)) { total += 6; break; }
      if (p.includes(phrase)) { total += 4; break; }
    }
  } else if (entry.phrases[0]?.startsWith(phrase)) total += 1;
  return total;
}

function run<T>(entries: Entry<T>[], query: string, limit: number): { item: T; score: number }[] {
  const tokens = tokensOf(query);
  if (!tokens.length) return entries.slice(0, limit).map(e => ({ item: e.item, score: 0 }));
  const phrase = tokens.join(' ');
  for (const fuzzy of [false, true]) {
    const hits: { item: T; score: number; order: number }[] = [];
    for (const entry of entries) {
      const score = scoreEntry(entry, tokens, phrase, fuzzy);
      if (score > 0) hits.push({ item: entry.item, score, order: entry.order });
    }
    if (hits.length) {
      hits.sort((a, b) => b.score - a.score || a.order - b.order);
      return hits.slice(0, limit).map(h => ({ item: h.item, score: Math.round(h.score * 100) / 100 }));
    }
  }
  return [];
}

/** Talks matching every word of `query` (as a word or a word prefix) in title, subtitle, speakers, track, room, day or time; best first. */
export function searchTalks(schedule: Schedule, query: string, limit = 50): TalkMatch[] {
  return run(createTalkIndex(schedule).talks, query, limit).map(h => ({ talk: h.item, score: h.score }));
}

export function searchPersons(schedule: Schedule, query: string, limit = 50): PersonMatch[] {
  return run(createTalkIndex(schedule).persons, query, limit).map(h => ({ person: h.item, score: h.score }));
}
