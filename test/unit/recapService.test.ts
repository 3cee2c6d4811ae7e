// The core service driven through an in-memory host, as vscode-markdown-languageservice tests its workspace:
// every file-system call is counted, change events come from the host, nothing touches the disk.
import * as assert from 'node:assert/strict';
import type { DirEntry } from '../../src/core/host';
import type { FileChange, PostRead, RecapHost } from '../../src/core/service/host';
import { createRecapService, type CheckResult, type RecapService, type RecapSettings } from '../../src/core/service/recapService';

/** Files in memory; counts every call per kind and path. */
class MemoryHost implements RecapHost {
  readonly files = new Map<string, string>();
  readonly calls = { readFile: new Map<string, number>(), readPost: new Map<string, number>(), exists: 0, readDir: 0 };
  private listeners: ((changes: readonly FileChange[]) => void)[] = [];

  constructor(files: Record<string, string>, withReadPost = false) {
    for (const [file, text] of Object.entries(files)) this.files.set(file, text);
    if (!withReadPost) delete (this as Partial<RecapHost>).readPost;
  }

  async readFile(file: string): Promise<string | undefined> {
    this.calls.readFile.set(file, (this.calls.readFile.get(file) ?? 0) + 1);
    return this.files.get(file);
  }

  readPost? = async (file: string): Promise<PostRead> => {
    this.calls.readPost.set(file, (this.calls.readPost.get(file) ?? 0) + 1);
    const text = this.files.get(file);
    return text === undefined ? { kind: 'problem', rule: 'file/unreadable', message: 'No such file.', line: 1, column: 1 } : { kind: 'text', text, size: text.length, partial: false };
  };

  async exists(file: string): Promise<boolean> {
    this.calls.exists++;
    return this.files.has(file) || [...this.files.keys()].some(f => f.startsWith(`${file}/`));
  }

  async readDir(dir: string): Promise<DirEntry[]> {
    this.calls.readDir++;
    const entries = new Map<string, boolean>();
    for (const file of this.files.keys()) {
      if (!file.startsWith(`${dir}/`)) continue;
      const [name, ...rest] = file.slice(dir.length + 1).split('/');
      entries.set(name, rest.length > 0);
    }
    return [...entries].map(([name, isDirectory]) => ({ name, isDirectory }));
  }

  onDidChangeFiles(listener: (changes: readonly FileChange[]) => void) {
    this.listeners.push(listener);
    return { dispose: () => { this.listeners = this.listeners.filter(l => l !== listener); } };
  }

  change(file: string, text: string | undefined): void {
    const kind = text === undefined ? 'deleted' : this.files.has(file) ? 'changed' : 'created';
    if (text === undefined) this.files.delete(file);
    else this.files.set(file, text);
    for (const listener of this.listeners) listener([{ path: file, kind }]);
  }

  /** Reads of the Markdown files under `prefix` (readFile and readPost), all together. */
  postReads(prefix: string): number {
    let total = 0;
    for (const calls of [this.calls.readFile, this.calls.readPost]) for (const [file, count] of calls) if (file.startsWith(prefix) && file.endsWith('.md')) total += count;
    return total;
  }

  allReads(): number {
    let total = 0;
    for (const calls of [this.calls.readFile, this.calls.readPost]) for (const count of calls.values()) total += count;
    return total;
  }
}

const POSTS = '/site/content/posts';
const post = (i: number, extra = '') => `---\ntitle: "Post ${i}"\ndate: 2025-02-0${1 + (i % 8)}\ndraft: false\ntags: [fosdem]\n${extra}---\n\nText of post ${i}.\n`;

function site(posts = 100): Record<string, string> {
  const files: Record<string, string> = {
    '/site/hugo.toml': 'title = "A site"\n',
    '/site/static/images/cover.png': 'png',
    '/site/layouts/shortcodes/note.html': '{{ .Inner }}',
    '/site/README.md': '# Not a post\n',
  };
  for (let i = 0; i < posts; i++) files[`${POSTS}/p${String(i).padStart(3, '0')}.md`] = post(i);
  return files;
}

const checked = (result: CheckResult) => {
  assert.equal(result.kind, 'checked');
  return result as Extract<CheckResult, { kind: 'checked' }>;
};
const rules = (result: CheckResult) => checked(result).findings.map(f => f.rule);

