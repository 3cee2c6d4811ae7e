// The schedule download over the global fetch, as the Node host and the browser worker use it: the browser's variant
// sends no request header (one would make a cross-origin GET need a CORS preflight that schedule servers do not
// answer), and a refused fetch becomes the platform's explanation.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { globalFetchHost } from '../../src/platform/fetchHost';

describe('globalFetchHost', () => {
  let server: http.Server;
  let base: string;
  const seen: http.IncomingHttpHeaders[] = [];

  before(async () => {
    server = http.createServer((request, response) => {
      seen.push(request.headers);
      response.writeHead(200, { 'Content-Type': 'text/xml', ETag: '"v1"' });
      response.end('<schedule/>');
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>(resolve => server.close(() => resolve())));

  it('desktop: sends the store’s conditional headers and names itself', async () => {
    const result = await globalFetchHost().fetchBytes(`${base}/a`, { 'If-None-Match': '"v0"' }, 1000);
    assert.equal(result.status, 200);
    assert.equal(result.headers.etag, '"v1"');
    assert.equal(new TextDecoder().decode(result.body), '<schedule/>');
    assert.equal(seen.at(-1)?.['if-none-match'], '"v0"');
    assert.equal(seen.at(-1)?.['user-agent'], 'conference-recap');
  });

  it('browser: sends no header of its own, so a cross-origin GET stays a simple request (no preflight)', async () => {
    await globalFetchHost({ sendHeaders: false }).fetchBytes(`${base}/b`, { 'If-None-Match': '"v0"', 'If-Modified-Since': 'Sat, 01 Mar 2025 12:00:00 GMT' }, 1000);
    assert.equal(seen.at(-1)?.['if-none-match'], undefined);
    assert.equal(seen.at(-1)?.['if-modified-since'], undefined);
    assert.notEqual(seen.at(-1)?.['user-agent'], 'conference-recap');
  });

  it('a rejected fetch (as CORS or a network failure rejects it) becomes the platform’s explanation', async () => {
    const closed = http.createServer();
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/schedule.xml`;
    await new Promise<void>(resolve => closed.close(() => resolve()));
    const host = globalFetchHost({ describeFailure: (failed, error) => new Error(`refused ${failed} (${error instanceof TypeError ? 'TypeError' : 'other'})`) });
    await assert.rejects(host.fetchBytes(url, {}, 1000), { message: `refused ${url} (TypeError)` });
  });
});
