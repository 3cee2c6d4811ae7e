// Posts that are broken, hostile, not text or far too big: each gets one clear, located message, through
// the core (`lint`, as the editor calls it) and through `recap check`, and never stops the other posts.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { nodeFileHost } from '../../src/node/fileHost';
import { resolveConfig } from '../../src/core/site/config';
import { parseFrontMatter } from '../../src/core/frontmatter/parse';
import { lint } from '../../src/core/lint/lint';
import { learnConventions } from '../../src/core/site/postIndex';
import { formatMegabytes, MAX_POST_BYTES, tooLargeMessage } from '../../src/core/lint/postSize';
import { FIXTURES, memoryHost, NOW } from './helpers';

const CORPUS = path.join(FIXTURES, 'bad-input', 'posts');

interface CliFinding { file: string; line: number; column: number; severity: string; rule: string; message: string }

/** Runs `recap …` in this process, in `cwd`, capturing both streams. */
async function recap(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const previous = process.cwd();
  const write = process.stdout.write;
  const errWrite = process.stderr.write;
  let stdout = '';
  let stderr = '';
  process.chdir(cwd);
  process.stdout.write = ((chunk: string) => { stdout += chunk; return true; }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => { stderr += chunk; return true; }) as typeof process.stderr.write;
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    process.stdout.write = write;
    process.stderr.write = errWrite;
    process.chdir(previous);
  }
}

async function checkJson(cwd: string, ...targets: string[]): Promise<{ code: number; findings: CliFinding[]; stderr: string }> {
  const { code, stdout, stderr } = await recap(cwd, 'check', '--format', 'json', ...targets);
  return { code, findings: stdout ? JSON.parse(stdout) as CliFinding[] : [], stderr };
}

/** 1-based line:column of an offset, as recap check prints it. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

function lintText(text: string) {
  return lint({ text, config: resolveConfig({ detectedPreset: 'hugo' }), now: NOW }).findings;
}

function noStackTrace(output: string): void {
  assert.doesNotMatch(output, /\n\s+at .+:\d+:\d+\)?\n|RangeError|TypeError/, output.slice(0, 500));
}

/** Each corpus file: the finding it must give (rule, line:column, message), the same in lint and in recap check. */
const CORPUS_EXPECTED: Record<string, { rule: string; at: string; message: RegExp; cliOnly?: boolean }> = {
  'malformed-yaml.md': { rule: 'frontmatter/syntax', at: '4:1', message: /^YAML: Flow sequence in block collection must be sufficiently indented and end with a \]$/ },
  'malformed-toml.md': { rule: 'frontmatter/syntax', at: '3:8', message: /^TOML: invalid value$/ },
  'malformed-json.md': { rule: 'frontmatter/syntax', at: '3:3', message: /^JSON: Comma expected$/ },
  'alias-bomb.md': { rule: 'frontmatter/syntax', at: '5:12', message: /^YAML: the aliases \(`\*name`\) would expand into more than 100 copies/ },
  'unclosed-yaml.md': { rule: 'frontmatter/unclosed', at: '1:1', message: /`---` is never closed/ },
  'unclosed-toml.md': { rule: 'frontmatter/unclosed', at: '1:1', message: /`\+\+\+` is never closed/ },
  'unclosed-json.md': { rule: 'frontmatter/unclosed', at: '1:1', message: /no closing `\}`/ },
  'yaml-list.md': { rule: 'frontmatter/syntax', at: '2:1', message: /must be a mapping/ },
  'bom-crlf.md': { rule: 'frontmatter/date', at: '3:7', message: /`2025-02-30` is not a real date/ },
  'empty.md': { rule: 'frontmatter/missing', at: '1:1', message: /no front matter/ },
  'nul-byte.md': { rule: 'file/not-text', at: '6:6', message: /^This file is not text: it has a NUL character here \(a binary file named \.md\?\)\. It is not checked\.$/ },
  'binary-png.md': { rule: 'file/not-text', at: '3:1', message: /NUL character/ },
  // Invalid UTF-8 is a matter of bytes: only the CLI sees them (an editor decodes the file before the extension does).
  'latin1.md': { rule: 'file/not-text', at: '2:9', message: /^This file is not UTF-8 text: byte 0xE9 here is not valid UTF-8 \(saved as Latin-1 or Windows-1252\?\)\. It is not checked; save it as UTF-8\.$/, cliOnly: true },
};

