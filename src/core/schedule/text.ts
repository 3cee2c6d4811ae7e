// Text helpers shared by the schedule modules: accent folding, URL clean-up, times. fosdem.org slugs are in slug.ts.

/**
 * Compatibility characters whose NFKD form is not how they fold: the micro sign (NFKD: Greek mu, but `µSolarVerter`
 * is read with a u), Catalan ŀ (NFKD: l + middle dot, a word break) and ŉ.
 */
const BEFORE_DECOMPOSITION: Record<string, string> = { 'µ': 'u', 'ŀ': 'l', 'Ŀ': 'l', 'ŉ': "'n" };
const BEFORE_DECOMPOSITION_RE = /[µŀĿŉ]/g;

/**
 * Latin letters that Unicode does not decompose into a base letter and marks (lower case, as after toLowerCase):
 * their ASCII spelling, as any-ascii (and so fosdem.org) writes them.
 */
const UNDECOMPOSED_LETTERS: Record<string, string> = {
  'æ': 'ae', 'ð': 'd', 'ø': 'o', 'þ': 'th', 'ß': 'ss', 'đ': 'd', 'ħ': 'h', 'ı': 'i', 'ĸ': 'q', 'ł': 'l', 'ŋ': 'ng',
  'œ': 'oe', 'ŧ': 't', 'ə': 'e', 'ǝ': 'e', 'ɛ': 'e', 'ƒ': 'f', 'ʼ': "'", 'ʻ': '`',
};
const UNDECOMPOSED_LETTERS_RE = /[æðøþßđħıĸłŋœŧəǝɛƒʼʻ]/g;

/** Diacritics on Latin, Greek and Cyrillic letters; other scripts keep their marks (Indic vowel signs, kana voicing). */
const DIACRITICS_RE = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu;

/**
 * Lower case with accents folded (`Michaël Føhr` → `michael fohr`): Latin-script text becomes the ASCII that
 * any-ascii gives, by Unicode compatibility decomposition and a short table instead of its 530 KB of tables. Other
 * scripts stay in their script (lower-cased, Greek and Cyrillic without accents): a search typed in the same script
 * finds them.
 */
export function fold(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  return text
    .replace(BEFORE_DECOMPOSITION_RE, ch => BEFORE_DECOMPOSITION[ch])
    .normalize('NFKD')
    .toLowerCase()
    .replace(DIACRITICS_RE, '$1')
    .replace(UNDECOMPOSED_LETTERS_RE, ch => UNDECOMPOSED_LETTERS[ch])
    .normalize('NFC');
}

/**
 * A word after fold(): letters and digits of any script, with the marks of scripts that keep them (Indic vowel
 * signs); a mark never starts one (the variation selector of ❤️ is a mark, and no word).
 */
export const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/** Folded words (letters and digits) of a text. */
export function words(text: string): string[] {
  return fold(text).match(WORD) ?? [];
}

/** Percent-encodes what may not appear raw in a URL (spaces, quotes, non-ASCII), keeping existing escapes. */
export function encodeHref(href: string): string {
  return href.trim().replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/g, ch => encodeURIComponent(ch)).replace(/%(?![0-9A-Fa-f]{2})/g, '%25');
}

/**
 * An absolute http(s) URL that the URL parser takes as it is and encodeHref leaves alone (nearly every link of a
 * schedule): a host of dotted labels of letters, digits and inner single hyphens (so no IDNA `xn--`), the last one
 * starting with a letter (so no IPv4 number), then no port or user, and only characters encodeHref keeps. Labels,
 * hyphens, dots and the rest are told apart by their first character, so matching stays linear.
 */
const PLAIN_HTTP_URL = /^https?:\/\/(?:[a-z0-9]+(?:-[a-z0-9]+)*\.)+[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:[/?#][A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]*)?$/i;

/** A usable absolute http(s) URL, or undefined (junk like `http://` occurs in real files). */
export function cleanUrl(href: string, base?: string): string | undefined {
  // Longer URLs take the long way: the pattern's backtracking stack grows with the labels (slow past a million).
  if (!base && href.length <= 2048) {
    const trimmed = href.trim();
    if (PLAIN_HTTP_URL.test(trimmed)) return trimmed;
  }
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

/** `1d 02:30`, `00:50` or `00:50:00` (a constant: a literal in the function is a new object at every call). */
const DURATION = /^(?:(\d+)d\s*)?(\d+):(\d{2})(?::(\d{2}))?$/;

export function minutesOf(duration: string): number {
  // `HH:MM`, nearly every duration, without the pattern's match array.
  if (duration.length === 5 && duration.charCodeAt(2) === 0x3a) {
    const h1 = duration.charCodeAt(0) - 0x30, h2 = duration.charCodeAt(1) - 0x30, m1 = duration.charCodeAt(3) - 0x30, m2 = duration.charCodeAt(4) - 0x30;
    if (h1 >= 0 && h1 <= 9 && h2 >= 0 && h2 <= 9 && m1 >= 0 && m1 <= 9 && m2 >= 0 && m2 <= 9) return (h1 * 10 + h2) * 60 + m1 * 10 + m2;
  }
  const m = DURATION.exec(duration.trim());
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
