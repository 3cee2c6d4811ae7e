// The one folder walker of the core (site index and post lists), through an in-memory host that counts its calls.
import * as assert from 'node:assert/strict';
import type { DirEntry, FileHost } from '../../src/core/host';
import { walkMarkdown } from '../../src/core/site/postIndex';
import { walkFiles } from '../../src/core/site/walk';
import { memoryHost } from './helpers';

/** `memoryHost` with every call recorded, and how many `readDir` calls were pending at once at most. */
function countingHost(files: Record<string, string>): { host: FileHost; readDirs: string[]; exists: string[]; mostAtOnce: () => number } {
  const inner = memoryHost(files);
  const readDirs: string[] = [];
  const exists: string[] = [];
  let pending = 0;
  let most = 0;
  const host: FileHost = {
    readFile: file => inner.readFile(file),
    async exists(file) {
      exists.push(file);
      return inner.exists(file);
    },
    async readDir(dir): Promise<DirEntry[]> {
      readDirs.push(dir);
      most = Math.max(most, ++pending);
      // Let the other listings of the level start before this one answers.
      await new Promise(resolve => setTimeout(resolve, 0));
      pending--;
      return inner.readDir(dir);
    },
  };
  return { host, readDirs, exists, mostAtOnce: () => most };
}

const SITE: Record<string, string> = {
  '/s/content/b.md': '', '/s/content/a.md': '', '/s/content/notes.txt': '',
  '/s/content/posts/2025/z.md': '', '/s/content/posts/2025/y.markdown': '', '/s/content/posts/x.md': '',
  '/s/content/node_modules/pkg/readme.md': '', '/s/content/.git/info.md': '', '/s/content/public/index.md': '',
  '/s/content/drafts/d.md': '',
};

describe('walking a folder tree (src/core/site/walk)', () => {
  it('walkMarkdown: the Markdown files, absolute and sorted, none from the skipped folders, one listing per folder entered', async () => {
    const { host, readDirs, exists } = countingHost(SITE);
    assert.deepEqual(await walkMarkdown(host, '/s/content'), [
      '/s/content/a.md', '/s/content/b.md', '/s/content/drafts/d.md', '/s/content/posts/2025/y.markdown', '/s/content/posts/2025/z.md', '/s/content/posts/x.md',
    ]);
    assert.deepEqual([...readDirs].sort(), ['/s/content', '/s/content/drafts', '/s/content/posts', '/s/content/posts/2025']);
    assert.deepEqual(exists, [], 'a post folder is listed without asking first');
  });

  it('lists the folders of a level together, and the next level after', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 8; i++) files[`/r/d${i}/e/f.md`] = '';
    const { host, readDirs, mostAtOnce } = countingHost(files);
    assert.equal((await walkFiles(host, '/r', { budget: { left: 100 }, enter: () => true })).length, 8);
    assert.equal(readDirs.length, 17, 'the root, 8 folders, 8 sub-folders: each once');
    assert.equal(mostAtOnce(), 8);
    assert.deepEqual(readDirs.slice(1, 9).sort(), Array.from({ length: 8 }, (_, i) => `/r/d${i}`), 'the first level before the second');
  });

  it('an optional root is asked for first and not listed when absent', async () => {
    const { host, readDirs, exists } = countingHost(SITE);
    assert.deepEqual(await walkFiles(host, '/s/assets', { budget: { left: 100 }, enter: () => true, optionalRoot: true }), []);
    assert.deepEqual(exists, ['/s/assets']);
    assert.deepEqual(readDirs, []);
  });

  it('keeps files by name, enters folders by name, and stops at the budget shared by its walks', async () => {
    const { host } = countingHost(SITE);
    const budget = { left: 100 };
    const text = await walkFiles(host, '/s/content', { budget, enter: name => name !== 'posts', keep: name => name.endsWith('.txt') });
    assert.deepEqual(text, ['notes.txt'], 'relative to the root');
    assert.equal(budget.left, 99, 'only kept files count');
    const all = await walkFiles(host, '/s/content', { budget: { left: 100 }, enter: () => true });
    assert.equal(all.length, Object.keys(SITE).length);
    const shared = { left: 3 };
    assert.equal((await walkFiles(host, '/s/content', { budget: shared, enter: () => true })).length, 3);
    assert.deepEqual(await walkFiles(host, '/s/content', { budget: shared, enter: () => true }), [], 'nothing left for the next walk');
    assert.equal((await walkMarkdown(host, '/s/content', 2)).length, 2);
  });
});
