// `recap check` as an author runs it: hints stay out of the output unless asked for, and a schedule of a year the
// post never links says so instead of checking nothing in silence.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURES, fixture } from './helpers';
import { recap } from './cliRun';


const SCHEDULE_2025 = path.join(FIXTURES, 'schedules', 'fosdem-2025-schedule.xml');
const SCHEDULE_2026 = path.join(FIXTURES, 'schedules', 'fosdem-2026-schedule-2026-01-30.xml');
const VICTORIAMETRICS_2025 = path.join(FIXTURES, 'samples', 'fosdem-2025-victoriametrics.md');

describe('recap check: hints and schedule years', () => {
  let dir: string;
  let missed: string;
  const savedCache = process.env.RECAP_CACHE_DIR;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'recap-check-'));
    process.env.RECAP_CACHE_DIR = path.join(dir, 'cache');
    missed = path.join(dir, 'fosdem-2026-talks-i-missed.md');
    const text = fixture('posts', 'fosdem-2026-talks-i-missed.md').replace('Our team came fourth. Next year.', 'Our team came fourth. Next year.\n\nDaniel Stenberg was in the audience too.');
    writeFileSync(missed, text);
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    if (savedCache === undefined) delete process.env.RECAP_CACHE_DIR; else process.env.RECAP_CACHE_DIR = savedCache;
  });

  it('hides hint-level findings unless --hints is given, and counts them in the summary', async () => {
    const quiet = await recap('check', '--schedule', SCHEDULE_2026, missed);
    assert.equal(quiet.code, 0);
    assert.doesNotMatch(quiet.stdout, /talk\/unlinked-speaker/);
    assert.match(quiet.stderr, /\(and 1 hint: --hints shows them\)\.$/m);
    const json = await recap('check', '--format', 'json', '--schedule', SCHEDULE_2026, missed);
    assert.ok(!(JSON.parse(json.stdout) as { rule: string }[]).some(f => f.rule === 'talk/unlinked-speaker'));
    const shown = await recap('check', '--hints', '--schedule', SCHEDULE_2026, missed);
    assert.match(shown.stdout, /:\d+:1 hint talk\/unlinked-speaker Daniel Stenberg speaks at "Open Source Security in spite of AI"/);
  });

  it('a FOSDEM 2026 schedule for a post that links only 2025 talks: a note naming the year to use', async () => {
    const wrong = await recap('check', '--schedule', SCHEDULE_2026, VICTORIAMETRICS_2025);
    assert.match(wrong.stderr, /fosdem-2025-victoriametrics\.md: note: it links FOSDEM 2025 talks or speakers but none of 2026, so the FOSDEM 2026 schedule checked none of its links \(try --year 2025\)\./);
    const right = await recap('check', '--schedule', SCHEDULE_2025, VICTORIAMETRICS_2025);
    assert.doesNotMatch(right.stderr, /note:/);
    const none = await recap('check', '--schedule', SCHEDULE_2026, missed);
    assert.doesNotMatch(none.stderr, /note:/, 'a post linking 2026 talks');
  });
});
