// The Node implementations of the core's host interfaces (CLI, unit tests, benchmarks).
import { promises as fs } from 'node:fs';
import { TextDecoder } from 'node:util';
import type { DirEntry, FileHost } from '../core/host';
import type { PostRead } from '../core/service/host';

export type { PostRead } from '../core/service/host';
import { MAX_POST_BYTES } from '../core/lint/postSize';

/** Posts bigger than this are not read: a located message is better than a stalled run. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export const nodeFileHost: FileHost = {
  async readFile(file: string): Promise<string | undefined> {
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
      return await fs.readFile(file, 'utf8');
    } catch {
      return undefined;
    }
  },
  async exists(file: string): Promise<boolean> {
    try {
      await fs.access(file);
      return true;
    } catch {
      return false;
    }
  },
  async readDir(dir: string): Promise<DirEntry[]> {
    try {
      const entries = await fs.readdir(dir, { withFileTypes: true });
      return entries.map(entry => ({ name: entry.name, isDirectory: entry.isDirectory() }));
    } catch {
      return [];
    }
  },
};

/** Reads a post's start as UTF-8, keeping a BOM (the front-matter parser expects it) and telling a file that is not UTF-8 text. */
export async function readPost(file: string): Promise<PostRead> {
  const unreadable = (message: string): PostRead => ({ kind: 'problem', rule: 'file/unreadable', message, line: 1, column: 1 });
  let bytes: Buffer;
  let size: number;
  try {
    const info = await fs.stat(file);
    if (info.isDirectory()) return unreadable('This is a folder, not a file.');
    if (!info.isFile()) return unreadable('This is not a regular file (a device, socket or pipe); it is not checked.');
    size = info.size;
    const handle = await fs.open(file, 'r');
    try {
      bytes = Buffer.alloc(Math.min(size, MAX_POST_BYTES));
      let filled = 0;
      while (filled < bytes.length) {
        const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      bytes = bytes.subarray(0, filled);
    } finally {
      await handle.close();
    }
  } catch (error) {
    return unreadable(await describeReadError(file, error));
  }
  const partial = size > bytes.length;
  // A NUL byte makes it binary: the core says so for every face, at the NUL (the editor has only text).
  if (!bytes.includes(0)) {
    const invalid = firstInvalidUtf8(bytes, partial);
    if (invalid !== -1) {
      const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, invalid));
      const lastBreak = before.lastIndexOf('\n');
      return {
        kind: 'problem', rule: 'file/not-text', line: (before.match(/\n/g)?.length ?? 0) + 1, column: before.length - lastBreak,
        message: `This file is not UTF-8 text: byte 0x${bytes[invalid].toString(16).toUpperCase().padStart(2, '0')} here is not valid UTF-8 (saved as Latin-1 or Windows-1252?). It is not checked; save it as UTF-8.`,
      };
    }
  }
  // `stream` holds back a character cut in two by the size limit instead of decoding it as U+FFFD.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes, { stream: partial });
  return { kind: 'text', text, size, partial };
}

async function describeReadError(file: string, error: unknown): Promise<string> {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ELOOP': return 'Symlink loop: this path leads back to itself through symbolic links.';
    case 'ENOENT': {
      const link = await fs.lstat(file).then(info => info.isSymbolicLink(), () => false);
      return link ? `A symbolic link to a missing file (${await fs.readlink(file).catch(() => '?')}).` : 'No such file.';
    }
    case 'EACCES': case 'EPERM': return 'Permission denied: the file cannot be read.';
    case 'EISDIR': return 'This is a folder, not a file.';
    default: return `The file cannot be read (${error instanceof Error ? error.message : String(error)}).`;
  }
}

/**
 * The offset of the first byte that is not valid UTF-8 (as the WHATWG decoder sees it: no overlong forms,
 * surrogates or code points past U+10FFFF), or -1. In a `partial` read, a character cut by the end is fine.
 */
export function firstInvalidUtf8(bytes: Uint8Array, partial = false): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) { i++; continue; }
    let trailing: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) trailing = 1;
    else if (lead >= 0xe0 && lead <= 0xef) { trailing = 2; if (lead === 0xe0) low = 0xa0; if (lead === 0xed) high = 0x9f; }
    else if (lead >= 0xf0 && lead <= 0xf4) { trailing = 3; if (lead === 0xf0) low = 0x90; if (lead === 0xf4) high = 0x8f; }
    else return i;
    for (let k = 1; k <= trailing; k++) {
      if (i + k >= bytes.length) return partial ? -1 : i;
      const next = bytes[i + k];
      if (next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += trailing + 1;
  }
  return -1;
}
