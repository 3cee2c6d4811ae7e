// A file: URL for a path, as Node's url.pathToFileURL writes it, without Node: the core also runs in a
// browser worker. Paths are the core's `/`-separated ones (pathe); `\` is read as a separator too, so a
// Windows path given as it comes (`C:\posts\a.md`, `\\server\share\a.md`) gives the same URL as on Windows.
import * as path from 'pathe';

/** Characters pathToFileURL percent-encodes in a path besides controls, DEL and non-ASCII (Node 20). */
const ENCODED_ASCII = new Set(' "#%<>?[\\]^`{|}~');
const DRIVE = /^[a-zA-Z]:(\/|$)/;

/** `file:///home/me/a%20b.md`, `file:///C:/posts/a.md`, `file://server/share/a.md`; a relative path is resolved first. */
export function fileUrl(filePath: string): string {
  const slashed = filePath.replace(/\\/g, '/');
  const unc = /^\/\/([^/]+)(\/.*)?$/.exec(slashed);
  if (unc) return `file://${unc[1].toLowerCase()}${encodePath(unc[2] ?? '/')}`;
  // Resolved as pathToFileURL does (`..`, doubled slashes; a relative path from the working folder, `/` in a
  // browser); a trailing slash says "folder" and is kept.
  let resolved = path.resolve(slashed);
  if (slashed.endsWith('/') && !resolved.endsWith('/')) resolved += '/';
  return DRIVE.test(resolved) ? `file:///${encodePath(resolved)}` : `file://${encodePath(resolved)}`;
}

function encodePath(p: string): string {
  let out = '';
  for (const char of p) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x80) out += encodeUtf8(char);
    else if (code <= 0x20 || code === 0x7f || ENCODED_ASCII.has(char)) out += `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += char;
  }
  return out;
}

/** Percent-encoded UTF-8; a lone surrogate becomes U+FFFD as the URL parser makes it. */
function encodeUtf8(char: string): string {
  try {
    return encodeURIComponent(char);
  } catch {
    return '%EF%BF%BD';
  }
}
