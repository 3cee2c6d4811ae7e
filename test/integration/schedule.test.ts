// The FOSDEM schedule as a user meets it in VS Code: run "Insert FOSDEM Talk", pick the year, type part of
// a speaker's name, tick two talks, get linked Markdown; hover a talk link; see a mistyped talk link
// flagged; keep working from the cache when the network is gone. The schedule is served by a local HTTP
// server (with ETag revalidation) from a real FOSDEM 2025 schedule file, standing in for fosdem.org.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ROOT, recapApi, ruleOf, waitFor as waitWithin, workspaceUri } from './helpers';

/** Loading a 3 MB schedule over HTTP and parsing it: allow 20 s. */
const waitFor = <T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>) => waitWithin(what, probe, 45000);

const SCHEDULE_2025 = path.join(EXTENSION_ROOT, 'test', 'fixtures', 'schedules', 'fosdem-2025-schedule.xml');

// MarkdownString keeps its text behind a getter (JSON.stringify sees nothing).
const hoverText = (hover: vscode.Hover) => hover.contents.map(c => (typeof c === 'string' ? c : c.value)).join('\n');

interface ScheduleServer {
  url: string;
  requests: { path: string; ifNoneMatch?: string }[];
  down: boolean;
  close(): Promise<void>;
}

/** fosdem.org's schedule for 2025 and 404 for other years, with an ETag; `down` answers 503. */
async function startScheduleServer(): Promise<ScheduleServer> {
  const body = readFileSync(SCHEDULE_2025);
  const etag = '"fosdem-2025-fixture"';
  const state: ScheduleServer = { url: '', requests: [], down: false, close: async () => undefined };
  const server = http.createServer((request, response) => {
    const header = request.headers['if-none-match'];
    state.requests.push({ path: request.url ?? '', ifNoneMatch: typeof header === 'string' ? header : undefined });
    if (state.down) { response.writeHead(503).end('down for maintenance'); return; }
    if (request.url !== '/2025/schedule/xml') { response.writeHead(404, { 'content-type': 'text/html' }).end('<!doctype html><title>Not found</title>'); return; }
    if (header === etag) { response.writeHead(304, { etag }).end(); return; }
    response.writeHead(200, { 'content-type': 'application/xml', etag }).end(body);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>(resolve => server.close(() => resolve()));
  return state;
}

describe('FOSDEM schedule in VS Code', function () {
  this.timeout(150000);
  let server: ScheduleServer;
  let api: Awaited<ReturnType<typeof recapApi>>;
  const post = () => workspaceUri('content', 'posts', '2025-02-14-fosdem-2025.md');

  before(async () => {
    server = await startScheduleServer();
    // The built-in FOSDEM source, pointed at the local server (a user can do the same for a mirror).
    await vscode.workspace.getConfiguration('recap').update('schedules', [{ name: 'FOSDEM', url: `${server.url}/{year}/schedule/xml` }], vscode.ConfigurationTarget.Workspace);
    api = await recapApi();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('recap').update('schedules', undefined, vscode.ConfigurationTarget.Workspace);
    await server.close();
  });

  /** Opens the post with the cursor at its end, runs an insert command and waits for its year pick. */
  async function startInsert(command: string) {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(post()));
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    const done = vscode.commands.executeCommand(command);
    const hooks = api.testing.insertTalk;
    const yearPick = await waitFor('the year pick', () => (hooks.activeQuickPick?.items.length ?? 0) > 0 && hooks.activeQuickPick);
    return { editor, done, hooks, yearPick };
  }

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('"Insert FOSDEM Talk": pick the year, type a speaker, tick two talks, get linked Markdown', async () => {
    const { editor, done, hooks, yearPick } = await startInsert('recap.insertTalk');
    assert.equal(yearPick.items[0].label, '2025', 'the year comes from the post');
    assert.equal(yearPick.items[0].description, 'from this post');
    yearPick.activeItems = [yearPick.items[0]]; // highlighted, as it is on screen
    hooks.accept!();

    const talkPick = await waitFor('the talk pick', () => hooks.activeQuickPick !== yearPick && hooks.activeQuickPick?.canSelectMany && hooks.activeQuickPick);
    assert.ok(talkPick.items.length > 100, 'the whole schedule is offered');
    // What typing does: the value changes and the list is searched again.
    hooks.type!('khavron');
    const roman = await waitFor('a talk by Roman Khavronenko', () => talkPick.items.find(item => item.label === 'How to monitor the monitoring'));
    assert.equal(talkPick.items[0], roman, 'the speaker’s talk comes first');
    assert.match(roman.description ?? '', /Roman Khavronenko/);
    assert.match(roman.detail ?? '', /Monitoring and Observability/);
    talkPick.selectedItems = [roman];
    // A second search keeps the first pick.
    hooks.type!('performance impact auto instrumentation');
    const second = await waitFor('the auto-instrumentation talk', () => talkPick.items.find(item => item.label === 'The performance impact of auto-instrumentation'));
    talkPick.selectedItems = [...talkPick.selectedItems, second];
    assert.equal(talkPick.selectedItems.length, 2, 'the first pick stays ticked after a new search');
    hooks.accept!();
    await done;

    const text = editor.document.getText();
    assert.ok(text.includes('[How to monitor the monitoring](https://fosdem.org/2025/schedule/event/fosdem-2025-5388-how-to-monitor-the-monitoring/) by [Roman Khavronenko](https://fosdem.org/2025/schedule/speaker/roman_khavronenko/)'), text.slice(-600));
    assert.ok(text.includes('[The performance impact of auto-instrumentation](https://fosdem.org/2025/schedule/event/fosdem-2025-5502-the-performance-impact-of-auto-instrumentation/) by [James Belchamber](https://fosdem.org/2025/schedule/speaker/james_belchamber/)'), text.slice(-600));
    assert.equal(text.split('\n').filter(line => line.startsWith('- [')).length, 2, 'two talks, one list item each');
    // One undo takes the whole insertion back.
    await vscode.commands.executeCommand('undo');
    assert.ok(!editor.document.getText().includes('How to monitor the monitoring'));
  });

  it('"Insert FOSDEM Speaker": type a name, get the speaker linked', async () => {
    const { editor, done, hooks, yearPick } = await startInsert('recap.insertSpeaker');
    yearPick.activeItems = [yearPick.items[0]];
    hooks.accept!();
    const speakerPick = await waitFor('the speaker pick', () => hooks.activeQuickPick !== yearPick && hooks.activeQuickPick);
    hooks.type!('gomez selles');
    await waitFor('Jose Gomez-Selles first', () => speakerPick.items[0]?.label === 'Jose Gomez-Selles');
    assert.match(speakerPick.items[0].description ?? '', /OpenTelemetry/, 'the speaker’s talks are shown beside the name');
    speakerPick.activeItems = [speakerPick.items[0]]; // the highlighted row, as after typing
    hooks.accept!();
    await done;
    assert.ok(editor.document.getText().trimEnd().endsWith('[Jose Gomez-Selles](https://fosdem.org/2025/schedule/speaker/jose_gomez-selles/)'), editor.document.getText().slice(-200));
  });

  it('hovering a talk link shows what the schedule says about it', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(post()));
    const line = editor.document.getText().split('\n').findIndex(l => l.includes('fosdem-2025-4146'));
    const column = editor.document.lineAt(line).text.indexOf('fosdem-2025-4146');
    const hovers = await waitFor('a hover', async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(line, column));
      return found.some(h => hoverText(h).includes('OpenTelemetry')) && found;
    });
    const text = hovers.map(hoverText).join('\n');
    assert.match(text, /Discovering the Magic Behind OpenTelemetry Instrumentation/);
    assert.match(text, /Jose Gomez-Selles/);
    assert.match(text, /Monitoring and Observability/);
  });

  it('a mistyped talk link and an unlinked talk title are flagged, with fixes', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(post()));
    const uri = editor.document.uri;
    const diagnostics = await waitFor('talk diagnostics', () => {
      const found = vscode.languages.getDiagnostics(uri).filter(d => ruleOf(d).startsWith('talk/'));
      return found.some(d => ruleOf(d) === 'talk/unknown-event') && found.some(d => ruleOf(d) === 'talk/unlinked-mention') && found;
    });
    const unknown = diagnostics.find(d => ruleOf(d) === 'talk/unknown-event')!;
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(editor.document.getText(unknown.range), /9999-prometheus-versoin-3/);
    assert.match(unknown.message, /Prometheus Version 3/);
    const mention = diagnostics.find(d => ruleOf(d) === 'talk/unlinked-mention')!;
    assert.match(editor.document.getText(mention.range), /performance impact of auto-instrumentation/i);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, mention.range);
    const link = actions.find(action => /link to talk/i.test(action.title));
    assert.ok(link?.edit, `a "Link to talk" fix (got: ${actions.map(a => a.title).join(', ')})`);
    await vscode.workspace.applyEdit(link.edit);
    assert.ok(editor.document.getText().includes('[The performance impact of auto-instrumentation](https://fosdem.org/2025/schedule/event/fosdem-2025-5502-the-performance-impact-of-auto-instrumentation/)'));
    // The correct links of the post raise nothing.
    assert.ok(!diagnostics.some(d => editor.document.getText(d.range).includes('fosdem-2025-4146')));
  });

  it('works offline from the cache, and says so', async () => {
    const before = server.requests.length;
    const revalidated = await api.testing.schedules.get(api.testing.schedules.conference('FOSDEM'), 2025, { force: true, quiet: true });
    assert.ok(revalidated && revalidated.schedule.events.length > 1000);
    assert.equal(server.requests.at(-1)?.ifNoneMatch, '"fosdem-2025-fixture"', 'a refresh revalidates with the ETag');
    assert.ok(server.requests.length > before);

    server.down = true;
    const offline = await api.testing.schedules.get(api.testing.schedules.conference('FOSDEM'), 2025, { force: true, quiet: true });
    assert.ok(offline && offline.schedule.events.length > 1000, 'the cached schedule is still there');
    const year2030 = await api.testing.schedules.get(api.testing.schedules.conference('FOSDEM'), 2030, { force: true, quiet: true });
    assert.equal(year2030, undefined, 'no cache and no network: nothing, and no crash');
    server.down = false;
  });
});
