// Walks a site for its posts and learns the site's conventions from them (the CLI and the editor
// both use it; the editor then keeps it current file by file).
import * as path from 'pathe';
import { SiteConventions } from './conventions';
import { parseFrontMatter } from '../frontmatter/parse';
import type { FileHost } from '../host';
import { isMarkdownFile, isPost, type SiteInfo } from './site';
import { SKIPPED_DIRS, walkFiles } from './walk';

/** The Markdown files under `dir` (absolute, sorted), outside the folders that never hold posts; at most `limit`. */
export async function walkMarkdown(host: FileHost, dir: string, limit = 100_000): Promise<string[]> {
  const files = await walkFiles(host, dir, { budget: { left: limit }, enter: name => !SKIPPED_DIRS.has(name), keep: isMarkdownFile });
  return files.map(rel => path.join(dir, rel)).sort();
}

/** All posts of a site: its content folders and the configured globs. */
export async function listPosts(host: FileHost, site: SiteInfo, extraGlobs: string[] = []): Promise<string[]> {
  const globs = [...(site.config?.posts ?? []), ...extraGlobs];
  const roots = globs.length > 0 ? [site.root] : site.contentDirs;
  const found = new Set<string>();
  for (const root of roots) {
    for (const file of await walkMarkdown(host, root)) if (isPost(site, file, extraGlobs)) found.add(file);
  }
  return [...found].sort();
}

/**
 * Reads and learns from posts, a batch at a time: the disk is the slow part, parsing is not. The core service
 * reads through its own `readFile` (keeping the texts it will check).
 */
export async function learnConventions(host: Pick<FileHost, 'readFile'>, files: string[], conventions = new SiteConventions(), concurrency = 32): Promise<SiteConventions> {
  for (let i = 0; i < files.length; i += concurrency) {
    const batch = files.slice(i, i + concurrency);
    const texts = await Promise.all(batch.map(file => host.readFile(file)));
    batch.forEach((file, index) => {
      const text = texts[index];
      if (text === undefined) return;
      try {
        conventions.update(file, parseFrontMatter(frontMatterOnly(text), { partial: text.length > FRONT_MATTER_WINDOW }));
      } catch (error) {
        // One post the parser chokes on must not cost the site its conventions (and every post its checks).
        conventions.remove(file);
        console.error(`[recap] learning the front matter of ${file} failed:`, error);
      }
    });
  }
  return conventions;
}

/** Only the front matter matters for conventions: skip parsing past the first 64 KiB. */
const FRONT_MATTER_WINDOW = 65536;

function frontMatterOnly(text: string): string {
  return text.length > FRONT_MATTER_WINDOW ? text.slice(0, FRONT_MATTER_WINDOW) : text;
}
