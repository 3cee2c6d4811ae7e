// A new recap post from the talks an author attended: front matter and file name learned from the site's other
// posts (format, keys, title pattern, folder, page bundle or single file, date prefix, usual tags/categories/
// authors), and a body from a template the user can change: an intro, the talks grouped by day or track, each
// with its heading link, speakers, track, room, time, slides and recording, a photo and the author's notes.
// The same text comes out plain (the CLI) or as a VS Code snippet whose placeholders are tab stops.
import { imageShortcodeFor } from '../markdown/rules';
import type { ParsedFrontMatter } from '../frontmatter/parse';
import { escapeSnippetText } from '../lint/findings';
import { escapeMarkdown, markdownLink, renderTemplate, talkVariables } from '../schedule/format';
import { trackUrl } from '../schedule/links';
import type { Schedule, Talk } from '../schedule/model';
import { asciiLower } from '../schedule/slug';
import { fold } from '../schedule/text';
import { formatDay } from '../text/locale';
import type { Generator } from '../site/site';
import type { SiteIndex } from '../site/files';

export type Grouping = 'day' | 'track' | 'none';

/**
 * The default layout. `{#group}…{/group}` is written before the first talk of each day (or track), and not at
 * all with grouping "none"; `{#talk}…{/talk}` once per talk. Besides the talk variables of the talk templates:
 * `{intro}`, `{photo}`, `{notes}` (placeholders the author fills), `{group}` and `{groupLink}`.
 */
export const DEFAULT_POST_TEMPLATE = [
  '{intro}',
  '',
  '{#group}',
  '## {groupLink}',
  '',
  '{/group}',
  '{#talk}',
  '### {titleLink}',
  '',
  '{?{speakers} · }{?{trackLink} · }{?{room} · }{weekday} {start}–{end}{? · {mediaLinks}}',
  '',
  '{photo}',
  '',
  '{notes}',
  '',
  '{/talk}',
].join('\n');

export interface SitePost {
  /** Absolute path. */
  path: string;
  parsed: ParsedFrontMatter;
}

export interface NewPostOptions {
  schedule: Schedule;
  /** The talks, in the order to write them (matchTalks gives time order). */
  talks: Talk[];
  group?: Grouping;
  /** The post template; DEFAULT_POST_TEMPLATE when absent. */
  template?: string;
  /** The site's root (absolute) and generator; absent for a post outside any site. */
  siteRoot?: string;
  generator?: Generator;
  /** Hugo content folders or Jekyll's `_posts` (absolute). */
  contentDirs?: string[];
  /** The site's other posts, to learn from. */
  posts?: SitePost[];
  /** For the image shortcode the site defines. */
  siteIndex?: SiteIndex;
  /** `recap.images.shortcode`: the shortcode to use for the photo, when the site has it. */
  imageShortcode?: string;
  /** The language of dates in the text (day headings, `{weekday}`): postLocale's choice; English when absent. */
  locale?: string;
  now: Date;
}

export interface NewPost {
  /** Where the post goes, relative to the site root, '/'-separated (`content/posts/2026-02-10-fosdem-2026-recap.md`). */
  relativePath: string;
  title: string;
  /** The whole post as plain text. */
  text: string;
  /** The whole post as a VS Code snippet: the placeholders are tab stops. */
  snippet: string;
}

export class TemplateError extends Error {}

