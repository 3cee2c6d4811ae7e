// fosdem.org URL slugs. They transliterate every script to ASCII as the site does (Python's unidecode), so this is
// the one module that needs any-ascii's 530 KB of tables; matching and search fold accents without it (text.ts).
import anyAscii from 'any-ascii';

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
 * drop quotes, anything else outside `[0-9a-z-]` → `_`, collapse and trim `_`. One pass over the transliterated
 * (so ASCII) name, not six replaces: a FOSDEM year makes a slug for each of its thousand-odd speakers.
 */
export function fosdemSlug(name: string): string {
  const ascii = unidecodeLike(name.toLowerCase());
  let slug = '';
  /** Start of the run of kept characters being read, or -1; whether a separator comes before the next run. */
  let runStart = -1;
  let separator = false;
  for (let i = 0; i <= ascii.length; i++) {
    const code = i < ascii.length ? ascii.charCodeAt(i) : -1;
    if (isSlugChar(code)) {
      if (runStart < 0) {
        if (separator && slug) slug += '_';
        separator = false;
        runStart = i;
      }
      continue;
    }
    if (runStart >= 0) {
      slug += ascii.slice(runStart, i);
      runStart = -1;
    }
    // `/` and quotes are dropped, so the characters on either side join; anything else separates.
    if (code !== 0x2f && code !== 0x22 && code !== 0x27) separator = true;
  }
  return slug;
}

/** `[0-9A-Za-z-]` by char code (upper case only comes from transliteration: 胡 → `Hu `). */
function isSlugChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x2d || (code >= 0x41 && code <= 0x5a);
}

/** Lower-case ASCII of any script (`Michaël` → `michael`, `Бого` → `bogo`), for slugs. */
export function asciiLower(text: string): string {
  // eslint-disable-next-line no-control-regex
  return (/^[\x00-\x7f]*$/.test(text) ? text : anyAscii(text)).toLowerCase();
}

/** fosdem.org slug up to 2023 (Pentabarf): `&` → `_and_`, separators → `_`, punctuation dropped. */
export function legacyFosdemSlug(name: string): string {
  return asciiLower(name)
    .replace(/&/g, '_and_')
    .replace(/[\s\-+/,;:~=]+/g, '_')
    .replace(/[.!'"#?{}*^%$|<>()[\]`@]/g, '')
    .replace(/[^0-9a-z_]/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
}

/** fosdem.org speaker slug of a name: the 2025+ rule by default, the Pentabarf rule for years up to 2023. */
export function speakerSlug(name: string, year?: number): string {
  return year !== undefined && year <= 2023 ? legacyFosdemSlug(name) : fosdemSlug(name);
}
