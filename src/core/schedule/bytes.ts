// A schedule's bytes → text. The hosts read bytes (a file, a download) and stop at the size limit; which encoding
// the bytes are in is decided here, the way an XML reader must (XML 1.0 appendix F, RFC 7303): a byte-order mark
// first, then the charset of the HTTP Content-Type, then the XML declaration's `encoding`, else UTF-8. Labels are
// WHATWG's (TextDecoder): "ISO-8859-1" and "latin1" read as windows-1252, a superset.
import type { Schedule } from './model';
import { parseSchedule, ScheduleError, type ParseOptions } from './parse';

/**
 * The largest schedule read or downloaded. FOSDEM's, the biggest real one, is 3.4 MB (2025); 32 MB leaves room
 * for ten times that, while a runaway download stops long before it costs gigabytes of memory.
 */
export const MAX_SCHEDULE_BYTES = 32 * 1024 * 1024;

const MB = 1024 * 1024;

function megabytes(bytes: number): string {
  const value = bytes / MB;
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} MB`;
}

/** The one "too large" message, for files and downloads. `size` when known (a file's, a Content-Length). */
export function scheduleTooLarge(source: string | undefined, size: number | undefined, limit = MAX_SCHEDULE_BYTES): ScheduleError {
  const where = source ? ` (${source})` : '';
  const actual = size !== undefined && size > limit ? megabytes(size) : `over ${megabytes(limit)}`;
  return new ScheduleError(`The schedule${where} is too large (${actual}; the limit is ${megabytes(limit)}).`, 'too-large');
}

export interface DecodeOptions {
  /** Named in messages. */
  sourceUrl?: string;
  /** The HTTP Content-Type, whose `charset` comes before the XML declaration's. */
  contentType?: string;
}

export interface DecodedSchedule {
  text: string;
  /** The WHATWG name of the encoding used, e.g. "utf-8", "windows-1252", "utf-16le". */
  encoding: string;
  /** Set when bytes were not valid in that encoding (each became U+FFFD). */
  warning?: string;
}

/** Decodes a schedule's bytes; an encoding nobody knows is a ScheduleError naming it. */
export function decodeSchedule(bytes: Uint8Array, options: DecodeOptions = {}): DecodedSchedule {
  const where = options.sourceUrl ? ` (${options.sourceUrl})` : '';
  const { label, from } = encodingOf(bytes, options.contentType);
  const decoder = (() => {
    try {
      return new TextDecoder(label); // strips a BOM of this encoding
    } catch {
      throw new ScheduleError(`The schedule${where} is in an encoding this reader does not know: "${label}" (from ${from}).`, 'encoding', 1, 1);
    }
  })();
  const text = decoder.encoding === 'windows-1252' ? windows1252(decoder.decode(bytes)) : decoder.decode(bytes);
  if (!text.includes('\uFFFD')) return { text, encoding: decoder.encoding };
  // Only now tell a real U+FFFD in the file from invalid bytes: a fatal decoder throws on the first bad byte.
  try {
    new TextDecoder(label, { fatal: true }).decode(bytes);
    return { text, encoding: decoder.encoding };
  } catch {
    return { text, encoding: decoder.encoding, warning: `Some bytes are not valid ${decoder.encoding}; they were read as "\uFFFD".` };
  }
}

/** Parses a schedule from its bytes: the size limit, the encoding, then `parseSchedule`. */
export function parseScheduleBytes(bytes: Uint8Array, options: ParseOptions & DecodeOptions = {}): Schedule {
  if (bytes.length > MAX_SCHEDULE_BYTES) throw scheduleTooLarge(options.sourceUrl, bytes.length);
  const decoded = decodeSchedule(bytes, options);
  const schedule = parseSchedule(decoded.text, options);
  if (decoded.warning) schedule.warnings.push(decoded.warning);
  return schedule;
}

// Bytes 0x80–0x9F of windows-1252 (WHATWG index); the five it leaves undefined stay C1 controls.
const CP1252_HIGH = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F'
  + '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/**
 * Node 20.18.3+ and 22.13+ decode windows-1252 (so also "ISO-8859-1") as Latin-1, turning “ ” € into C1 control
 * characters (nodejs/node#60888). A correct decoder never yields U+0080–U+009F except for the five undefined
 * bytes, which map to themselves, so mapping that range through the table is right with either decoder.
 */
function windows1252(text: string): string {
  return text.replace(/[\u0080-\u009F]/g, c => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

/** The encoding label to decode with, and where it came from (for messages). */
function encodingOf(bytes: Uint8Array, contentType: string | undefined): { label: string; from: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { label: 'utf-8', from: 'its byte-order mark' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { label: 'utf-16le', from: 'its byte-order mark' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { label: 'utf-16be', from: 'its byte-order mark' };
  // UTF-16 without a BOM: "<?" as 3C 00 3F 00 or 00 3C 00 3F.
  const sixteen = bytes[0] === 0x3c && bytes[1] === 0 && bytes[2] === 0x3f && bytes[3] === 0 ? 'utf-16le'
    : bytes[0] === 0 && bytes[1] === 0x3c && bytes[2] === 0 && bytes[3] === 0x3f ? 'utf-16be' : undefined;
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];
  if (charset) return { label: agree(charset, sixteen), from: 'the Content-Type charset' };
  if (sixteen) return { label: sixteen, from: 'its first bytes' };
  // The declaration is ASCII in every encoding this branch can meet, so reading its bytes as Latin-1 is safe.
  const head = String.fromCharCode(...bytes.subarray(0, 512));
  const declared = /^\s*<\?xml\s[^?>]*?\bencoding\s*=\s*["']([A-Za-z][\w.:-]*)["']/.exec(head)?.[1];
  if (declared) return { label: agree(declared, sixteen), from: 'its XML declaration' };
  return { label: 'utf-8', from: 'the default' };
}

/** A UTF-16 label on bytes that are plainly 8-bit (the declaration was readable as ASCII) means UTF-8, as in browsers. */
function agree(label: string, sixteen: string | undefined): string {
  return /^utf-?16/i.test(label.trim()) ? sixteen ?? 'utf-8' : label.trim();
}