/** Checks a post template; undefined when it is usable. */
export function checkPostTemplate(template: string): string | undefined {
  try {
    splitTemplate(template);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

interface TemplateParts { head: string; group: string; between: string; talk: string; tail: string }

function splitTemplate(template: string): TemplateParts {
  const text = template.replace(/\r\n?/g, '\n');
  const talkOpen = text.indexOf('{#talk}');
  const talkClose = text.indexOf('{/talk}');
  if (talkOpen === -1 || talkClose < talkOpen) throw new TemplateError('The post template needs a {#talk} … {/talk} block: the part written for each talk.');
  const groupOpen = text.indexOf('{#group}');
  const groupClose = text.indexOf('{/group}');
  if ((groupOpen === -1) !== (groupClose === -1) || (groupOpen !== -1 && (groupClose < groupOpen || groupClose > talkOpen))) {
    throw new TemplateError('The post template\'s {#group} … {/group} block must be closed and come before {#talk}.');
  }
  const cut = (from: number, to: number) => text.slice(from, to).replace(/^\n/, '');
  if (groupOpen === -1) return { head: text.slice(0, talkOpen), group: '', between: '', talk: cut(talkOpen + 7, talkClose), tail: cut(talkClose + 7, text.length) };
  return { head: text.slice(0, groupOpen), group: cut(groupOpen + 8, groupClose), between: cut(groupClose + 8, talkOpen), talk: cut(talkOpen + 7, talkClose), tail: cut(talkClose + 7, text.length) };
}

/** Placeholders stand in the text as private-use characters until the end, then become text or tab stops. */
class Placeholders {
  private readonly texts: string[] = [];
  add(text: string): string {
    this.texts.push(text);
    return `\uE000${this.texts.length - 1}\uE001`;
  }
  plain(text: string): string {
    return text.replace(/\uE000(\d+)\uE001/g, (_, i: string) => this.texts[Number(i)]);
  }
  snippet(text: string): string {
    let n = 0;
    return escapeSnippetText(text).replace(/\uE000(\d+)\uE001/g, (_, i: string) => `\${${++n}:${escapeSnippetText(this.texts[Number(i)])}}`) + '$0';
  }
}

export function buildNewPost(options: NewPostOptions): NewPost {
  const { schedule } = options;
  const year = schedule.conference.year ?? options.now.getFullYear();
  const conference = conferenceName(schedule);
  const posts = options.posts ?? [];
  const related = posts.filter(post => mentions(post, conference));
  const placeholders = new Placeholders();

  const title = learnedTitle(related, conference, year) ?? `${conference} ${year} recap`;
  const frontMatter = buildFrontMatter(options, title, related, conference, placeholders);
  const body = buildBody(options, conference, year, placeholders);
  const text = `${frontMatter}\n${body}`;
  return {
    relativePath: postPath(options, title, related.length ? related : posts),
    title,
    text: placeholders.plain(text),
    snippet: placeholders.snippet(text),
  };
}

/** "FOSDEM" from "FOSDEM 2026". */
function conferenceName(schedule: Schedule): string {
  const title = schedule.conference.title.replace(/\s*\b(19|20)\d\d\b\s*/g, ' ').trim();
  return title || schedule.conference.acronym?.replace(/[-_]?\d{4}$/, '') || 'Conference';
}

function mentions(post: SitePost, conference: string): boolean {
  const needle = fold(conference);
  const data = post.parsed.data;
  return fold(`${String(data.title ?? '')} ${JSON.stringify(data.tags ?? '')} ${post.path}`).includes(needle);
}

function dateOf(post: SitePost): string {
  const date = post.parsed.data.date;
  return date instanceof Date ? date.toISOString() : typeof date === 'string' ? date : String(date ?? '');
}

/** The most recent related post's title with its year replaced: "FOSDEM 2025: what we saw" → "FOSDEM 2026: what we saw". */
function learnedTitle(related: SitePost[], conference: string, year: number): string | undefined {
  const titled = related
    .map(post => ({ title: typeof post.parsed.data.title === 'string' ? post.parsed.data.title : '', date: dateOf(post) }))
    .filter(post => /\b(19|20)\d\d\b/.test(post.title) && fold(post.title).includes(fold(conference)))
    .sort((a, b) => b.date.localeCompare(a.date));
  const latest = titled[0];
  if (!latest) return undefined;
  const oldYear = /\b((?:19|20)\d\d)\b/.exec(latest.title)?.[1] as string;
  return latest.title.split(oldYear).join(String(year));
}

// ---------------------------------------------------------------- front matter

type Format = 'yaml' | 'toml';

function majority<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: T | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) if (count > bestCount) { best = value; bestCount = count; }
  return best;
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map(item => item.trim());
  return [];
}

