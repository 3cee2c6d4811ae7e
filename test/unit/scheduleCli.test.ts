import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURES } from './helpers';
import { recap } from './cliRun';


const FILE = path.join(FIXTURES, 'schedules', 'fosdem-2025-schedule.xml');

describe('recap talks', () => {
  let cacheDir: string;
  const saved = process.env.RECAP_CACHE_DIR;
  before(() => { cacheDir = mkdtempSync(path.join(os.tmpdir(), 'recap-cache-')); process.env.RECAP_CACHE_DIR = cacheDir; });
  after(() => { rmSync(cacheDir, { recursive: true, force: true }); if (saved === undefined) delete process.env.RECAP_CACHE_DIR; else process.env.RECAP_CACHE_DIR = saved; });

  it('text: one talk per line', async () => {
    const { code, stdout } = await recap('talks', 'roman', 'kha', '--schedule', FILE);
    assert.equal(code, 0);
    assert.equal(stdout, 'How to monitor the monitoring — Roman Khavronenko — Monitoring and Observability · UD2.120 (Chavanne) · 2025-02-02 15:50\n');
  });

  it('json: model fields with url, persons[{name,url}], slides, videos', async () => {
    const { code, stdout } = await recap('talks', 'monitor the monitoring', '--schedule', FILE, '--format', 'json', '--limit', '1');
    assert.equal(code, 0);
    const [talk] = JSON.parse(stdout) as { url: string; persons: { name: string; url: string }[]; slides: unknown[]; videos: unknown[] }[];
    assert.equal(talk.url, 'https://fosdem.org/2025/schedule/event/fosdem-2025-5388-how-to-monitor-the-monitoring/');
    assert.deepEqual(talk.persons.map(p => [p.name, p.url]), [['Roman Khavronenko', 'https://fosdem.org/2025/schedule/speaker/roman_khavronenko/']]);
    assert.equal(talk.slides.length, 1);
    assert.equal(talk.videos.length, 2);
  });

  it('markdown uses the talk template', async () => {
    const { stdout } = await recap('talks', 'monitor the monitoring', '--schedule', FILE, '--format', 'markdown', '--limit', '1');
    assert.equal(stdout, '- [How to monitor the monitoring](https://fosdem.org/2025/schedule/event/fosdem-2025-5388-how-to-monitor-the-monitoring/) by [Roman Khavronenko](https://fosdem.org/2025/schedule/speaker/roman_khavronenko/)\n');
  });

  it('errors exit 1 with a message; bad usage exits 2', async () => {
    const offline = await recap('talks', 'x', '--year', '2025', '--offline');
    assert.equal(offline.code, 1);
    assert.match(offline.stderr, /No cached FOSDEM 2025 schedule, and offline mode is on/);
    const missing = await recap('talks', '--schedule', path.join(FIXTURES, 'nope.xml'));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Cannot read the schedule file/);
    assert.equal((await recap('talks', 'x')).code, 2);
    assert.equal((await recap('talks', '--year', '25')).code, 2);
    assert.equal((await recap('talks', '--schedule', FILE, '--format', 'xml')).code, 2);
    assert.equal((await recap('talks', '--nope')).code, 2);
  });
});
