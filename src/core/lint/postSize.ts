// How much of a post the checks (and the preview) take on: one limit for the CLI and the editor.
// Real recap posts are 5–50 KB; a 10 MB one took seconds and half a gigabyte to render, and a post of
// that size is a generated or broken file, so past the limit only its start is looked at.

import * as l10n from '@vscode/l10n';
import { messageLocale } from '../text/messageLocale';

/** Posts larger than this (UTF-8 bytes) are checked up to it only: the front matter and the first part of the body. */
export const MAX_POST_BYTES = 5 * 1024 * 1024;

const MEGABYTE = 1024 * 1024;

/** `12.3 MB`, rounded up to a tenth so that a size over a limit never prints as the limit itself. */
export function formatMegabytes(bytes: number): string {
  const size = (Math.ceil((bytes / MEGABYTE) * 10) / 10).toLocaleString(messageLocale(), { maximumFractionDigits: 1, useGrouping: false });
  return l10n.t('{size} MB', { size });
}

/** `too large (12.3 MB; the limit is 5 MB)` */
export function tooLargeMessage(bytes: number, limit = MAX_POST_BYTES): string {
  return l10n.t('too large ({size}; the limit is {limit})', { size: formatMegabytes(bytes), limit: formatMegabytes(limit) });
}

/** The UTF-8 size of a text, as on disk (a lone surrogate counts as the 3 bytes of U+FFFD). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { bytes += 4; i++; }
    else bytes += 3;
  }
  return bytes;
}

/** Whether a text is over the limit, without counting its bytes when its length alone decides. */
export function isTooLarge(text: string, limit = MAX_POST_BYTES): boolean {
  // Each UTF-16 unit takes 1 to 3 bytes.
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return utf8Length(text) > limit;
}

/**
 * Where the checked part of a too-large text ends: after the last whole line within the first `limit`
 * bytes (a cut inside a line would leave a half link or shortcode to report).
 */
export function checkedLength(text: string, limit = MAX_POST_BYTES): number {
  let bytes = 0;
  let end = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : (code & 0xfc00) === 0xdc00 ? 1 : 3; // a surrogate pair: 3 + 1
    if (bytes > limit) { end = i; break; }
  }
  const lineEnd = text.lastIndexOf('\n', end - 1);
  return lineEnd === -1 ? end : lineEnd + 1;
}