/** Values of `key` used by a good share of the posts that have the key, most used first. */
function usualValues(posts: SitePost[], key: string, max: number): string[] {
  const counts = new Map<string, number>();
  let having = 0;
  for (const post of posts) {
    const values = stringsOf(post.parsed.data[key]);
    if (values.length) having++;
    for (const value of new Set(values)) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const threshold = Math.max(2, Math.ceil(having / 4));
  return [...counts].filter(([, count]) => count >= threshold).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, max).map(([value]) => value);
}

type Value = string | boolean | string[] | { raw: string };

function buildFrontMatter(options: NewPostOptions, title: string, related: SitePost[], conference: string, placeholders: Placeholders): string {
  const posts = options.posts ?? [];
  const sample = related.length >= 3 ? related : posts;
  const format: Format = majority(posts.map(post => post.parsed.block?.format).filter((f): f is 'yaml' | 'toml' => f === 'yaml' || f === 'toml')) ?? 'yaml';
  const generator = options.generator ?? 'hugo';
  const entries: [string, Value][] = [];
  entries.push(['title', { raw: `"${placeholders.add(JSON.stringify(title).slice(1, -1))}"` }]);
  entries.push(['date', { raw: dateValue(options.now, sample, format) }]);
  if (generator === 'jekyll') entries.push(['published', false]);
  else if (generator === 'hugo' || posts.some(post => 'draft' in post.parsed.data)) entries.push(['draft', true]);

  // Authors: the site's key (authors or author), the most usual one.
  const authorKey = majority(posts.flatMap(post => ['authors', 'author'].filter(key => stringsOf(post.parsed.data[key]).length))) ;
  if (authorKey) {
    const author = majority(sample.flatMap(post => stringsOf(post.parsed.data[authorKey]))) ?? majority(posts.flatMap(post => stringsOf(post.parsed.data[authorKey])));
    const asList = majority(posts.filter(post => authorKey in post.parsed.data).map(post => Array.isArray(post.parsed.data[authorKey])));
    if (author) entries.push([authorKey, asList ? [author] : author]);
  }
  // Tags: the site's usual ones, its tag for the conference, then the talks' tracks as candidates.
  const tagKey = posts.some(post => 'tags' in post.parsed.data) || !posts.length ? 'tags' : undefined;
  if (tagKey) {
    const siteTags = new Map<string, string>();
    for (const post of posts) for (const tag of stringsOf(post.parsed.data.tags)) if (!siteTags.has(fold(tag))) siteTags.set(fold(tag), tag);
    const tags: string[] = [];
    const add = (tag: string) => { if (tag && !tags.some(t => fold(t) === fold(tag))) tags.push(siteTags.get(fold(tag)) ?? tag); };
    for (const tag of usualValues(sample, 'tags', 5)) add(tag);
    add(siteTags.get(fold(conference)) ?? (posts.length ? '' : conference.toLowerCase()));
    for (const talk of options.talks) add(talk.track);
    entries.push(['tags', tags]);
  }
  const categories = usualValues(sample, 'categories', 3);
  if (categories.length) entries.push(['categories', categories]);

  // The keys most of the site's posts have (frontmatter/site-convention), with their shared value or empty.
  const done = new Set(entries.map(([key]) => key));
  if (posts.length >= 5) {
    const keys = new Map<string, number>();
    for (const post of posts) for (const key of Object.keys(post.parsed.data)) keys.set(key, (keys.get(key) ?? 0) + 1);
    for (const [key, count] of keys) {
      if (done.has(key) || count / posts.length < 0.8 || key === 'date' || key === 'title' || /^(lastmod|publishDate|expiryDate|slug|url|aliases|weight)$/i.test(key)) continue;
      const values = posts.map(post => post.parsed.data[key]).filter(value => value !== undefined);
      const shared = majority(values.map(value => JSON.stringify(value)));
      const sharedCount = values.filter(value => JSON.stringify(value) === shared).length;
      const first = values[0];
      if (shared !== undefined && sharedCount / values.length >= 0.8 && (typeof first !== 'object' || Array.isArray(first))) {
        const value = JSON.parse(shared) as unknown;
        if (typeof value === 'string' || typeof value === 'boolean' || (Array.isArray(value) && value.every(v => typeof v === 'string'))) { entries.push([key, value as Value]); continue; }
      }
      if (Array.isArray(first)) entries.push([key, []]);
      else if (typeof first === 'string') entries.push([key, { raw: `"${placeholders.add('')}"` }]);
    }
  }

  const lines = entries.map(([key, value]) => writeEntry(key, value, format));
  const fence = format === 'toml' ? '+++' : '---';
  return `${fence}\n${lines.join('\n')}\n${fence}\n`;
}

