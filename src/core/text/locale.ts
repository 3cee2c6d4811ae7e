// The language dates are written in: the post's (front matter `lang`, Hugo's `name.fr.md`), else the site's
// (Hugo `languageCode` / `defaultContentLanguage`, Jekyll `lang`), else the UI's, else English. A recap
// written in French gets « samedi 1 février » even when the editor speaks English. Only `Intl` is used, so
// the core stays the same in Node, the extension host and a browser worker. When no candidate is usable the
// locale is undefined and each formatter keeps its English default.
import * as path from 'pathe';
import { configValue } from '../site/configValue';
import type { SiteInfo } from '../site/site';

/** Front-matter keys that name a post's language, in the order they are read (Jekyll, Polyglot, SEO tag). */
const POST_LANGUAGE_KEYS = ['lang', 'language', 'locale'];

function stringValue(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record ? configValue(record, key) : undefined;
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function recordValue(record: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const value = configValue(record, key);
  return value && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}

/**
 * A language tag as BCP 47 writes it: `en_US` (Jekyll's and Hugo's RSS habit) becomes `en-US`.
 * Undefined for anything that is not a tag-shaped string.
 */
export function normaliseLanguageTag(tag: string | undefined): string | undefined {
  const trimmed = tag?.trim().replace(/_/g, '-');
  return trimmed && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(trimmed) ? trimmed : undefined;
}

/**
 * The first candidate `Intl` can format dates in (invalid tags are skipped, not thrown; unsupported ones
 * too, so `xx` does not silently mean the runtime's own language); undefined when none is.
 */
export function pickLocale(candidates: readonly (string | undefined)[]): string | undefined {
  for (const candidate of candidates) {
    const tag = normaliseLanguageTag(candidate);
    if (!tag) continue;
    try {
      if (Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0) return tag;
    } catch {
      // RangeError: structurally invalid tag. Next candidate.
    }
  }
  return undefined;
}

/** The language the site publishes in: Hugo `languageCode` (or its default language's), Jekyll `lang`. */
export function siteLanguage(site: Pick<SiteInfo, 'generatorConfig'> | undefined): string | undefined {
  const config = site?.generatorConfig;
  if (!config) return undefined;
  const languageCode = stringValue(config, 'languageCode');
  if (languageCode) return languageCode;
  const defaultLanguage = stringValue(config, 'defaultContentLanguage');
  const languages = recordValue(config, 'languages');
  const defaultEntry = defaultLanguage && languages ? recordValue(languages, defaultLanguage) : undefined;
  return stringValue(defaultEntry, 'languageCode') ?? defaultLanguage ?? stringValue(config, 'lang') ?? stringValue(config, 'locale');
}

/**
 * The post's own language: its front matter (`lang`, `language`, `locale`), else a Hugo translation's file
 * name (`post.fr.md`, `index.de.md`) when the site declares that language (its `languageCode` if it has one).
 */
export function postLanguage(frontMatter: Record<string, unknown> | undefined, filePath?: string, site?: Pick<SiteInfo, 'generatorConfig'>): string | undefined {
  for (const key of POST_LANGUAGE_KEYS) {
    const value = stringValue(frontMatter, key);
    if (value) return value;
  }
  const languages = site?.generatorConfig ? recordValue(site.generatorConfig, 'languages') : undefined;
  const suffix = filePath ? /\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)$/.exec(path.basename(filePath, path.extname(filePath)))?.[1] : undefined;
  if (!languages || !suffix) return undefined;
  const entry = recordValue(languages, suffix);
  return entry ? stringValue(entry, 'languageCode') ?? suffix : undefined;
}

export interface LocaleSources {
  /** The post's front matter. */
  frontMatter?: Record<string, unknown>;
  /** The post's path (a Hugo translation's language suffix). */
  filePath?: string;
  site?: Pick<SiteInfo, 'generatorConfig'>;
  /** The editor's or the terminal's language (`vscode.env.language`, `LANG`). */
  uiLanguage?: string;
}

/** The locale a post's dates are written in: post, site, UI — the first one `Intl` supports (undefined: English). */
export function postLocale(sources: LocaleSources): string | undefined {
  return pickLocale([postLanguage(sources.frontMatter, sources.filePath, sources.site), siteLanguage(sources.site), sources.uiLanguage]);
}

/** `LANG=fr_FR.UTF-8` → `fr-FR`; `C`/`POSIX` and empty values give undefined. */
export function languageFromPosixLocale(value: string | undefined): string | undefined {
  const base = value?.split(/[.@]/)[0];
  if (!base || base === 'C' || base === 'POSIX') return undefined;
  return normaliseLanguageTag(base);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per locale and options (a recap formats the same kind of day dozens of times); English if the tag is refused. */
function dayFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = dayFormats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    } catch {
      format = new Intl.DateTimeFormat('en', { ...options, timeZone: 'UTC' });
    }
    dayFormats.set(key, format);
  }
  return format;
}

/**
 * A calendar day (`2025-02-01`, as schedules and front matter write it) in the locale: the day as written,
 * never shifted by a time zone. Undefined for a malformed or impossible day.
 */
export function formatDay(day: string, locale: string | undefined, options: Intl.DateTimeFormatOptions): string | undefined {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(day);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return dayFormat(locale, options).format(date);
}
