// Writing a post back (`recap check --fix`): never half a file, the same permissions, the same file a symlink named.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * Writes `text` (UTF-8) over `file` through a temporary file in the same folder and a rename, so a reader or a crash
 * sees the old post or the new one, never a mix. The file keeps its mode (and owner, where allowed); a symlink
 * stays a symlink, its target is replaced.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const target = await fs.realpath(file);
  const info = await fs.stat(target);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.recap-${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`);
  try {
    await fs.writeFile(temp, text, { encoding: 'utf8', flag: 'wx', mode: info.mode & 0o7777 });
    // The umask may have taken bits away from the mode given above.
    await fs.chmod(temp, info.mode & 0o7777);
    await fs.chown(temp, info.uid, info.gid).catch(() => undefined);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}
