// The Node implementations of the core's host interfaces (CLI, unit tests, benchmarks).
import { promises as fs } from 'node:fs';
import type { DirEntry, FileHost } from '../core/host';

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