describe('bad posts: the corpus (test/fixtures/bad-input/posts)', () => {
  it('has an expectation for every file', () => {
    assert.deepEqual(readdirSync(CORPUS).sort(), Object.keys(CORPUS_EXPECTED).sort());
  });

  it('lint gives each one a located finding, never a throw', () => {
    for (const [name, expected] of Object.entries(CORPUS_EXPECTED)) {
      if (expected.cliOnly) continue;
      const text = readFileSync(path.join(CORPUS, name), 'utf8');
      const findings = lintText(text);
      const found = findings.find(f => f.rule === expected.rule);
      assert.ok(found, `${name}: ${JSON.stringify(findings)}`);
      assert.equal(position(text, found.start), expected.at, name);
      assert.match(found.message, expected.message, name);
      assert.ok(found.start <= found.end && found.end <= text.length, name);
    }
  });

  it('recap check gives the same finding, one line each, and no stack trace', async () => {
    for (const [name, expected] of Object.entries(CORPUS_EXPECTED)) {
      const { code, findings, stderr } = await checkJson(CORPUS, name);
      const found = findings.find(f => f.rule === expected.rule);
      assert.ok(found, `${name}: ${JSON.stringify(findings)} ${stderr}`);
      assert.equal(`${found.line}:${found.column}`, expected.at, name);
      assert.match(found.message, expected.message, name);
      assert.equal(code, found.severity === 'error' ? 1 : 0, name);
      noStackTrace(stderr);
    }
  });

  it('a BOM and Windows line endings change nothing: the same findings at the same places as the plain file', () => {
    const crlf = readFileSync(path.join(CORPUS, 'bom-crlf.md'), 'utf8');
    const plain = crlf.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
    // Line:column as an editor shows them (a line's \r is at its end, so it moves no column of the next lines).
    const summary = (text: string) => lintText(text).map(f => `${f.rule} ${position(text, f.start)}-${position(text, f.end).replace(/\r/g, '')} ${f.message}`);
    assert.deepEqual(summary(crlf), summary(plain));
    assert.equal(parseFrontMatter(crlf).data.draft, false);
  });
});

describe('bad posts: nesting, aliases and size, generated', () => {
  const deepJson = (levels: number) => `{\n  "title": "Deep",\n  "date": "2025-02-01",\n  "x": ${'['.repeat(levels)}${']'.repeat(levels)}\n}\n\nBody.\n`;

  it('a 3,000-level JSON front matter is one frontmatter/syntax finding in lint', () => {
    const text = deepJson(3000);
    const findings = lintText(text);
    assert.deepEqual(findings.map(f => [f.rule, position(text, f.start), f.message]), [['frontmatter/syntax', '4:107', 'JSON: nested too deeply: 3001 levels; the limit is 100.']]);
  });

  it('a post over the size limit is checked up to its last whole line within the limit, and says so there', () => {
    const line = 'A paragraph with a [link](github.com/prometheus) in it, repeated to make the post big.\n';
    const head = '---\ntitle: Big\ndate: 2025-02-01\n---\n\n';
    const lines = Math.ceil((MAX_POST_BYTES + 1024 * 1024) / line.length);
    const text = head + line.repeat(lines);
    const findings = lintText(text);
    const tooLarge = findings.filter(f => f.rule === 'file/too-large');
    assert.equal(tooLarge.length, 1);
    const cut = tooLarge[0].start;
    assert.equal(tooLarge[0].severity, 'warning');
    assert.equal(tooLarge[0].message, `The post is ${tooLargeMessage(text.length)}: it is checked up to this line only.`);
    assert.match(tooLarge[0].message, /^The post is too large \(6\.1 MB; the limit is 5 MB\)/);
    assert.ok(cut <= MAX_POST_BYTES && cut > MAX_POST_BYTES - line.length, `cut at ${cut}`);
    assert.equal(text[cut - 1], '\n', 'the cut is at a line start');
    const noScheme = findings.filter(f => f.rule === 'link/no-scheme');
    assert.equal(noScheme.length, (cut - head.length) / line.length, 'every line before the cut is checked, none after');
  });

  it('a 15 MB title: the front matter is too large to check, the post too large; both located, nothing else', () => {
    const text = `---\ntitle: "${'FOSDEM '.repeat(15 * 1024 * 1024 / 7)}"\ndate: 2025-02-01\n---\n\nBody.\n`;
    const findings = lintText(text);
    assert.deepEqual(findings.map(f => [f.rule, position(text, f.start), f.message]), [
      ['frontmatter/syntax', '1:1', 'The front matter is larger than 512 KiB; it is not checked.'],
      ['file/too-large', '2:1', 'The post is too large (15.1 MB; the limit is 5 MB): it is checked up to this line only.'],
    ]);
  });

  it('prints sizes to a tenth of a MB, rounded up so that a size over the limit never reads as the limit', () => {
    assert.equal(formatMegabytes(5 * 1024 * 1024), '5 MB');
    assert.equal(formatMegabytes(5 * 1024 * 1024 + 1), '5.1 MB');
    assert.equal(formatMegabytes(12.25 * 1024 * 1024), '12.3 MB');
    assert.equal(tooLargeMessage(12.3 * 1024 * 1024), 'too large (12.3 MB; the limit is 5 MB)');
  });
});

