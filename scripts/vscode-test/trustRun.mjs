// The Restricted Mode run: the fixture site opens as an untrusted folder (workspace trust on, no startup prompt)
// whose own settings name a schedule URL and a preview stylesheet on a local "probe" server that counts every
// connection. test/integration/trust.test.ts checks the restricted behaviour from inside; afterwards the
// probe must have seen nothing at all, not even a TLS handshake.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { ROOT } from './codeServer.mjs';

const BASE_SETTINGS = path.join(ROOT, 'scripts', 'vscode-test', 'settings.json');
/** The schedule the user's own settings name (a file, so nothing goes to the network). */
const USER_SCHEDULE = path.join(ROOT, 'test', 'fixtures', 'schedules', 'fosdem-{year}-schedule.xml');

/** Starts a server that records every connection and request made to it. */
async function startProbe() {
  const seen = [];
  const server = http.createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    response.writeHead(404).end();
  });
  // A TLS handshake (an https:// stylesheet) is a connection without an HTTP request: counted too.
  server.on('connection', socket => seen.push(`connection from ${socket.remoteAddress}`));
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    seen,
    close: () => new Promise(resolve => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

/**
 * Writes the hostile folder settings into `workspace` and the user settings into `userData`; returns the test
 * environment and `finish()`, which stops the probe and returns what reached it (nothing, when all is well).
 */
export async function prepareTrustRun(workspace, userData) {
  const probe = await startProbe();
  const origin = `127.0.0.1:${probe.port}`;
  mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({
    'recap.schedules': [{ name: 'FOSDEM', url: `http://${origin}/{year}/schedule/xml` }],
    'recap.preview.styles': [`https://${origin}/site.css`],
    // A setting that fetches nothing: the folder's value applies in Restricted Mode too.
    'recap.validation.delay': 50,
  }, null, 2));
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    ...JSON.parse(readFileSync(BASE_SETTINGS, 'utf8')),
    'security.workspace.trust.enabled': true,
    // The folder opens untrusted, in Restricted Mode, without the modal that asks.
    'security.workspace.trust.startupPrompt': 'never',
    'recap.schedules': [{ name: 'FOSDEM', url: USER_SCHEDULE }],
  }, null, 2));
  return {
    env: { RECAP_TEST_FILTER: 'trust', RECAP_WORKSPACE_TRUST: '1', RECAP_TRUST_PROBE_ORIGIN: origin },
    async finish() {
      await probe.close();
      return probe.seen;
    },
  };
}