describe('core service (in-memory host)', () => {
  for (const withReadPost of [false, true]) {
    it(`recap check of a 100-post site reads each post at most twice${withReadPost ? ' (host with readPost: once)' : ''}; each folder's site is looked up once`, async () => {
      const host = new MemoryHost(site(), withReadPost);
      const service = createRecapService({ host });
      const files = [...host.files.keys()].filter(f => f.startsWith(POSTS)).sort();
      service.willCheck(files);
      for (const file of files) assert.equal(checked(await service.check(file, { evenIfNotPost: true })).file, file);
      const perPost = host.allReads() / files.length;
      assert.ok(perPost <= 2, `${perPost} file reads per post`);
      // The text read to learn the conventions serves the check: one read per post.
      assert.equal(host.postReads(POSTS), files.length);
      // Site discovery: the posts' folder, content/ and the root each looked at once, not once per post.
      assert.ok((host.calls.readFile.get(`${POSTS}/.recap.json`) ?? 0) <= 1);
      assert.ok((host.calls.readFile.get('/site/hugo.toml') ?? 0) <= 1);
      // Never read: a file that is not a post.
      assert.equal(host.calls.readFile.get('/site/README.md'), undefined);
    });
  }

  it('the editor (live text) and the CLI (read through the host) get the same findings for the same post', async () => {
    const files = site(10);
    const broken = `${POSTS}/broken.md`;
    files[broken] = '---\ntitle: "Broken"\ndate: 2025-02-30\ndraft: "false"\ntags: [fosdem]\nsumary: x\n---\n\n![](/images/covr.png)\n\n{{< nte >}}\n\n[site](example.org)\n';
    const editor = createRecapService({ host: new MemoryHost(files) });
    const cli = createRecapService({ host: new MemoryHost(files, true) });
    const live = checked(await editor.check(broken, { text: files[broken], learn: true }));
    const read = checked(await cli.check(broken));
    assert.deepEqual(read.findings, live.findings);
    assert.deepEqual(live.findings.map(f => f.rule).sort(),
      ['frontmatter/date', 'frontmatter/type', 'frontmatter/unknown-key', 'image/missing-alt', 'image/not-found', 'link/no-scheme', 'shortcode/unknown']);
  });

  it('not a post: a README, a file outside the content folders, a setting that turns the extension off', async () => {
    const files = site(3);
    files['/site/notes/todo.md'] = post(1);
    let enable = true;
    const host = new MemoryHost(files);
    const service = createRecapService({ host, settings: (): Partial<RecapSettings> => ({ enable }) });
    assert.equal((await service.check('/site/README.md')).kind, 'not-post');
    assert.equal((await service.check('/site/notes/todo.md')).kind, 'not-post');
    assert.equal((await service.check(`${POSTS}/p000.md`)).kind, 'checked');
    enable = false;
    assert.equal((await service.check(`${POSTS}/p000.md`)).kind, 'not-post');
    // A named file is checked anyway (the CLI), with the site's configuration.
    assert.equal((await service.check('/site/notes/todo.md', { evenIfNotPost: true })).kind, 'checked');
  });

  it('a `posts` glob setting makes files posts; a file in no site is matched from the workspace folder', async () => {
    const host = new MemoryHost({ '/ws/blog/a.md': post(1), '/ws/notes/b.md': post(2) });
    const service = createRecapService({ host, settings: () => ({ posts: ['blog/**/*.md'] }), boundary: () => '/ws' });
    assert.equal(await service.isPost('/ws/blog/a.md'), true);
    assert.equal(await service.isPost('/ws/notes/b.md'), false);
  });

  it("follows the host's change events: a new image, a new shortcode template, another post's front matter, the site config", async () => {
    const files = site(6);
    const target = `${POSTS}/target.md`;
    files[target] = `${post(99)}\n![A photo](/images/new.png)\n\n{{< gallery >}}\n`;
    const host = new MemoryHost(files);
    const service = createRecapService({ host });
    let changes = 0;
    service.onDidChange(() => changes++);
    const check = async () => rules(await service.check(target));
    assert.deepEqual((await check()).sort(), ['image/not-found', 'shortcode/unknown']);

    host.change('/site/static/images/new.png', 'png');
    host.change('/site/layouts/shortcodes/gallery.html', '<div class="gallery"></div>');
    await until(() => changes >= 2);
    assert.deepEqual(await check(), []);

    // Most posts now have `summary`: a site convention the target lacks.
    for (let i = 0; i < 6; i++) host.change(`${POSTS}/p00${i}.md`, post(i, 'summary: "Short."\n'));
    await until(() => changes >= 8);
    assert.deepEqual(await check(), ['frontmatter/site-convention']);

    // The site's config moves the content folder: the target is no longer a post.
    const readsBefore = host.calls.readFile.get('/site/hugo.toml') ?? 0;
    host.change('/site/hugo.toml', 'contentDir = "elsewhere"\n');
    await until(() => changes >= 9);
    assert.equal((await service.check(target)).kind, 'not-post');
    assert.equal(host.calls.readFile.get('/site/hugo.toml'), readsBefore + 1);
  });

  it('--fix through the service: safe fixes applied until none is left, nothing written', async () => {
    const files = site(3);
    const target = `${POSTS}/fix.md`;
    files[target] = '---\ntitle: "Fix me"\ndate: 2025-02-03\ndraft: "false"\n---\n\nText.\n';
    const host = new MemoryHost(files);
    const service: RecapService = createRecapService({ host });
    const before = checked(await service.check(target));
    const { check, count, rules: fixed } = await service.fix(before);
    assert.equal(count, 1);
    assert.deepEqual([...fixed.keys()], ['frontmatter/type']);
    assert.match(check.text, /^draft: false$/m);
    assert.deepEqual(check.findings.filter(f => f.rule === 'frontmatter/type'), []);
    assert.equal(host.files.get(target), files[target]);
  });
});

/** Waits for a condition the service reaches through promises (no clock involved). */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise(resolve => setImmediate(resolve));
  assert.ok(condition(), 'the change was never reported');
}
