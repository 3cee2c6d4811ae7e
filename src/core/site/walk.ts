// Walking a folder tree through the host: one walker for the site index (static, assets, content, templates)
// and the post lists (`walkMarkdown`, `listPosts`).
import * as path from 'pathe';
import type { FileHost } from '../host';

/** Folders that never hold posts and can be huge. */
export const SKIPPED_DIRS = new Set(['node_modules', '.git', 'public', 'resources', '_site', '.vscode-test', 'dist', 'out', '.hugo_build.lock']);

export interface WalkOptions {
  /** Files still to collect; walks that share it stop together once it reaches 0. */
  budget: { left: number };
  /** Whether to go into a folder, by its name. */
  enter: (name: string) => boolean;
  /** Whether to collect a file, by its name; all files when absent. */
  keep?: (name: string) => boolean;
  /** Ask first whether the root exists: optional roots (assets/, a theme's static/) are often absent, and listing a missing folder makes VS Code log an error. */
  optionalRoot?: boolean;
}

/**
 * Files under `root`, relative to it, '/'-separated. Breadth-first: the folders of one level are listed in
 * parallel (one `readDir` each), then the next level's.
 */
export async function walkFiles(host: FileHost, root: string, options: WalkOptions): Promise<string[]> {
  const { budget, enter, keep } = options;
  const files: string[] = [];
  if (options.optionalRoot && !(await host.exists(root))) return files;
  let level = [''];
  while (level.length > 0 && budget.left > 0) {
    const listings = await Promise.all(level.map(rel => host.readDir(rel ? path.join(root, rel) : root)));
    const next: string[] = [];
    listings.forEach((entries, i) => {
      for (const entry of entries) {
        const rel = level[i] ? `${level[i]}/${entry.name}` : entry.name;
        if (entry.isDirectory) {
          if (enter(entry.name)) next.push(rel);
        } else if (budget.left > 0 && (!keep || keep(entry.name))) {
          files.push(rel);
          budget.left--;
        }
      }
    });
    level = next;
  }
  return files;
}