/** A string value: bare in YAML when that reads back as the same string, else quoted (JSON strings are valid YAML and TOML). */
function quote(text: string, format: Format): string {
  const plainYaml = /^[A-Za-z][\w .()+/-]*[\w.)]$|^[A-Za-z]$/.test(text) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(text) && !/: | #/.test(text);
  return format === 'yaml' && plainYaml ? text : JSON.stringify(text);
}

function writeEntry(key: string, value: Value, format: Format): string {
  const name = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : JSON.stringify(key);
  const sep = format === 'toml' ? ' = ' : ': ';
  if (typeof value === 'boolean') return `${name}${sep}${value}`;
  if (typeof value === 'string') return `${name}${sep}${quote(value, format)}`;
  if (Array.isArray(value)) {
    if (format === 'toml' || value.length === 0) return `${name}${sep}[${value.map(v => quote(v, format)).join(', ')}]`;
    return `${name}:\n${value.map(v => `  - ${quote(v, format)}`).join('\n')}`;
  }
  return `${name}${sep}${value.raw}`;
}

/** Today as the site writes dates: `2026-02-10`, or with a time and offset when its posts have times. */
function dateValue(now: Date, posts: SitePost[], format: Format): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const withTime = majority(posts.map(post => /\d[T ]\d{1,2}:\d{2}/.test(dateOf(post)) && !/T00:00:00(\.000)?Z$/.test(dateOf(post))));
  if (!withTime) return format === 'toml' ? day : day;
  const offset = -now.getTimezoneOffset();
  const zone = `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${day}T${pad(now.getHours())}:${pad(now.getMinutes())}:00${zone}`;
}

// ---------------------------------------------------------------- file name

interface Shape { dir: string; bundle: boolean; datePrefix: boolean; ext: string }

function relativeTo(root: string, file: string): string {
  const rel = file.startsWith(root) ? file.slice(root.length) : file;
  return rel.replace(/\\/g, '/').replace(/^\/+/, '');
}

function shapeOf(relative: string): Shape {
  const parts = relative.split('/');
  const name = parts[parts.length - 1];
  const ext = /\.[^.]+$/.exec(name)?.[0] ?? '.md';
  const bundle = /^index\.[^.]+$/i.test(name) && parts.length >= 2;
  const stem = bundle ? parts[parts.length - 2] : name.slice(0, -ext.length);
  const dir = parts.slice(0, bundle ? -2 : -1).join('/');
  return { dir, bundle, datePrefix: /^\d{4}-\d{2}-\d{2}-/.test(stem), ext };
}

export function slugify(title: string): string {
  return asciiLower(title).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80).replace(/-+$/, '') || 'recap';
}

function postPath(options: NewPostOptions, title: string, sample: SitePost[]): string {
  const root = options.siteRoot ?? '';
  const shapes = sample.map(post => shapeOf(relativeTo(root, post.path)));
  const key = (shape: Shape) => `${shape.dir}|${shape.bundle}|${shape.datePrefix}|${shape.ext}`;
  const chosen = majority(shapes.map(key));
  const shape = shapes.find(s => key(s) === chosen) ?? defaultShape(options);
  const now = options.now;
  const pad = (n: number) => String(n).padStart(2, '0');
  const stem = `${shape.datePrefix || options.generator === 'jekyll' ? `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-` : ''}${slugify(title)}`;
  const file = shape.bundle ? `${stem}/index${shape.ext}` : `${stem}${shape.ext}`;
  return shape.dir ? `${shape.dir}/${file}` : file;
}

