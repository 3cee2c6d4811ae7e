// The header card: what the blog shows above a post (title, subtitle, date, authors, tags,
// categories, cover image), from the front matter, which is never rendered as text.
import * as l10n from '@vscode/l10n';
import type { ParsedFrontMatter } from '../frontmatter/parse';
import { attrs, escapeHtml, imageHtml, type RenderContext } from './context';

const COVER_KEYS = ['images', 'image', 'cover', 'featured_image', 'featuredImage', 'featureimage', 'thumbnail'];

function get(data: Record<string, unknown>, key: string): unknown {
  if (key in data) return data[key];
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(data)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const named = (value as Record<string, unknown>).name ?? (value as Record<string, unknown>).title ?? (value as Record<string, unknown>).display_name;
    return typeof named === 'string' ? named : undefined;
  }
  return undefined;
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(text).filter((v): v is string => !!v);
  const single = text(value);
  // Jekyll allows `tags: a b c`; Hugo would read that as one tag, but a comma list is a common slip.
  return single ? [single] : [];
}

/** The cover image reference: `images[0]`, `image`, `cover` (or `cover.image`), `featured_image`. */
export function coverOf(data: Record<string, unknown>): { key: string; ref: string } | undefined {
  for (const key of COVER_KEYS) {
    const value = get(data, key);
    if (Array.isArray(value)) {
      const first = value.map(v => typeof v === 'string' ? v : text((v as Record<string, unknown> | null)?.src ?? (v as Record<string, unknown> | null)?.image)).find(Boolean);
      if (first) return { key, ref: first };
    } else if (typeof value === 'string' && value.trim()) {
      return { key, ref: value.trim() };
    } else if (value && typeof value === 'object') {
      const inner = (value as Record<string, unknown>).image ?? (value as Record<string, unknown>).src ?? (value as Record<string, unknown>).url;
      if (typeof inner === 'string' && inner.trim()) return { key, ref: inner.trim() };
    }
  }
  return undefined;
}

/**
 * A front-matter date for display: `2025-02-14` and `2025-02-14T10:00:00+01:00` show the calendar
 * day as written (no time-zone shift), in the user's locale.
 */
export function formatDate(value: unknown, locale?: string): { text: string; iso: string } | undefined {
  let y: number, m: number, d: number;
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    y = value.getUTCFullYear(); m = value.getUTCMonth() + 1; d = value.getUTCDate();
  } else if (typeof value === 'string') {
    const match = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})/.exec(value);
    if (!match) return { text: value, iso: '' };
    y = Number(match[1]); m = Number(match[2]); d = Number(match[3]);
  } else {
    return undefined;
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { text: String(value), iso: '' };
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  let formatted: string;
  try {
    formatted = new Intl.DateTimeFormat(locale || undefined, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  } catch {
    formatted = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  }
  return { text: formatted, iso };
}

/** `A, B and C` in the locale's way, each name in a span. */
function joinNames(names: string[], locale?: string): string {
  const span = (name: string) => `<span class="recap-author">${escapeHtml(name)}</span>`;
  try {
    return new Intl.ListFormat(locale || undefined, { style: 'long', type: 'conjunction' }).formatToParts(names)
      .map(part => part.type === 'element' ? span(part.value) : escapeHtml(part.value)).join('');
  } catch {
    return names.map(span).join(', ');
  }
}

export interface HeaderInfo {
  title?: string;
  html: string;
}

/** The line (0-based) of a front-matter key, for warnings about it. */
function lineOfKey(text: string, frontMatter: ParsedFrontMatter, key: string): number {
  const field = frontMatter.fields.find(f => f.key === key);
  if (!field) return 0;
  let line = 0;
  for (let i = 0; i < field.start && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** `<header class="recap-header">…</header>`, or '' when the post has no front matter worth showing. */
export function renderHeader(text: string, frontMatter: ParsedFrontMatter, ctx: RenderContext, locale?: string): HeaderInfo {
  const data = frontMatter.data;
  if (!frontMatter.block || Object.keys(data).length === 0) return { html: '' };
  const title = text0(get(data, 'title'));
  const subtitle = text0(get(data, 'subtitle'));
  const date = formatDate(get(data, 'date') ?? get(data, 'publishDate'), locale);
  const authors = list(get(data, 'authors') ?? get(data, 'author'));
  const tags = list(get(data, 'tags'));
  const categories = list(get(data, 'categories'));
  const draft = get(data, 'draft') === true || get(data, 'draft') === 'true' || get(data, 'published') === false;
  const cover = coverOf(data);
  let html = `<header${attrs({ class: 'recap-header code-line', 'data-line': 0 })}>`;
  if (cover) {
    const img = imageHtml(ctx, cover.ref, lineOfKey(text, frontMatter, cover.key), { alt: title ? l10n.t('Cover image: {title}', { title }) : l10n.t('Cover image'), className: 'recap-cover-image', loading: 'eager' });
    html += `<div class="recap-cover">${img}</div>`;
  }
  html += `<div class="recap-header-text">`;
  if (draft) html += `<span class="recap-draft" title="${escapeHtml(l10n.t('draft: true — not published'))}">${escapeHtml(l10n.t('Draft'))}</span>`;
  html += title ? `<h1 class="recap-title">${escapeHtml(title)}</h1>` : `<h1 class="recap-title recap-title-missing">${escapeHtml(l10n.t('Untitled'))}</h1>`;
  if (subtitle) html += `<p class="recap-subtitle">${escapeHtml(subtitle)}</p>`;
  if (date || authors.length) {
    html += `<p class="recap-meta">`;
    if (date) html += date.iso ? `<time class="recap-date"${attrs({ datetime: date.iso })}>${escapeHtml(date.text)}</time>` : `<span class="recap-date recap-date-invalid">${escapeHtml(date.text)}</span>`;
    if (date && authors.length) html += `<span class="recap-meta-sep" aria-hidden="true"> · </span>`;
    if (authors.length) html += `<span class="recap-authors">${joinNames(authors, locale)}</span>`;
    html += `</p>`;
  }
  if (categories.length) html += `<ul class="recap-categories" aria-label="${escapeHtml(l10n.t('Categories'))}">${categories.map(c => `<li class="recap-category">${escapeHtml(c)}</li>`).join('')}</ul>`;
  if (tags.length) html += `<ul class="recap-tags" aria-label="${escapeHtml(l10n.t('Tags'))}">${tags.map(t => `<li class="recap-tag">${escapeHtml(t)}</li>`).join('')}</ul>`;
  html += `</div></header>\n`;
  return { title, html };
}

function text0(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim() || undefined : typeof value === 'number' ? String(value) : undefined;
}
