import * as assert from 'node:assert/strict';
import type { FetchHost, FetchResult } from '../../src/core/host';
import { ScheduleError } from '../../src/core/schedule/parse';
import { conferenceUrl, FOSDEM, ScheduleStore, type CacheMeta, type CacheStore } from '../../src/core/schedule/store';
import { fixture } from './helpers';

const XML = fixture('schedules', 'fosdem-2023-excerpt.xml');
const URL_2023 = conferenceUrl(FOSDEM, 2023);

/** A response whose body may be written as text (UTF-8). */
type FakeResponse = Omit<FetchResult, 'body'> & { body: string | Uint8Array };

class FakeFetch implements FetchHost {
  calls: { url: string; headers: Record<string, string>; maxBytes: number }[] = [];
  constructor(public respond: (url: string, headers: Record<string, string>) => FakeResponse | Error) {}
  async fetchBytes(url: string, headers: Record<string, string>, maxBytes: number): Promise<FetchResult> {
    this.calls.push({ url, headers, maxBytes });
    const result = this.respond(url, headers);
    if (result instanceof Error) throw result;
    return { ...result, body: typeof result.body === 'string' ? new TextEncoder().encode(result.body) : result.body };
  }
}

class MemoryCache implements CacheStore {
  entries = new Map<string, { body: string; meta: CacheMeta }>();
  writes = 0;
  async read(key: string) { return this.entries.get(key); }
  async write(key: string, body: string, meta: CacheMeta) { this.writes++; this.entries.set(key, { body, meta }); }
}

const ok = (body: string | Uint8Array = XML, headers: Record<string, string> = { etag: '"v1"', 'last-modified': 'Sat, 25 Feb 2023 10:00:00 GMT' }): FakeResponse => ({ status: 200, headers, body });
const source = { name: 'FOSDEM', year: 2023, url: URL_2023 };

function clock(start = Date.parse('2023-03-01T12:00:00Z')) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => { now += ms; } };
}

async function rejectsWith(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => e instanceof ScheduleError && pattern.test(e.message));
}

