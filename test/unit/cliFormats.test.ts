// `recap check --format sarif|github` and `recap <command> --help`. The SARIF log is validated against the SARIF
// 2.1.0 JSON schema (the copy @microsoft/jest-sarif ships) with ajv, as GitHub code scanning would read it.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import type { Log } from 'sarif';
import { escapeData, escapeProperty, formatFindings, type JsonFinding } from '../../src/cli/formats';
import { ruleDocUrl } from '../../src/core/lint/findings';
import { recapIn } from './cliRun';
import { FIXTURES } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const SARIF_SCHEMA = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;

let validator: ReturnType<Ajv['compile']> | undefined;

function validateSarif(log: unknown): string[] {
  validator ??= compileSarifSchema();
  return validator(log) ? [] : (validator.errors ?? []).map(error => `${error.instancePath} ${error.message ?? ''}`);
}

function compileSarifSchema(): ReturnType<Ajv['compile']> {
  // One pattern of that schema (language tags) has a stray `]`, an error under the `u` flag ajv uses by default.
  const regExp = Object.assign((pattern: string, flags: string) => new RegExp(pattern, flags.replace('u', '')), { code: 'new RegExp' });
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, code: { regExp } });
  return ajv.compile(SARIF_SCHEMA);
}

describe('recap check --format sarif and github', () => {
  let dir: string;
  let site: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'recap-formats-'));
    site = path.join(dir, 'site');
    cpSync(path.join(FIXTURES, 'site'), site, { recursive: true });
    cpSync(path.join(FIXTURES, 'samples', 'promcon-2023-jekyll.md'), path.join(site, 'content', 'posts', 'promcon-2023-jekyll.md'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('sarif: a valid SARIF 2.1.0 log, one result per finding, with rule ids, levels, help links and 1-based regions', async () => {
    const run = await recapIn(site, 'check', '--no-talks', '--format', 'sarif', '--hints', 'content');
    assert.equal(run.code, 1);
    const log = JSON.parse(run.stdout) as Log;
    assert.deepEqual(validateSarif(log), []);
    // The schema does see mistakes: a level SARIF does not have, a region without its start line.
    const wrong = structuredClone(log) as unknown as { runs: { results: { level: string; locations: { physicalLocation: { region: Record<string, unknown> } }[] }[] }[] };
    wrong.runs[0].results[0].level = 'info';
    wrong.runs[0].results[1].locations[0].physicalLocation.region.startLine = 0;
    assert.equal(validateSarif(wrong).length, 2, validateSarif(wrong).join('; '));
    const json = JSON.parse((await recapIn(site, 'check', '--no-talks', '--format', 'json', '--hints', 'content')).stdout) as JsonFinding[];
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const [sarifRun] = log.runs;
    assert.equal(sarifRun.tool.driver.name, 'conference-recap');
    assert.equal(sarifRun.results?.length, json.length);
    const rules = sarifRun.tool.driver.rules ?? [];
    const date = rules.find(rule => rule.id === 'frontmatter/date');
    assert.deepEqual(date && { help: date.helpUri, text: date.shortDescription?.text, level: date.defaultConfiguration?.level }, { help: ruleDocUrl('frontmatter/date'), text: 'An unparseable or impossible date.', level: 'error' });
    const broken = sarifRun.results?.find(result => result.ruleId === 'frontmatter/date');
    assert.deepEqual(broken && {
      level: broken.level, rule: rules[broken.ruleIndex ?? -1]?.id, text: broken.message.text,
      location: broken.locations?.[0].physicalLocation,
    }, {
      level: 'error', rule: 'frontmatter/date', text: '`date`: `2025-02-30` is not a real date: February 2025 has 28 days.',
      location: { artifactLocation: { uri: 'content/posts/broken.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 7, endLine: 4, endColumn: 17 } },
    });
    const levels = new Set(sarifRun.results?.map(result => `${json[sarifRun.results?.indexOf(result) ?? 0].severity}→${result.level}`));
    assert.deepEqual([...levels].sort(), ['error→error', 'hint→note', 'info→note', 'warning→warning']);
    assert.equal(sarifRun.originalUriBaseIds?.['%SRCROOT%'].uri, `file://${site}/`);
  });

  it('sarif: a file outside the current folder is an absolute file URI; odd characters are percent-encoded', () => {
    const finding: JsonFinding = { file: '/elsewhere/my post#1.md', line: 1, column: 1, endLine: 1, endColumn: 2, severity: 'warning', rule: 'frontmatter/missing', message: 'm' };
    const inside: JsonFinding = { ...finding, file: path.join('content', 'a b#c.md') };
    const log = JSON.parse(formatFindings([finding, inside], 'sarif', { cwd: '/site' })) as Log;
    assert.deepEqual(validateSarif(log), []);
    assert.deepEqual(log.runs[0].results?.map(result => result.locations?.[0].physicalLocation?.artifactLocation), [
      { uri: 'file:///elsewhere/my%20post%231.md' },
      { uri: 'content/a%20b%23c.md', uriBaseId: '%SRCROOT%' },
    ]);
  });

  it('github: one workflow command per finding, levels error/warning/notice, columns only on one-line ranges', async () => {
    const run = await recapIn(site, 'check', '--no-talks', '--format', 'github', 'content/posts/broken.md');
    assert.equal(run.code, 1);
    assert.equal(run.stdout.split('\n').filter(line => line.includes('file=content/posts/broken.md,line=4,')).join('\n'),
      '::error file=content/posts/broken.md,line=4,col=7,endLine=4,endColumn=17,title=frontmatter/date::`date`: `2025-02-30` is not a real date: February 2025 has 28 days.');
    assert.ok(run.stdout.split('\n').filter(Boolean).every(line => /^::(error|warning|notice) file=[^,]+,line=\d+,/.test(line)), run.stdout);
    assert.match(run.stdout, /^::notice file=content\/posts\/broken\.md,line=1,col=1,endLine=1,endColumn=4,title=frontmatter\/site-convention::8 of 9 other posts \(89 %25\) have `tags`/m);
    const multiLine = formatFindings([{ file: 'a.md', line: 2, column: 3, endLine: 5, endColumn: 1, severity: 'warning', rule: 'text/joined-paragraphs', message: 'm' }], 'github', { cwd: '/' });
    assert.equal(multiLine, '::warning file=a.md,line=2,endLine=5,title=text/joined-paragraphs::m\n');
  });

  it('github: %, CR and LF escaped in the message; also , and : in properties', () => {
    assert.equal(escapeData('100% done\r\nnext'), '100%25 done%0D%0Anext');
    assert.equal(escapeProperty('posts/a,b:c%.md'), 'posts/a%2Cb%3Ac%25.md');
    const line = formatFindings([{ file: 'x,y:z.md', line: 1, column: 1, endLine: 1, endColumn: 4, severity: 'info', rule: 'talk/unlinked-mention', message: 'a: b, 50%\nc' }], 'github', { cwd: '/' });
    assert.equal(line, '::notice file=x%2Cy%3Az.md,line=1,col=1,endLine=1,endColumn=4,title=talk/unlinked-mention::a: b, 50%25%0Ac\n');
  });

  it('text stays as it was: file:line:column severity rule message', () => {
    const text = formatFindings([{ file: 'a.md', line: 3, column: 2, endLine: 3, endColumn: 5, severity: 'warning', rule: 'link/no-scheme', message: 'm' }], 'text', { cwd: '/' });
    assert.equal(text, 'a.md:3:2 warning link/no-scheme m\n');
  });
});

describe('recap <command> --help', () => {
  it('prints that command\'s usage only, on stdout, exit 0; recap --help lists the commands', async () => {
    const check = await recapIn(FIXTURES, 'check', '--help');
    assert.equal(check.code, 0);
    assert.match(check.stdout, /^Usage: recap check \[paths or globs…\]\n/);
    assert.match(check.stdout, /--fix /);
    assert.match(check.stdout, /--format text\|json\|sarif\|github/);
    assert.doesNotMatch(check.stdout, /--ics|--links|--base-url|QUERY/, 'no other command\'s options');
    for (const command of ['talks', 'render', 'new']) {
      const help = await recapIn(FIXTURES, command, '-h');
      assert.equal(help.code, 0, command);
      assert.match(help.stdout, new RegExp(`^Usage: recap ${command} `));
      assert.doesNotMatch(help.stdout, /--hints|--no-talks/, command);
    }
    assert.equal((await recapIn(FIXTURES, 'help', 'talks')).stdout, (await recapIn(FIXTURES, 'talks', '--help')).stdout);
    const all = await recapIn(FIXTURES, '--help');
    assert.equal(all.code, 0);
    assert.deepEqual(all.stdout.split('\n').filter(line => /^ {2}\w/.test(line)).map(line => line.trim().split(' ')[0]), ['check', 'talks', 'new', 'render']);
    assert.doesNotMatch(all.stdout, /--hints/, 'options are in each command\'s help');
  });

  it('a usage mistake prints the command\'s usage on stderr, exit 2; a file named --help after -- is a file', async () => {
    const bad = await recapIn(FIXTURES, 'check', '--format', 'xml');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^recap check: --format must be text, json, sarif or github, not "xml"\n\nUsage: recap check /);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'recap-help-'));
    try {
      writeFileSync(path.join(dir, '--help'), '---\ntitle: Help\ndate: 2025-02-03\n---\n\nHi.\n');
      const file = await recapIn(dir, 'check', '--no-talks', '--', '--help');
      assert.equal(file.code, 0);
      assert.equal(file.stderr, '1 file checked: 0 errors, 0 other findings.\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
