// Text helpers shared by the schedule modules: accent folding, fosdem.org slugs, URL clean-up.
import anyAscii from 'any-ascii';

/** Lower-case ASCII with accents folded (`Michaël` → `michael`). */
export function fold(text: string): string {
  // Fast path: pure ASCII needs no transliteration.
  // eslint-disable-next-line no-control-regex
  return (/^[\x00-\x7f]*$/.test(text) ? text : anyAscii(text)).toLowerCase();
}

/** Folded words (letters and digits) of a text. */
export function words(text: string): string[] {
  return fold(text).split(/[^a-z0-9]+/).filter(Boolean);
}

/** Transliteration close to Python's unidecode (which fosdem.org uses): CJK ideographs become `Hu ` (capitalised, with a space). */
export function unidecodeLike(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) out += ch;
    else if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf)) out += `${anyAscii(ch)} `;
    else out += anyAscii(ch);
  }
  return out;
}

/**
 * fosdem.org speaker slug, 2025 onward (FORMAT.md): lower-case, transliterate, drop `/`, whitespace → `_`,
 * drop quotes, anything else outside `[0-9a-z-]` → `_`, collapse and trim `_`.
 */
export function fosdemSlug(name: string): string {
  return unidecodeLike(name.toLowerCase())
    .replace(/\//g, '')
    .replace(/\s+/g, '_')
    .replace(/["']/g, '')
    .replace(/[^0-9A-Za-z-]/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
}

/** fosdem.org slug up to 2023 (Pentabarf): `&` → `_and_`, separators → `_`, punctuation dropped. */
export function legacyFosdemSlug(name: string): string {
  return fold(name)
    .replace(/&/g, '_and_')
    .replace(/[\s\-+/,;:~=]+/g, '_')
    .replace(/[.!'"#?{}*^%$|<>()[\]`@]/g, '')
    .replace(/[^0-9a-z_]/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
}

/** Percent-encodes what may not appear raw in a URL (spaces, quotes, non-ASCII), keeping existing escapes. */
export function encodeHref(href: string): string {
  return href.trim().replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/g, ch => encodeURIComponent(ch)).replace(/%(?![0-9A-Fa-f]{2})/g, '%25');
}

/** A usable absolute http(s) URL, or undefined (junk like `http://` occurs in real files). */
export function cleanUrl(href: string, base?: string): string | undefined {
  const encoded = encodeHref(href);
  if (!encoded) return undefined;
  try {
    const url = base ? new URL(encoded, base) : new URL(encoded);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname || !url.hostname.includes('.')) return undefined;
    return base ? url.href : encoded;
  } catch {
    return undefined;
  }
}

export function minutesOf(duration: string): number {
  const m = /^(?:(\d+)d\s*)?(\d+):(\d{2})(?::(\d{2}))?$/.exec(duration.trim());
  if (!m) return 0;
  return Number(m[1] ?? 0) * 1440 + Number(m[2]) * 60 + Number(m[3]);
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat | undefined {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    } catch {
      return undefined;
    }
    offsetFormatters.set(timeZone, f);
  }
  return f;
}

/** Local wall-clock parts of an instant in a zone. */
export function wallClock(epochMs: number, timeZone: string): { day: string; time: string; offsetMinutes: number } | undefined {
  const f = formatter(timeZone);
  if (!f) return undefined;
  const parts: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}:${parts.minute}`;
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return { day, time, offsetMinutes: Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60000) };
}

const offsetCache = new Map<string, number | undefined>();

/** UTC offset (minutes) of a local wall time in a zone. */
export function offsetAt(day: string, time: string, timeZone: string): number | undefined {
  const key = `${timeZone}|${day}|${time}`;
  if (offsetCache.has(key)) return offsetCache.get(key);
  const [y, mo, d] = day.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  let result: number | undefined;
  const first = wallClock(guess, timeZone);
  if (first) {
    const second = wallClock(guess - first.offsetMinutes * 60000, timeZone);
    result = second?.offsetMinutes ?? first.offsetMinutes;
  }
  if (offsetCache.size > 5000) offsetCache.clear();
  offsetCache.set(key, result);
  return result;
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** `2025-02-01` + `09:30` + Europe/Brussels → `2025-02-01T09:30:00+01:00`. */
export function isoLocal(day: string, time: string, timeZone: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^\d{1,2}:\d{2}$/.test(time)) return undefined;
  const offset = offsetAt(day, time, timeZone);
  if (offset === undefined) return undefined;
  return `${day}T${time.padStart(5, '0')}:00${formatOffset(offset)}`;
}

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function weekday(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return '';
  return WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
}