describe('schedule: store', () => {
  it('downloads, caches, then revalidates with If-None-Match / If-Modified-Since (304 → cache)', async () => {
    const fetch = new FakeFetch(() => ok());
    const cache = new MemoryCache();
    const time = clock();
    const store = new ScheduleStore(fetch, cache, time.now);
    const first = await store.load(source);
    assert.equal(first.from, 'network');
    assert.equal(first.schedule.conference.year, 2023);
    assert.equal(cache.entries.get('fosdem-2023')?.meta.etag, '"v1"');

    // Fresh enough (past year: a week): no request at all.
    time.advance(60_000);
    assert.equal((await store.load(source)).from, 'cache');
    assert.equal(fetch.calls.length, 1);

    time.advance(8 * 86_400_000);
    fetch.respond = () => ({ status: 304, headers: {}, body: '' });
    const second = await new ScheduleStore(fetch, cache, time.now).load(source);
    assert.equal(second.from, 'revalidated');
    assert.deepEqual(fetch.calls[1].headers, { 'If-None-Match': '"v1"', 'If-Modified-Since': 'Sat, 25 Feb 2023 10:00:00 GMT' });
    assert.equal(second.schedule.events.length, first.schedule.events.length);

    // force always asks the network.
    fetch.respond = () => ok();
    assert.equal((await store.load(source, { force: true })).from, 'network');
  });

  it('404 without cache: not published yet; with cache: the cache and a notice', async () => {
    const time = clock(Date.parse('2027-01-10T12:00:00Z'));
    const fetch = new FakeFetch(() => ({ status: 404, headers: {}, body: 'Not found' }));
    await rejectsWith(new ScheduleStore(fetch, new MemoryCache(), time.now).load({ name: 'FOSDEM', year: 2027, url: conferenceUrl(FOSDEM, 2027) }), /FOSDEM 2027 has not published its schedule yet/);
    assert.deepEqual(fetch.calls.map(c => c.url), ['https://fosdem.org/2027/schedule/xml', 'https://archive.fosdem.org/2027/schedule/xml']);

    const cache = new MemoryCache();
    await new ScheduleStore(new FakeFetch(() => ok()), cache, clock().now).load(source);
    const later = clock(Date.parse('2023-04-01T12:00:00Z'));
    const result = await new ScheduleStore(fetch, cache, later.now).load(source, { force: true });
    assert.equal(result.from, 'cache');
    assert.match(result.notice ?? '', /404 from https:\/\/fosdem\.org\/2023\/schedule\/xml.*Using the copy cached 31 days ago/);
  });

  it('falls back to archive.fosdem.org on 404 for past years', async () => {
    const fetch = new FakeFetch(url => (url.startsWith('https://archive.') ? ok() : { status: 404, headers: {}, body: '' }));
    const result = await new ScheduleStore(fetch, new MemoryCache(), clock().now).load(source);
    assert.equal(result.from, 'network');
    assert.equal(fetch.calls[1].url, 'https://archive.fosdem.org/2023/schedule/xml');
  });

  it('an HTML page or a truncated download never replaces a good cache', async () => {
    const cache = new MemoryCache();
    await new ScheduleStore(new FakeFetch(() => ok()), cache, clock().now).load(source);
    const good = cache.entries.get('fosdem-2023')!.body;
    for (const body of ['<!DOCTYPE html><html><body>Maintenance</body></html>', XML.slice(0, XML.length / 2)]) {
      const store = new ScheduleStore(new FakeFetch(() => ok(body)), cache, clock().now);
      const result = await store.load(source, { force: true });
      assert.equal(result.from, 'cache');
      assert.match(result.notice ?? '', /HTML page|truncated/);
      assert.equal(cache.entries.get('fosdem-2023')!.body, good);
    }
    await rejectsWith(new ScheduleStore(new FakeFetch(() => ok('<html><body>x</body></html>')), new MemoryCache(), clock().now).load(source), /HTML page/);
  });

  it('a platform error that explains itself (the browser refused a cross-origin download) is quoted as it is', async () => {
    const explained = Object.assign(new Error('the browser refused the download: fosdem.org does not allow cross-origin requests'), { explained: true });
    const refused = new FakeFetch(() => explained);
    await assert.rejects(new ScheduleStore(refused, new MemoryCache(), clock().now).load(source),
      (e: unknown) => e instanceof ScheduleError && e.message === explained.message && e.code === 'network');
  });

  it('network error → cache with its age; offline without cache → clear error', async () => {
    const cache = new MemoryCache();
    await new ScheduleStore(new FakeFetch(() => ok()), cache, clock().now).load(source);
    const time = clock(Date.parse('2023-03-04T12:00:00Z'));
    const down = new FakeFetch(() => new Error('getaddrinfo ENOTFOUND fosdem.org'));
    const result = await new ScheduleStore(down, cache, time.now).load(source, { force: true });
    assert.equal(result.from, 'cache');
    assert.equal(result.ageMs, 3 * 86_400_000);
    assert.match(result.notice ?? '', /Cannot reach fosdem\.org .*Using the copy cached 3 days ago/);
    await rejectsWith(new ScheduleStore(down, new MemoryCache(), time.now).load(source), /Cannot reach fosdem\.org/);
    const offline = await new ScheduleStore(down, cache, time.now).load(source, { offline: true });
    assert.equal(offline.from, 'cache');
    assert.equal(down.calls.length, 2);
    await rejectsWith(new ScheduleStore(down, new MemoryCache(), time.now).load(source, { offline: true }), /No cached FOSDEM 2023 schedule, and offline mode is on/);
  });

  it('reads local files through the loader, never caching them', async () => {
    const cache = new MemoryCache();
    const store = new ScheduleStore(new FakeFetch(() => new Error('no network')), cache, clock().now, async file => (file === '/x/2023.xml' ? { bytes: new TextEncoder().encode(XML) } : undefined));
    assert.equal((await store.load({ name: 'FOSDEM', year: 2023, url: '/x/2023.xml' })).schedule.conference.year, 2023);
    assert.equal(cache.writes, 0);
    await rejectsWith(store.load({ name: 'FOSDEM', year: 2023, url: '/x/missing.xml' }), /Cannot read the schedule file/);
  });
});
