// `recap check --fix` on copies of real posts: the editor's "Fix all" (safe fixes only), written atomically, the
// post's BOM, line endings, comments and mode kept; what is left printed as usual; a second run changes nothing.
import * as assert from 'node:assert/strict';
import { chmodSync, cpSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { recapIn } from './cliRun';
import { FIXTURES, fixture } from './helpers';

const POSTS = path.join('content', 'posts');

function replaceOnce(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `exactly one "${from}"`);
  return text.replace(from, () => to);
}

describe('recap check --fix', () => {
  let dir: string;
  let site: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'recap-fix-'));
    site = path.join(dir, 'site');
    cpSync(path.join(FIXTURES, 'site'), site, { recursive: true });
    cpSync(path.join(FIXTURES, 'samples', 'promcon-2023-jekyll.md'), path.join(site, POSTS, 'promcon-2023-jekyll.md'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const read = (file: string) => readFileSync(path.join(site, POSTS, file), 'utf8');

  it('applies the safe fixes to a real site: exactly the expected text, the rest untouched; reports them, then what is left', async () => {
    const before = new Map(readdirSync(path.join(site, POSTS)).filter(name => name.endsWith('.md')).map(name => [name, read(name)]));
    const run = await recapIn(site, 'check', '--no-talks', '--fix', 'content');
    assert.equal(run.code, 1, 'broken.md keeps its impossible date: not a safe fix');
    const broken = replaceOnce(replaceOnce(before.get('broken.md') as string, 'draft: "false"', 'draft: false'), 'authors: Roman Khavronenko', 'authors: [Roman Khavronenko]');
    assert.equal(read('broken.md'), broken);
    assert.equal(read('promcon-2023-jekyll.md'), replaceOnce(before.get('promcon-2023-jekyll.md') as string, '[@metalmatze](github.com/metalmatze)', '[@metalmatze](https://github.com/metalmatze)'));
    const shortcodes = replaceOnce(replaceOnce(before.get('2024-08-01-shortcodes.md') as string, '](github.com/metalmatze)', '](https://github.com/metalmatze)'), 'sÃ©rie de talks â€™', 'série de talks ’');
    assert.equal(read('2024-08-01-shortcodes.md'), shortcodes);
    for (const [name, text] of before) if (!['broken.md', 'promcon-2023-jekyll.md', '2024-08-01-shortcodes.md'].includes(name)) assert.equal(read(name), text, name);
    assert.deepEqual(run.stderr.split('\n').filter(line => line.includes('fixed')), [
      `${path.join(POSTS, '2024-08-01-shortcodes.md')}: fixed 2 problems (link/no-scheme, text/mojibake)`,
      `${path.join(POSTS, 'broken.md')}: fixed 2 problems (frontmatter/type ×2)`,
      `${path.join(POSTS, 'promcon-2023-jekyll.md')}: fixed 1 problem (link/no-scheme)`,
      'fixed 5 problems in 3 files',
    ]);
    // What is left is what a plain check of the fixed site prints.
    const after = await recapIn(site, 'check', '--no-talks', 'content');
    assert.equal(run.stdout, after.stdout);
    assert.doesNotMatch(run.stdout, /frontmatter\/type|link\/no-scheme|text\/mojibake/);
    // A second run: nothing to fix, no file written.
    const mtimes = [...before.keys()].map(name => statSync(path.join(site, POSTS, name)).mtimeMs);
    const again = await recapIn(site, 'check', '--no-talks', '--fix', 'content');
    assert.match(again.stderr, /^fixed 0 problems in 0 files$/m);
    assert.equal(again.stdout, run.stdout);
    assert.deepEqual([...before.keys()].map(name => statSync(path.join(site, POSTS, name)).mtimeMs), mtimes);
    assert.deepEqual(readdirSync(path.join(site, POSTS)).filter(name => name.endsWith('.tmp')), [], 'no temporary file left');
  });

  it('keeps a BOM, CRLF line endings, YAML comments and the file mode; a symlink stays a symlink', async () => {
    // The pasted FOSDEM 2026 story, saved by a Windows editor: BOM, CRLF, and a front matter with a comment.
    const pasted = fixture('posts', 'fosdem-2026-pasted.md');
    const front = '---\n# imported from the old blog\ntitle: "Another Year, Another FOSDEM"\ndate: 2026-02-03\ndraft: "true"\n---\n';
    const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
    const file = path.join(site, POSTS, 'pasted.md');
    writeFileSync(file, `\uFEFF${crlf(front + pasted)}`);
    chmodSync(file, 0o640);
    symlinkSync('pasted.md', path.join(site, POSTS, 'linked.md'));
    const run = await recapIn(site, 'check', '--no-talks', '--fix', path.join(POSTS, 'linked.md'));
    assert.match(run.stderr, /linked\.md: fixed 2 problems \(frontmatter\/type, text\/joined-paragraphs\)/);
    // The same fixes on the LF text without BOM, then saved the Windows way: the same bytes.
    const lf = await (async () => {
      const plain = path.join(site, POSTS, 'plain.md');
      writeFileSync(plain, front + pasted);
      await recapIn(site, 'check', '--no-talks', '--fix', path.join(POSTS, 'plain.md'));
      return readFileSync(plain, 'utf8');
    })();
    assert.notEqual(lf, front + pasted);
    assert.match(lf, /^draft: true$/m);
    assert.match(lf, /^# imported from the old blog$/m);
    assert.equal(readFileSync(file, 'utf8'), `\uFEFF${crlf(lf)}`);
    assert.equal(statSync(file).mode & 0o777, 0o640);
    assert.ok(lstatSync(path.join(site, POSTS, 'linked.md')).isSymbolicLink());
    const again = await recapIn(site, 'check', '--no-talks', '--fix', path.join(POSTS, 'linked.md'));
    assert.match(again.stderr, /^fixed 0 problems in 0 files$/m);
  });

  it('with the talk rules: an event link found by its id but with an old slug gets the current slug', async () => {
    const post = path.join(site, POSTS, '2025-02-14-fosdem-2025.md');
    const text = readFileSync(post, 'utf8');
    const old = 'https://fosdem.org/2025/schedule/event/fosdem-2025-4146-discovering-the-magic/';
    writeFileSync(post, replaceOnce(text, 'https://fosdem.org/2025/schedule/event/fosdem-2025-4146-discovering-the-magic-behind-opentelemetry-instrumentation/', old));
    const run = await recapIn(site, 'check', '--fix', '--schedule', path.join(FIXTURES, 'schedules', 'fosdem-{year}-schedule.xml'), path.join(POSTS, '2025-02-14-fosdem-2025.md'));
    assert.match(run.stderr, /fixed 1 problem \(talk\/outdated-link\)/);
    assert.equal(readFileSync(post, 'utf8'), text);
  });

  it('never writes a post it read only in part (over the size limit)', async () => {
    const big = path.join(site, POSTS, 'big.md');
    const text = `---\ntitle: Big\ndate: 2025-02-03\ndraft: "false"\n---\n\n${'A line of text that goes on.\n'.repeat(400_000)}`;
    writeFileSync(big, text);
    const run = await recapIn(site, 'check', '--no-talks', '--fix', path.join(POSTS, 'big.md'));
    assert.match(run.stdout, /file\/too-large/);
    assert.match(run.stderr, /^fixed 0 problems in 0 files$/m);
    assert.equal(readFileSync(big, 'utf8'), text);
  });
});
