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
