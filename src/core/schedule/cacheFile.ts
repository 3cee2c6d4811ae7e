// The schedule cache's file format, shared by the Node cache folder and the browser's global storage. Kept apart
// from store.ts so the platforms' cache stores, loaded at activation, do not load the schedule parser.
import type { CacheMeta } from './store';

/** One cache file per key (Node's cache folder, the browser's global storage): a name safe on every file system. */
export function cacheFileName(key: string): string {
  return `${key.replace(/[^A-Za-z0-9._-]+/g, '_')}.json`;
}

/** A cache file's text: a first line of JSON metadata, then the body. */
export function cacheFileText(body: string, meta: CacheMeta): string {
  return `${JSON.stringify(meta)}\n${body}`;
}

/** A cache file's metadata and body; undefined when the text is not one (truncated, corrupt, another format). */
export function parseCacheFile(text: string): { body: string; meta: CacheMeta } | undefined {
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  try {
    const meta = JSON.parse(text.slice(0, newline)) as CacheMeta;
    if (typeof meta.url !== 'string' || typeof meta.fetchedAt !== 'string') return undefined;
    return { meta, body: text.slice(newline + 1) };
  } catch {
    return undefined;
  }
}
