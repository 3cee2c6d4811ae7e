import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { FIXTURES } from './helpers';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

// The fixture posts are about FOSDEM: `check` would download their schedules. These tests are about the other rules;
// the talk rules have their own tests (cliCheckTalks.test.ts) with a local server. An empty cache, and --offline.
const EMPTY_CACHE = require('node:fs').mkdtempSync(path.join(require('node:os').tmpdir() as string, 'recap-cli-cache-')) as string;

function recap(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: FIXTURES, env: { ...process.env, RECAP_CACHE_DIR: EMPTY_CACHE } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('recap CLI (built bundle)', function () {
  before(function () {
    if (!require('node:fs').existsSync(CLI)) throw new Error('run `npm run build` first: dist/cli.js is missing');
  });
  after(() => require('node:fs').rmSync(EMPTY_CACHE, { recursive: true, force: true }));

  it('check prints compiler-style lines and exits 1 on errors', () => {
    const { code, stdout } = recap('check', '--offline', 'site');
    assert.equal(code, 1);
    assert.match(stdout, /^site\/content\/posts\/broken\.md:4:7 error frontmatter\/date `date`: `2025-02-30` is not a real date/m);
    assert.match(stdout, /^site\/content\/posts\/no-front-matter\.md:1:1 warning frontmatter\/missing /m);
    assert.doesNotMatch(stdout, /README|_index/);
  });

  it('check --format json gives 1-based ranges with rule ids', () => {
    const { code, stdout } = recap('check', '--offline', '--format', 'json', 'site/content/posts/broken.md');
    assert.equal(code, 1);
    const findings = JSON.parse(stdout) as { file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; rule: string; message: string }[];
    const draft = findings.find(f => f.rule === 'frontmatter/type' && f.message.includes('draft'));
    assert.deepEqual(draft && { line: draft.line, column: draft.column, endLine: draft.endLine, endColumn: draft.endColumn, severity: draft.severity }, { line: 5, column: 8, endLine: 5, endColumn: 15, severity: 'error' });
    assert.deepEqual(Object.keys(findings[0]).sort(), ['column', 'endColumn', 'endLine', 'file', 'line', 'message', 'rule', 'severity']);
  });

  it('exits 0 on a clean post, 2 on bad usage', () => {
    assert.equal(recap('check', '--offline', 'site/content/posts/2024-02-01-post-2.md').code, 0);
    assert.equal(recap('check', '--offline', '--format', 'xml').code, 2);
    assert.equal(recap('check', '--offline', '--nope').code, 2);
    assert.equal(recap('check', '--offline', 'does-not-exist.md').code, 2);
    assert.equal(recap('frobnicate').code, 2);
  });

  it('check goes on past a post nested 3,000 levels deep: one located finding, exit 1, no stack trace', () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = require('node:fs') as typeof import('node:fs');
    const site = mkdtempSync(path.join(require('node:os').tmpdir() as string, 'recap-cli-deep-'));
    try {
      mkdirSync(path.join(site, 'content', 'posts'), { recursive: true });
      writeFileSync(path.join(site, 'hugo.toml'), 'title = "Deep"\n');
      writeFileSync(path.join(site, 'content', 'posts', 'healthy.md'), '---\ntitle: Healthy\ndate: 2025-02-01\n---\n\nHello.\n');
      writeFileSync(path.join(site, 'content', 'posts', 'deep.md'), `{"title": "deep", "x": ${'['.repeat(3000)}${']'.repeat(3000)}}\n\nbody\n`);
      const folder = recap('check', '--offline', path.join(site, 'content'));
      assert.equal(folder.code, 1, folder.stderr);
      assert.equal(folder.stdout, `${path.join(site, 'content', 'posts', 'deep.md')}:1:123 error frontmatter/syntax JSON: nested too deeply: 3001 levels; the limit is 100.\n`);
      assert.equal(folder.stderr, '2 files checked: 1 error, 0 other findings.\n');
      const healthy = recap('check', '--offline', path.join(site, 'content', 'posts', 'healthy.md'));
      assert.deepEqual([healthy.code, healthy.stdout, healthy.stderr], [0, '', '1 file checked: 0 errors, 0 other findings.\n']);
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });

  it('accepts globs and rule overrides', () => {
    const { code, stdout } = recap('check', '--offline', 'site/content/**/broken.md', '--rule', 'frontmatter/type=off', '--rule', 'frontmatter/date=warning', '--format', 'json');
    assert.equal(code, 0);
    const rules = (JSON.parse(stdout) as { rule: string }[]).map(f => f.rule);
    assert.ok(!rules.includes('frontmatter/type'));
    assert.ok(rules.includes('frontmatter/date'));
  });
});
