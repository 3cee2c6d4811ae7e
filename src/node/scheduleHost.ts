// Node implementations for the schedule store: a directory cache (atomic writes), a fetch with a timeout and a size
// limit, and a size-limited file reader. Both give bytes; the core decodes them.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FetchHost } from '../core/host';
import { cacheFileName, cacheFileText, parseCacheFile } from '../core/schedule/cacheFile';
import type { CacheStore, FileBytes } from '../core/schedule/store';
import { globalFetchHost } from '../platform/fetchHost';

/** `$RECAP_CACHE_DIR`, else `$XDG_CACHE_HOME/conference-recap`, else `~/.cache/conference-recap` (`%LOCALAPPDATA%` on Windows). */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RECAP_CACHE_DIR) return env.RECAP_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, 'conference-recap');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'conference-recap', 'cache');
  return path.join(os.homedir(), '.cache', 'conference-recap');
}

/** One file per key: a first line of JSON metadata, then the body. Written to a temporary file, then renamed. */
export function nodeCacheStore(dir: string): CacheStore {
  const file = (key: string) => path.join(dir, cacheFileName(key));
  return {
    async read(key) {
      let text: string;
      try {
        text = await fs.readFile(file(key), 'utf8');
      } catch {
        return undefined;
      }
      return parseCacheFile(text);
    },
    async write(key, body, meta) {
      await fs.mkdir(dir, { recursive: true });
      const target = file(key);
      const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
      try {
        await fs.writeFile(temp, cacheFileText(body, meta), 'utf8');
        await fs.rename(temp, target);
      } catch (error) {
        await fs.rm(temp, { force: true });
        throw error;
      }
    },
  };
}

/** Global fetch with a timeout and a size limit (src/platform/fetchHost.ts), sending the store's conditional headers. */
export function nodeFetchHost(timeoutMs = 30_000): FetchHost {
  return globalFetchHost({ timeoutMs });
}

/** A local schedule's bytes; over `maxBytes`, only its size (the file is not read). Undefined when it is not a readable file. */
export async function readScheduleFile(file: string, maxBytes: number): Promise<FileBytes | undefined> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const stat = await handle.stat();
    if (!stat.isFile()) return undefined;
    if (stat.size > maxBytes) return { tooLarge: stat.size };
    const bytes = await handle.readFile();
    // A file that grew since the stat: the same limit.
    return bytes.length > maxBytes ? { tooLarge: bytes.length } : { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) };
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
