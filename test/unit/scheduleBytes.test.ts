// Schedules as bytes: encodings, the size limit for files and downloads (a real HTTP server on 127.0.0.1),
// empty schedules, and the hostile corpus in test/fixtures/bad-input/schedules, through the core and `recap talks`.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeSchedule, MAX_SCHEDULE_BYTES, parseScheduleBytes } from '../../src/core/schedule/bytes';
import { ScheduleError } from '../../src/core/schedule/parse';
import { ScheduleStore, type CacheMeta, type CacheStore } from '../../src/core/schedule/store';
import { nodeFetchHost, readScheduleFile } from '../../src/node/scheduleHost';
import { FIXTURES } from './helpers';
import { recap } from './cliRun';

const CORPUS = path.join(FIXTURES, 'bad-input', 'schedules');
const corpus = (name: string) => new Uint8Array(readFileSync(path.join(CORPUS, name)));
const GOOD = readFileSync(path.join(FIXTURES, 'schedules', 'fosdem-2023-excerpt.xml'));

/** A small schedule with accents, as a string (encoded by each test). */
const ACCENTED = '<schedule><conference><title>Café conf 2025</title><start>2025-02-01</start></conference>'
  + '<day index="1" date="2025-02-01"><room name="H.1301"><event id="1"><start>10:00</start><duration>00:30</duration>'
  + '<slug>cafe</slug><title>Présentation du café</title><persons><person id="7">José Müller</person></persons></event></room></day></schedule>';

function utf16(text: string, order: 'le' | 'be', bom = true): Uint8Array {
  const bytes = Buffer.from(text, 'utf16le');
  if (order === 'be') bytes.swap16();
  return new Uint8Array(Buffer.concat([Buffer.from(bom ? (order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : []), bytes]));
}

function rejects(run: () => unknown, code: string, message: RegExp): ScheduleError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ScheduleError, `not a ScheduleError: ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.match(error.message, message);
    assert.doesNotMatch(error.message, /\n\s+at /); // no stack trace in what the user reads
    return error;
  }
  assert.fail(`expected a ${code} ScheduleError`);
}

describe('schedule bytes: encodings', () => {
  it('honours the XML declaration: ISO-8859-1 (read as windows-1252) and windows-1252 with curly quotes', () => {
    assert.equal(parseScheduleBytes(corpus('iso-8859-1.xml')).conference.title, 'Café conf 2025');
    const cp1252 = parseScheduleBytes(corpus('windows-1252.xml'));
    assert.equal(cp1252.conference.title, 'Café \u201cconf\u201d 2025');
    assert.equal(cp1252.events[0].persons[0].name, 'José Müller');
  });

  it('honours a BOM: UTF-8, UTF-16LE and UTF-16BE (the declaration says UTF-16)', () => {
    for (const name of ['utf-8-bom.xml', 'utf-16le-bom.xml', 'utf-16be-bom.xml']) {
      const s = parseScheduleBytes(corpus(name));
      assert.deepEqual([s.conference.title, s.events[0].title, s.events[0].persons[0].name], ['Café conf 2025', 'Présentation du café', 'José Müller'], name);
    }
  });

  it('BOM first, then the Content-Type charset, then the declaration, else UTF-8', () => {
    const latin1 = new Uint8Array(Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>${ACCENTED}`, 'latin1'));
    assert.equal(decodeSchedule(latin1).encoding, 'windows-1252');
    assert.equal(decodeSchedule(latin1, { contentType: 'text/xml; charset=utf-8' }).encoding, 'utf-8');
    const plainLatin1 = new Uint8Array(Buffer.from(ACCENTED, 'latin1'));
    assert.equal(parseScheduleBytes(plainLatin1, { contentType: 'application/xml; charset="ISO-8859-1"' }).conference.title, 'Café conf 2025');
    assert.equal(decodeSchedule(utf16(ACCENTED, 'be'), { contentType: 'text/xml; charset=iso-8859-1' }).encoding, 'utf-16be');
    assert.equal(decodeSchedule(new TextEncoder().encode(ACCENTED)).encoding, 'utf-8');
    // UTF-16 without a BOM, recognised by "<?" in two bytes; a UTF-16 label on 8-bit bytes means UTF-8.
    assert.equal(parseScheduleBytes(utf16(`<?xml version="1.0"?>${ACCENTED}`, 'le', false)).events[0].title, 'Présentation du café');
    assert.equal(parseScheduleBytes(new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-16"?>${ACCENTED}`)).conference.title, 'Café conf 2025');
  });

  it('an unknown encoding is named; invalid UTF-8 becomes U+FFFD with a warning, not a failure', () => {
    rejects(() => parseScheduleBytes(corpus('unknown-encoding.xml')), 'encoding', /in an encoding this reader does not know: "x-klingon" \(from its XML declaration\)/);
    const broken = new Uint8Array(Buffer.from(ACCENTED, 'latin1')); // Latin-1 bytes, no declaration: read as UTF-8
    const s = parseScheduleBytes(broken);
    assert.equal(s.conference.title, 'Caf\uFFFD conf 2025');
    assert.ok(s.warnings.some(w => /not valid utf-8/.test(w)), s.warnings.join('\n'));
    assert.deepEqual(parseScheduleBytes(new TextEncoder().encode(ACCENTED.replace('Café', 'Caf\uFFFD'))).warnings, []);
  });
});

