// Unit tests never reach the network: now that `recap check` loads each post's FOSDEM schedule by default, a test
// that forgets `--offline` or a pre-filled cache would otherwise download from fosdem.org. These root hooks (mocha
// runs root-level hooks for every file) give every test an empty schedule cache and a fetch that only reaches the
// loopback servers tests start themselves; anything else fails at once, as on an offline machine.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const realFetch = globalThis.fetch;
const savedCacheDir = process.env.RECAP_CACHE_DIR;
let cacheDir: string | undefined;

function isLoopback(input: Parameters<typeof fetch>[0]): boolean {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

before(() => {
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'recap-test-cache-'));
  process.env.RECAP_CACHE_DIR = cacheDir;
  globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    if (isLoopback(input)) return realFetch(input, init);
    return Promise.reject(new TypeError('fetch failed (unit tests do not reach the network)'));
  }) as typeof fetch;
});

after(() => {
  globalThis.fetch = realFetch;
  if (savedCacheDir === undefined) delete process.env.RECAP_CACHE_DIR; else process.env.RECAP_CACHE_DIR = savedCacheDir;
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
});

describe('unit tests stay off the network', () => {
  it('a fetch to another host fails at once, as on an offline machine', async () => {
    await assert.rejects(fetch('https://fosdem.org/2025/schedule/xml'), /unit tests do not reach the network/);
  });
});