function defaultShape(options: NewPostOptions): Shape {
  const root = options.siteRoot ?? '';
  const content = options.contentDirs?.[0];
  if (options.generator === 'jekyll') return { dir: '_posts', bundle: false, datePrefix: true, ext: '.md' };
  const base = content ? relativeTo(root, content) : '';
  return { dir: options.generator === 'hugo' ? [base || 'content', 'posts'].join('/') : base, bundle: false, datePrefix: false, ext: '.md' };
}

// ---------------------------------------------------------------- body

function buildBody(options: NewPostOptions, conference: string, year: number, placeholders: Placeholders): string {
  const parts = splitTemplate(options.template ?? DEFAULT_POST_TEMPLATE);
  const { schedule } = options;
  const group = options.group ?? 'day';
  const photo = imageMarkup(options);
  const common = {
    intro: placeholders.add(`Why you went to ${conference} ${year}, and what stood out.`),
    year: String(year),
    conference: escapeMarkdown(schedule.conference.title || `${conference} ${year}`),
  };
  let out = renderTemplate(parts.head, common);
  let current: string | undefined;
  for (const talk of options.talks) {
    const { name, link } = groupOf(talk, group, schedule, options.locale);
    const variables: Record<string, string> = {
      ...talkVariables(talk, schedule, options.locale),
      ...common,
      group: name,
      groupLink: link,
      photo: photo(photoName(talk), placeholders),
      notes: placeholders.add('Your notes on this talk.'),
    };
    if (group !== 'none' && name !== current) {
      current = name;
      out += renderTemplate(parts.group, variables) + renderTemplate(parts.between, variables);
    } else if (current === undefined) {
      current = name;
      out += renderTemplate(parts.between, variables);
    }
    out += renderTemplate(parts.talk, variables);
  }
  out += renderTemplate(parts.tail, common);
  // Optional parts that vanished leave blank lines and trailing spaces behind.
  return `${out.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

function groupOf(talk: Talk, group: Grouping, schedule: Schedule, locale: string | undefined): { name: string; link: string } {
  if (group === 'track') {
    const name = talk.track || 'Other talks';
    return { name: escapeMarkdown(name), link: talk.track ? markdownLink(talk.track, trackUrl(talk.track, schedule)) : escapeMarkdown(name) };
  }
  if (group === 'day' && talk.day) {
    // "Saturday 1 February", « samedi 1 février », "Samstag, 1. Februar". English without a region keeps the
    // day-month order recaps have always had here; `en-US` writes "Saturday, February 1".
    const dayLocale = !locale || locale.toLowerCase() === 'en' ? 'en-GB' : locale;
    const name = formatDay(talk.day, dayLocale, { weekday: 'long', day: 'numeric', month: 'long' }) ?? talk.day;
    return { name, link: name };
  }
  return { name: '', link: '' };
}

function photoName(talk: Talk): string {
  const tail = talk.slug.replace(/^[a-z0-9]+-\d{4}-\d+-/i, '').replace(/^[A-Z0-9]{6}[-_]/, '');
  return `${slugify(tail || talk.title)}.jpg`;
}

/**
 * The photo placeholder: the site's image shortcode (`recap.images.shortcode`, with the path in the parameter its
 * template reads), Hugo's `figure` when the site has none, `![…](…)` outside Hugo. The path and the alt text are
 * placeholders (imageShortcodeFor, as the image paste).
 */
function imageMarkup(options: NewPostOptions): (ref: string, placeholders: Placeholders) => string {
  const alt = 'Photo of the talk';
  if ((options.generator ?? 'hugo') !== 'hugo') return (ref, p) => `![${p.add(alt)}](${p.add(ref)})`;
  const { name, param } = imageShortcodeFor(options.siteIndex, options.imageShortcode?.trim() || 'image');
  return (ref, p) => `{{< ${name} ${param}="${p.add(ref)}" alt="${p.add(alt)}" >}}`;
}