describe('schedule bytes: the hostile corpus', () => {
  const expected: Record<string, { code: string; message: RegExp } | { title: string }> = {
    'billion-laughs.xml': { code: 'malformed', message: /refused at line 13, column 3: it declares its own XML entities/ },
    'binary.xml': { code: 'not-schedule', message: /is binary data, not text \(a NUL byte at line 3, column 1\)/ },
    'deep-nesting.json': { code: 'malformed', message: /refused at line 1, column 152: its arrays and objects nest more than 100 levels deep/ },
    'deep-nesting.xml': { code: 'malformed', message: /refused at line 15, column \d+: its elements nest more than 100 levels deep/ },
    'empty-schedule.xml': { code: 'no-events', message: /has no events yet\.$/ },
    'empty.xml': { code: 'empty', message: /is empty\.$/ },
    'external-dtd.xml': { code: 'malformed', message: /malformed XML at line 5, column 30: undefined entity/ },
    'html-page.xml': { code: 'html', message: /looks like an HTML page, not a schedule/ },
    'huge-attribute.xml': { title: 'Huge attribute' },
    'iso-8859-1.xml': { title: 'Café conf 2025' },
    'no-events.xml': { code: 'no-events', message: /has no events yet\.$/ },
    'not-a-schedule.xml': { code: 'not-schedule', message: /its root element is <rss>, not <schedule>/ },
    'quadratic-blowup.xml': { code: 'malformed', message: /refused at line 2, column \d+: it declares its own XML entities/ },
    'truncated.json': { code: 'malformed', message: /truncated or malformed JSON at line 1, column 111/ },
    'truncated.xml': { code: 'malformed', message: /truncated or malformed at line 58, column 43: unclosed tag: person/ },
    'unclosed-attribute.xml': { code: 'malformed', message: /malformed XML at line 17, column \d+/ },
    'undefined-entity.xml': { code: 'malformed', message: /malformed XML at line 3, column 29: undefined entity/ },
    'unknown-encoding.xml': { code: 'encoding', message: /"x-klingon"/ },
    'utf-16be-bom.xml': { title: 'Café conf 2025' },
    'utf-16le-bom.xml': { title: 'Café conf 2025' },
    'utf-8-bom.xml': { title: 'Café conf 2025' },
    'whitespace-only.xml': { code: 'empty', message: /is empty\.$/ },
    'windows-1252.xml': { title: 'Café \u201cconf\u201d 2025' },
    'xxe-parameter.xml': { code: 'malformed', message: /refused at line 5, column 3: it declares its own XML entities/ },
    'xxe.xml': { code: 'malformed', message: /refused at line 4, column 3: it declares its own XML entities/ },
  };

  it('lists every corpus file here', () => {
    assert.deepEqual(readdirSync(CORPUS).filter(name => name !== 'README.md').sort(), Object.keys(expected).sort());
  });

  it('through the core parser: a schedule or a clear, located ScheduleError; nothing is expanded or fetched', () => {
    for (const [name, want] of Object.entries(expected)) {
      if ('title' in want) assert.equal(parseScheduleBytes(corpus(name), { sourceUrl: name }).conference.title, want.title, name);
      else {
        const error = rejects(() => parseScheduleBytes(corpus(name), { sourceUrl: name }), want.code, want.message);
        assert.ok(error.message.startsWith(`The schedule (${name})`) || error.message.startsWith(`The file (${name})`), error.message);
        assert.doesNotMatch(error.message, /root:|lollol|xxxxxxxxxx/); // no /etc/passwd, no expansion
      }
    }
  });

  describe('through recap talks --schedule FILE', () => {
    let cacheDir: string;
    const saved = process.env.RECAP_CACHE_DIR;
    before(() => { cacheDir = mkdtempSync(path.join(os.tmpdir(), 'recap-cache-')); process.env.RECAP_CACHE_DIR = cacheDir; });
    after(() => { rmSync(cacheDir, { recursive: true, force: true }); if (saved === undefined) delete process.env.RECAP_CACHE_DIR; else process.env.RECAP_CACHE_DIR = saved; });

    it('one line on stderr and exit 1 for each bad file; the good ones list their talks', async () => {
      for (const [name, want] of Object.entries(expected)) {
        const file = path.join(CORPUS, name);
        const { code, stdout, stderr } = await recap('talks', '--schedule', file, '--year', '2025', '--format', 'json');
        if ('title' in want) {
          assert.equal(code, 0, `${name}: ${stderr}`);
          assert.ok((JSON.parse(stdout) as unknown[]).length >= 1, name);
        } else {
          assert.equal(code, 1, name);
          assert.equal(stdout, '', name);
          assert.match(stderr, /^recap talks: The (schedule|file) \(.+\) .+\n$/, name);
          assert.match(stderr.trimEnd(), want.message, name);
        }
      }
    });

    it('a local schedule over the limit: "too large (N MB; the limit is 32 MB)", without reading it', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'recap-big-'));
      try {
        const file = path.join(dir, 'big.xml');
        writeFileSync(file, '');
        truncateSync(file, 40 * 1024 * 1024); // sparse: 40 MB of size, nothing written
        assert.deepEqual(await readScheduleFile(file, MAX_SCHEDULE_BYTES), { tooLarge: 40 * 1024 * 1024 });
        const { code, stderr } = await recap('talks', '--schedule', file, 'x');
        assert.equal(code, 1);
        assert.equal(stderr, `recap talks: The schedule (${file}) is too large (40 MB; the limit is 32 MB).\n`);
        assert.equal(await readScheduleFile(dir, MAX_SCHEDULE_BYTES), undefined);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});


class MemoryCache implements CacheStore {
  entries = new Map<string, { body: string; meta: CacheMeta }>();
  async read(key: string) { return this.entries.get(key); }
  async write(key: string, body: string, meta: CacheMeta) { this.entries.set(key, { body, meta }); }
}

describe('schedule bytes: downloads from a server on 127.0.0.1', () => {
  type Route = (response: http.ServerResponse) => void;
  const routes = new Map<string, Route>();
  /** Bytes the "endless" route managed to send before the client hung up. */
  let endlessSent = 0;
  let later: string | undefined;
  let server: http.Server;
  let base = '';

  before(async () => {
    server = http.createServer((request, response) => {
      const route = routes.get(request.url ?? '');
      if (route) route(response);
      else response.writeHead(404).end('Not found');
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    routes.set('/good/2023.xml', response => response.writeHead(200, { 'content-type': 'application/xml' }).end(GOOD));
    // The same URL, good first, then whatever `later` names.
    routes.set('/changing/2023.xml', response => (later ? routes.get(later)!(response) : response.writeHead(200).end(GOOD)));
    routes.set('/latin1/2025.xml', response => response.writeHead(200, { 'content-type': 'application/xml' }).end(corpus('iso-8859-1.xml')));
    routes.set('/charset/2025.xml', response => response.writeHead(200, { 'content-type': 'text/xml; charset=ISO-8859-1' }).end(Buffer.from(ACCENTED, 'latin1')));
    routes.set('/utf16/2025.xml', response => response.writeHead(200, { 'content-type': 'application/xml' }).end(corpus('utf-16le-bom.xml')));
    routes.set('/empty/2025.xml', response => response.writeHead(200, { 'content-type': 'application/xml' }).end(corpus('no-events.xml')));
    routes.set('/declared/2023.xml', response => response.writeHead(200, { 'content-length': String(100 * 1024 * 1024) }).end());
    // No Content-Length: 1 MB chunks for up to 256 MB, as fast as the client reads them.
    routes.set('/endless/2023.xml', response => {
      endlessSent = 0;
      response.writeHead(200, { 'content-type': 'application/xml' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      const pump = () => {
        while (endlessSent < 256 * 1024 * 1024 && !response.destroyed) {
          endlessSent += chunk.length;
          if (!response.write(chunk)) { response.once('drain', pump); return; }
        }
        response.end();
      };
      response.on('close', () => response.destroy());
      pump();
    });
  });
  after(() => new Promise<void>(resolve => { server.closeAllConnections(); server.close(() => resolve()); }));

  const store = (cache = new MemoryCache()) => new ScheduleStore(nodeFetchHost(), cache, () => new Date('2025-03-01T12:00:00Z'));

  it('decodes an ISO-8859-1 declaration, a Content-Type charset and a UTF-16 BOM', async () => {
    for (const route of ['latin1', 'charset', 'utf16']) {
      const { schedule } = await store().load({ name: 'Café', year: 2025, url: `${base}/${route}/2025.xml` });
      assert.equal(schedule.conference.title, 'Café conf 2025', route);
      assert.equal(schedule.events[0].persons[0].name, 'José Müller', route);
    }
  });

  it('no events: the same message as for a file', async () => {
    await assert.rejects(store().load({ name: 'Café', year: 2025, url: `${base}/empty/2025.xml` }),
      (e: unknown) => e instanceof ScheduleError && e.code === 'no-events' && e.message === `The schedule (${base}/empty/2025.xml) has no events yet.`);
  });

  it('stops reading past the limit, says how large, and keeps the good cache', async () => {
    const cache = new MemoryCache();
    const source = { name: 'FOSDEM', year: 2023, url: `${base}/changing/2023.xml` };
    later = undefined;
    await store(cache).load(source);
    const good = cache.entries.get('fosdem-2023')!.body;

    later = '/declared/2023.xml';
    const declared = await store(cache).load(source, { force: true });
    assert.equal(declared.from, 'cache');
    assert.match(declared.notice ?? '', /^The schedule \(http:\/\/127\.0\.0\.1:\d+\/changing\/2023\.xml\) is too large \(100 MB; the limit is 32 MB\)\. Using the copy cached/);

    later = '/endless/2023.xml';
    const endless = await store(cache).load(source, { force: true });
    assert.equal(endless.from, 'cache');
    assert.match(endless.notice ?? '', /is too large \(over 32 MB; the limit is 32 MB\)\./);
    assert.ok(endlessSent < 128 * 1024 * 1024, `the server sent ${endlessSent} bytes`);
    assert.equal(cache.entries.get('fosdem-2023')!.body, good);

    await assert.rejects(store().load({ ...source, url: `${base}/endless/2023.xml` }), /too large \(over 32 MB; the limit is 32 MB\)/);
  });

  it('recap talks --schedule URL: the decoded talks, or the one-line message', async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'recap-cache-'));
    const saved = process.env.RECAP_CACHE_DIR;
    process.env.RECAP_CACHE_DIR = cacheDir;
    try {
      const latin1 = await recap('talks', '--schedule', `${base}/latin1/{year}.xml`, '--year', '2025', 'café');
      assert.deepEqual([latin1.code, latin1.stdout], [0, 'Présentation du café — José Müller — Café · H.1301 · 2025-02-01 10:00\n']);
      const large = await recap('talks', '--schedule', `${base}/declared/{year}.xml`, '--year', '2023', 'x');
      assert.deepEqual([large.code, large.stderr], [1, `recap talks: The schedule (${base}/declared/2023.xml) is too large (100 MB; the limit is 32 MB).\n`]);
    } finally {
      if (saved === undefined) delete process.env.RECAP_CACHE_DIR; else process.env.RECAP_CACHE_DIR = saved;
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