describe('bad posts: one bad post never stops the others', () => {
  let site: string;
  before(() => {
    site = mkdtempSync(path.join(os.tmpdir(), 'recap-bad-posts-'));
    mkdirSync(path.join(site, 'content', 'posts'), { recursive: true });
    writeFileSync(path.join(site, 'hugo.toml'), 'baseURL = "https://example.org/"\ntitle = "Bad posts"\n');
    writeFileSync(path.join(site, 'content', 'posts', 'healthy.md'), '---\ntitle: Healthy\ndate: 2025-02-01\n---\n\nHello.\n');
    writeFileSync(path.join(site, 'content', 'posts', 'deep.md'), deepJson(3000));
    writeFileSync(path.join(site, 'content', 'posts', 'deep.toml.md'), `+++\ntitle = "Deep"\n${'k.'.repeat(5000)}k = 1\n+++\n`);
  });
  after(() => rmSync(site, { recursive: true, force: true }));

  function deepJson(levels: number): string {
    return `{\n  "title": "Deep",\n  "date": "2025-02-01",\n  "x": ${'['.repeat(levels)}${']'.repeat(levels)}\n}\n\nBody.\n`;
  }

  it('checks a healthy post of a site that has a 3,000-level post (this crashed with a stack overflow)', async () => {
    const { code, findings, stderr } = await checkJson(site, 'content/posts/healthy.md');
    assert.deepEqual({ code, findings }, { code: 0, findings: [] });
    noStackTrace(stderr);
  });

  it('checks the whole folder: the deep posts get their finding, the healthy one is checked too', async () => {
    const { code, findings, stderr } = await checkJson(site, 'content/');
    assert.equal(code, 1);
    assert.deepEqual(findings.map(f => [f.file, f.line, f.column, f.rule, f.message]), [
      [path.join('content', 'posts', 'deep.md'), 4, 107, 'frontmatter/syntax', 'JSON: nested too deeply: 3001 levels; the limit is 100.'],
      [path.join('content', 'posts', 'deep.toml.md'), 3, 200, 'frontmatter/syntax', 'TOML: nested too deeply: 5001 levels; the limit is 100.'],
    ]);
    noStackTrace(stderr);
    const text = await recap(site, 'check', 'content/');
    assert.match(text.stderr, /^3 files checked: 2 errors, 0 other findings\.$/m);
  });

  it('learns the site conventions from the healthy posts when one post cannot be parsed', async () => {
    const files: Record<string, string> = { '/s/content/deep.md': deepJson(3000) };
    for (let i = 0; i < 5; i++) files[`/s/content/p${i}.md`] = `---\ntitle: P${i}\ntags: [fosdem]\n---\n`;
    const conventions = await learnConventions(memoryHost(files), Object.keys(files));
    assert.equal(conventions.size, 5);
    assert.deepEqual(conventions.values('tags'), [{ value: 'fosdem', count: 5 }]);
  });

  it('checks the posts of a folder named x.md like any folder, and says why a folder gave no posts', async () => {
    mkdirSync(path.join(site, 'content', 'posts', 'x.md'));
    writeFileSync(path.join(site, 'content', 'posts', 'x.md', 'inside.md'), '---\ntitle: Inside\ndate: 2025-02-01\n---\n\nHi.\n');
    try {
      const inSite = await recap(site, 'check', 'content/posts/x.md');
      assert.equal(inSite.code, 0);
      assert.match(inSite.stderr, /^1 file checked: 0 errors/m);
      const outside = mkdtempSync(path.join(os.tmpdir(), 'recap-no-site-'));
      mkdirSync(path.join(outside, 'y.md'));
      writeFileSync(path.join(outside, 'y.md', 'a.md'), '# a\n');
      try {
        const { code, stderr } = await recap(outside, 'check', 'y.md');
        assert.equal(code, 0);
        assert.match(stderr, /^recap check: y\.md is a folder with one Markdown file, but it is not a post \(posts are the files of a Hugo or Jekyll site's content folders, or files matching the "posts" globs of \.recap\.json\)\. Name the files to check them anyway\.$/m);
        assert.match(stderr, /^0 files checked/m);
      } finally {
        rmSync(outside, { recursive: true, force: true });
      }
    } finally {
      rmSync(path.join(site, 'content', 'posts', 'x.md'), { recursive: true, force: true });
    }
  });

  it('names a symlink loop and a broken link, in a folder and named, and goes on with the other posts', async function () {
    const posts = path.join(site, 'content', 'posts');
    try {
      symlinkSync('loop.md', path.join(posts, 'loop.md'));
      symlinkSync('missing-target.md', path.join(posts, 'dangling.md'));
    } catch {
      this.skip(); // no symlinks on this file system
    }
    try {
      const folder = await checkJson(site, 'content/posts/');
      const unreadable = folder.findings.filter(f => f.rule === 'file/unreadable').map(f => [f.file, f.line, f.column, f.severity, f.message]);
      assert.deepEqual(unreadable, [
        [path.join('content', 'posts', 'dangling.md'), 1, 1, 'error', 'A symbolic link to a missing file (missing-target.md).'],
        [path.join('content', 'posts', 'loop.md'), 1, 1, 'error', 'Symlink loop: this path leads back to itself through symbolic links.'],
      ]);
      assert.ok(folder.findings.some(f => f.file.endsWith('deep.md')), 'the other posts are still checked');
      const named = await checkJson(site, 'content/posts/loop.md');
      assert.equal(named.code, 1);
      assert.deepEqual(named.findings.map(f => f.message), ['Symlink loop: this path leads back to itself through symbolic links.']);
    } finally {
      rmSync(path.join(posts, 'loop.md'), { force: true });
      rmSync(path.join(posts, 'dangling.md'), { force: true });
    }
  });

  it('reads no more of a huge post than it checks, and reports it as too large at the cut', async () => {
    const big = path.join(site, 'content', 'posts', 'big.md');
    const line = 'Plain text of a generated post, nothing to report on this line at all.\n';
    writeFileSync(big, `---\ntitle: Big\ndate: 2025-02-01\n---\n\n${line.repeat(Math.ceil(12 * 1024 * 1024 / line.length))}`);
    try {
      const { code, findings } = await checkJson(site, 'content/posts/big.md');
      assert.equal(code, 0);
      assert.equal(findings.length, 1);
      assert.equal(findings[0].rule, 'file/too-large');
      assert.equal(findings[0].message, 'The post is too large (12.1 MB; the limit is 5 MB): it is checked up to this line only.');
      assert.equal(findings[0].line, 6 + Math.floor((MAX_POST_BYTES - 37) / line.length));
      assert.equal(findings[0].column, 1);
      assert.equal((await nodeFileHost.readFile(big))?.length, 37 + line.length * Math.ceil(12 * 1024 * 1024 / line.length), 'the file is what the test meant');
    } finally {
      rmSync(big, { force: true });
    }
  });
});
