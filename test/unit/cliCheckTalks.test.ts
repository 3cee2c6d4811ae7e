// `recap check` runs the talk/… rules like the editor: each post's FOSDEM years, schedules from the cache or
// downloaded when missing or stale, --offline, --no-talks, --schedule with {year}. No test reaches the network:
// schedules come from a pre-filled cache folder, a loopback HTTP server started here, or files.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveConfig } from '../../src/core/site/config';
import { parseFrontMatter } from '../../src/core/frontmatter/parse';
import { lint } from '../../src/core/lint/lint';
import { serializeSchedule } from '../../src/core/schedule/cache';
import { fosdemYears } from '../../src/core/schedule/postYear';
import { cacheKey } from '../../src/core/schedule/store';
import { nodeCacheStore } from '../../src/node/scheduleHost';
import { recapIn, withEnv } from './cliRun';
import { FIXTURES } from './helpers';
import { schedule } from './scheduleFixtures';

interface CliFinding { file: string; line: number; rule: string; message: string; severity: string }

const SCHEDULE_FILES: Record<string, string> = { 2025: 'fosdem-2025-schedule.xml', 2026: 'fosdem-2026-schedule-2026-01-30.xml' };

describe('recap check: the talk rules by default, as in the editor', () => {
  let dir: string;
  let site: string;
  let cache: string;
  let server: Server;
  let base: string;
  const requests: string[] = [];

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'recap-check-talks-'));
    site = path.join(dir, 'site');
    cache = path.join(dir, 'cache');
    cpSync(path.join(FIXTURES, 'site'), site, { recursive: true });
    cpSync(path.join(FIXTURES, 'samples', 'fosdem-2025-victoriametrics.md'), path.join(site, 'content', 'posts', 'fosdem-2025-victoriametrics.md'));
    cpSync(path.join(FIXTURES, 'samples', 'promcon-2023-jekyll.md'), path.join(site, 'content', 'posts', 'promcon-2023-jekyll.md'));
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      const year = /^\/(\d{4})\/schedule\/xml$/.exec(request.url ?? '')?.[1];
      const file = year && SCHEDULE_FILES[year];
      if (!file) { response.writeHead(404).end(); return; }
      response.writeHead(200, { 'content-type': 'application/xml', etag: `"${year}"` }).end(readFileSync(path.join(FIXTURES, 'schedules', file)));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  // After the hook above: it makes the folder.
  withEnv('RECAP_CACHE_DIR', () => cache);
  after(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    requests.length = 0;
    rmSync(cache, { recursive: true, force: true });
  });

  async function json(...args: string[]): Promise<{ code: number; findings: CliFinding[]; stderr: string }> {
    const run = await recapIn(site, 'check', '--format', 'json', ...args);
    return { code: run.code, findings: JSON.parse(run.stdout) as CliFinding[], stderr: run.stderr };
  }

  it('with no flags: the FOSDEM schedule of each post\'s year from the cache, the same findings as the editor', async () => {
    await nodeCacheStore(cache).write(cacheKey({ name: 'FOSDEM', year: 2025 }), serializeSchedule(schedule(SCHEDULE_FILES[2025])), { url: 'https://fosdem.org/2025/schedule/xml', fetchedAt: new Date().toISOString() });
    const { findings, stderr } = await json('content/posts/2025-02-14-fosdem-2025.md', 'content/posts/fosdem-2025-victoriametrics.md');
    const talk = findings.filter(f => f.rule.startsWith('talk/'));
    assert.deepEqual(talk.map(f => [f.file, f.line, f.rule]), [
      [path.join('content', 'posts', '2025-02-14-fosdem-2025.md'), 17, 'talk/unknown-event'],
      [path.join('content', 'posts', '2025-02-14-fosdem-2025.md'), 19, 'talk/unlinked-mention'],
    ]);
    assert.match(talk[0].message, /^No FOSDEM 2025 event "fosdem-2025-9999-prometheus-versoin-3"; did you mean "Prometheus Version 3"\?/);
    assert.equal(stderr, '', 'a fresh cache: nothing to say');
    // The editor: fosdemYears picks the schedules, lint checks with them.
    const file = path.join(site, 'content', 'posts', '2025-02-14-fosdem-2025.md');
    const text = readFileSync(file, 'utf8');
    const parsed = parseFrontMatter(text);
    const editor = lint({ text, parsed, filePath: file, config: resolveConfig({ detectedPreset: 'hugo' }), schedules: fosdemYears(text, parsed).map(year => schedule(SCHEDULE_FILES[year])) }).findings;
    assert.deepEqual(editor.filter(f => f.rule.startsWith('talk/')).map(f => f.message), talk.map(f => f.message));
  });

  it('downloads a missing schedule once per year, none for posts that never mention FOSDEM, and revalidates a stale copy', async () => {
    const schedule = `${base}/{year}/schedule/xml`;
    const promconOnly = await json('--schedule', schedule, 'content/posts/promcon-2023-jekyll.md');
    assert.deepEqual(requests, [], 'no FOSDEM year: no download');
    assert.equal(promconOnly.stderr, '');
    const all = await json('--schedule', schedule, 'content');
    assert.deepEqual([...requests].sort(), ['/2024/schedule/xml', '/2025/schedule/xml'], 'one request per year, for 15 posts');
    assert.ok(all.findings.some(f => f.rule === 'talk/unknown-event'));
    assert.match(all.stderr, /^recap check: No FOSDEM 2024 schedule at http:\/\/127\.0\.0\.1:\d+\/2024\/schedule\/xml \(404\)\. The talk\/… rules are skipped for FOSDEM 2024 posts\.$/m);
    // Fresh in the cache now: no request.
    requests.length = 0;
    await json('--schedule', schedule, 'content/posts/2025-02-14-fosdem-2025.md');
    assert.deepEqual(requests, []);
    // Stale (fetched 30 days ago): revalidated.
    await nodeCacheStore(cache).write(cacheKey({ name: 'FOSDEM', year: 2025 }), serializeSchedule(schedule2025()), { url: `${base}/2025/schedule/xml`, fetchedAt: new Date(Date.now() - 30 * 86_400_000).toISOString() });
    await json('--schedule', schedule, 'content/posts/2025-02-14-fosdem-2025.md');
    assert.deepEqual(requests, ['/2025/schedule/xml']);
  });

  it('a download that fails (offline machine): one line, the other rules still run, the exit code unchanged', async () => {
    const closed = createServer();
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>(resolve => closed.close(() => resolve()));
    const failing = await recapIn(site, 'check', '--schedule', `http://127.0.0.1:${port}/{year}/schedule/xml`, 'content');
    const skipped = await recapIn(site, 'check', '--no-talks', 'content');
    const notes = failing.stderr.split('\n').filter(line => line.startsWith('recap check:'));
    assert.deepEqual(notes.map(line => line.replace(/\(.*\)/, '(…)')), [
      `recap check: Cannot reach 127.0.0.1:${port} to load the FOSDEM 2024 schedule (…). The talk/… rules are skipped for FOSDEM 2024 posts.`,
      `recap check: Cannot reach 127.0.0.1:${port} to load the FOSDEM 2025 schedule (…). The talk/… rules are skipped for FOSDEM 2025 posts.`,
    ]);
    assert.equal(failing.stdout, skipped.stdout, 'the same findings as without the talk rules');
    assert.equal(failing.code, skipped.code);
    assert.equal(failing.code, 1, 'broken.md has errors');
    // The default source, on this machine without network (the tests' fetch refuses every other host).
    const offlineMachine = await recapIn(site, 'check', 'content/posts/2025-02-14-fosdem-2025.md');
    assert.equal(offlineMachine.code, 0);
    assert.match(offlineMachine.stderr, /^recap check: Cannot reach fosdem\.org to load the FOSDEM 2025 schedule \(.*\)\. The talk\/… rules are skipped for FOSDEM 2025 posts\.$/m);
  });

  it('--offline: the cache only; a missing schedule is a note, not an error', async () => {
    const run = await recapIn(site, 'check', '--offline', 'content/posts/2025-02-14-fosdem-2025.md');
    assert.equal(run.code, 0);
    assert.match(run.stderr, /^recap check: No cached FOSDEM 2025 schedule, and offline mode is on\. Connect and try again\. The talk\/… rules are skipped for FOSDEM 2025 posts\.$/m);
    assert.deepEqual(requests, []);
    await nodeCacheStore(cache).write(cacheKey({ name: 'FOSDEM', year: 2025 }), serializeSchedule(schedule2025()), { url: 'https://fosdem.org/2025/schedule/xml', fetchedAt: new Date(Date.now() - 3 * 86_400_000).toISOString() });
    const cached = await recapIn(site, 'check', '--offline', '--format', 'json', 'content/posts/2025-02-14-fosdem-2025.md');
    assert.match(cached.stderr, /^recap check: Offline: using the FOSDEM 2025 schedule cached 3 days ago\.$/m);
    assert.ok((JSON.parse(cached.stdout) as CliFinding[]).some(f => f.rule === 'talk/unknown-event'));
  });

  it('--no-talks loads nothing; --schedule FILE with {year} follows each post\'s year; --year keeps one year for all', async () => {
    const none = await json('--no-talks', '--schedule', `${base}/{year}/schedule/xml`, 'content').catch(() => undefined);
    assert.equal(none, undefined, '--no-talks with --schedule is a usage error (JSON.parse of an empty stdout)');
    const usage = await recapIn(site, 'check', '--no-talks', '--year', '2025');
    assert.equal(usage.code, 2);
    const noTalks = await json('--no-talks', 'content');
    assert.ok(!noTalks.findings.some(f => f.rule.startsWith('talk/')));
    assert.equal(noTalks.stderr, '');
    const files = path.join(FIXTURES, 'schedules', 'fosdem-{year}-schedule.xml');
    const byYear = await json('--schedule', files, 'content/posts/2025-02-14-fosdem-2025.md', 'content/posts/2024-02-01-post-2.md');
    assert.ok(byYear.findings.some(f => f.rule === 'talk/unknown-event'));
    assert.match(byYear.stderr, /^recap check: Cannot read the schedule file .*fosdem-2024-schedule\.xml\. The talk\/… rules are skipped for FOSDEM 2024 posts\.$/m);
    const fixed = await json('--year', '2025', '--schedule', files, 'content/posts/2025-02-14-fosdem-2025.md');
    assert.deepEqual(fixed.findings.filter(f => f.rule.startsWith('talk/')).map(f => f.line), [17, 19]);
    const missingFile = await recapIn(site, 'check', '--schedule', path.join(dir, 'nope.xml'), 'content');
    assert.equal(missingFile.code, 2, 'a schedule file that was named and cannot be read is bad usage');
    assert.match(missingFile.stderr, /^recap check: --schedule .*nope\.xml: Cannot read the schedule file/m);
  });
});

function schedule2025() {
  return schedule(SCHEDULE_FILES[2025]);
}

