// The browser entry in VS Code for the Web (a web worker, no Node), on the fixture site mounted as a virtual folder
// (vscode-test-web://mount): the same findings as `recap check` on desktop, a completion, "Insert FOSDEM Talk" from a
// schedule file in the repository (`recap.schedules` with a workspace path), and the preview.
import * as vscode from 'vscode';
import { assert, open, recapApi, recapDiagnostics, ruleOf, waitFor, workspaceUri } from './helpers';

/** `recap check --format json --hints` on the same posts and schedule, run by scripts/web-tests.mjs before the run. */
declare const RECAP_EXPECTED_FINDINGS: Record<string, { rule: string; line: number }[]>;
/** A schedule server on another origin: `/cors/2025/schedule.xml` allows cross-origin GETs, `/plain/…` does not. */
declare const RECAP_SCHEDULE_SERVER: string;

const POST = ['content', 'posts', '2025-02-14-fosdem-2025.md'];

/** Rule and 1-based line, sorted: what the CLI prints and the editor shows. */
const findingsOf = (uri: vscode.Uri) => recapDiagnostics(uri).map(d => ({ rule: ruleOf(d), line: d.range.start.line + 1 })).sort(byLineAndRule);
function byLineAndRule(a: { rule: string; line: number }, b: { rule: string; line: number }): number {
  return a.line - b.line || a.rule.localeCompare(b.rule);
}

describe('Conference Recap in VS Code for the Web', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('runs the browser entry on a virtual workspace folder', async () => {
    await recapApi();
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web, 'the web workbench');
    assert.equal(vscode.workspace.workspaceFolders?.[0].uri.scheme, 'vscode-test-web', 'the site is a virtual folder, not file:');
    // A web worker has no Node `process` (the `browser` entry is loaded, not `main`).
    assert.equal(typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node, 'undefined');
  });

  for (const post of Object.keys(RECAP_EXPECTED_FINDINGS).sort()) {
    it(`${post}: the same findings (rule ids and lines) as \`recap check\` gives on desktop`, async () => {
      const expected = [...RECAP_EXPECTED_FINDINGS[post]].sort(byLineAndRule);
      assert.ok(expected.length > 0, 'the CLI found something to compare');
      const uri = workspaceUri(...post.split('/'));
      await open(uri);
      // The talk checks land once the schedule file is loaded in the background: wait for the whole set.
      let last: unknown;
      await waitFor(`the CLI's findings on ${post}`, () => {
        last = findingsOf(uri);
        return JSON.stringify(last) === JSON.stringify(expected);
      }).catch(error => {
        assert.deepEqual(last, expected, String(error));
      });
    });
  }

  it('completes a front-matter key from the schema', async () => {
    const uri = workspaceUri(...POST);
    const editor = await open(uri);
    const at = editor.document.positionAt(editor.document.getText().indexOf('summary:'));
    await editor.edit(builder => builder.insert(at, 'ser\n'));
    const list = await waitFor('completions', async () => {
      const result = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, at.translate(0, 3));
      return result.items.some(item => item.label === 'series') && result;
    });
    assert.ok(list.items.some(item => item.label === 'series'), 'schema keys offered');
  });

  it('"Insert FOSDEM Talk" from a schedule file in the repository (recap.schedules with a workspace path)', async () => {
    const api = await recapApi();
    const conference = api.testing.schedules.conference('FOSDEM');
    assert.equal(conference.url, 'schedules/fosdem-{year}-schedule.xml', 'the workspace setting names the file in the repository');
    const editor = await open(workspaceUri(...POST));
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    const done = vscode.commands.executeCommand('recap.insertTalk');
    const hooks = api.testing.insertTalk;
    const yearPick = await waitFor('the year pick', () => (hooks.activeQuickPick?.items.length ?? 0) > 0 && hooks.activeQuickPick);
    assert.equal(yearPick.items[0].label, '2025', 'the year comes from the post');
    yearPick.activeItems = [yearPick.items[0]];
    hooks.accept!();
    const talkPick = await waitFor('the talk pick', () => hooks.activeQuickPick !== yearPick && hooks.activeQuickPick?.canSelectMany && hooks.activeQuickPick);
    assert.ok(talkPick.items.length > 100, 'the whole schedule is offered');
    hooks.type!('khavron');
    const roman = await waitFor('a talk by Roman Khavronenko', () => talkPick.items.find(item => item.label === 'How to monitor the monitoring'));
    talkPick.selectedItems = [roman];
    hooks.accept!();
    await done;
    const text = editor.document.getText();
    assert.ok(text.includes('[How to monitor the monitoring](https://fosdem.org/2025/schedule/event/fosdem-2025-5388-how-to-monitor-the-monitoring/) by [Roman Khavronenko](https://fosdem.org/2025/schedule/speaker/roman_khavronenko/)'), text.slice(-600));
  });

  it('hovers a talk link with the schedule, and a quick fix links an unlinked talk title', async () => {
    const editor = await open(workspaceUri(...POST));
    const uri = editor.document.uri;
    const line = editor.document.getText().split('\n').findIndex(l => l.includes('fosdem-2025-4146'));
    const column = editor.document.lineAt(line).text.indexOf('fosdem-2025-4146');
    const hovers = await waitFor('a hover', async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, column));
      const text = found.flatMap(hover => hover.contents.map(part => (typeof part === 'string' ? part : part.value))).join('\n');
      return text.includes('Discovering the Magic Behind OpenTelemetry Instrumentation') && text;
    });
    assert.ok(hovers.includes('Jose Gomez-Selles'), hovers);
    const mention = await waitFor('the unlinked talk title', () => recapDiagnostics(uri).find(d => ruleOf(d) === 'talk/unlinked-mention'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, mention.range);
    const link = actions.find(action => /link to talk/i.test(action.title));
    assert.ok(link?.edit, `a "Link to talk" fix (got: ${actions.map(a => a.title).join(', ')})`);
    await vscode.workspace.applyEdit(link.edit);
    assert.ok(editor.document.getText().includes('[The performance impact of auto-instrumentation](https://fosdem.org/2025/schedule/event/fosdem-2025-5502-the-performance-impact-of-auto-instrumentation/)'));
  });

  it('Ctrl+click links on image paths open the files of the virtual folder', async () => {
    const uri = workspaceUri('content', 'posts', '2024-08-01-shortcodes.md');
    await open(uri);
    const links = await waitFor('document links', async () => {
      const found = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', uri);
      return found.some(link => link.target?.path.endsWith('/static/blog/fosdem-2025/jose-intro.webp')) && found;
    });
    const image = links.find(link => link.target?.path.endsWith('/jose-intro.webp'));
    assert.equal(image?.target?.scheme, 'vscode-test-web', 'the link stays in the virtual folder');
  });

  it('a dropped image is copied into the virtual folder\'s static/ and a file already there is linked where it is', async () => {
    const { images } = (await recapApi()).testing;
    const source = workspaceUri('scratch', 'Stage Photo.PNG');
    await vscode.workspace.fs.writeFile(source, new TextEncoder().encode('not really a png'));
    const editor = await open(workspaceUri('content', 'posts', '2024-08-01-shortcodes.md'));
    const position = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    const transfer = new vscode.DataTransfer();
    transfer.set('text/uri-list', new vscode.DataTransferItem([source, workspaceUri('static', 'images', 'logo.png')].map(uri => uri.toString()).join('\r\n')));
    const edit = await images.provideDocumentDropEdits(editor.document, position, transfer, new vscode.CancellationTokenSource().token);
    assert.ok(edit, 'the drop is handled in a virtual folder');
    const resolved = await images.resolveDocumentDropEdit(edit);
    assert.ok(resolved.additionalEdit && await vscode.workspace.applyEdit(resolved.additionalEdit), 'the copy is made');
    const copy = workspaceUri('static', 'blog', 'shortcodes', 'stage-photo.png');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(copy)), 'not really a png');
    const text = resolved.insertText instanceof vscode.SnippetString ? resolved.insertText.value : String(resolved.insertText);
    assert.ok(text.includes('href="/blog/shortcodes/stage-photo.png"') && text.includes('href="/images/logo.png"'), text);
  });

  it('downloads a schedule from a server that allows cross-origin requests; a refusal says why and what works', async () => {
    const { schedules } = (await recapApi()).testing;
    const allowed = { name: 'With CORS', url: `${RECAP_SCHEDULE_SERVER}/cors/{year}/schedule.xml` };
    const loaded = await schedules.get(allowed, 2025, { quiet: true });
    assert.ok(loaded && loaded.schedule.events.length > 100, `the CORS-enabled export loads: ${schedules.failure(allowed, 2025)}`);
    const refused = { name: 'Without CORS', url: `${RECAP_SCHEDULE_SERVER}/plain/{year}/schedule.xml` };
    assert.equal(await schedules.get(refused, 2025, { quiet: true }), undefined, 'the browser refuses the response');
    const why = schedules.failure(refused, 2025) ?? '';
    assert.ok(/browser refused the download/.test(why) && /Access-Control-Allow-Origin/.test(why), why);
    assert.ok(why.includes('`recap.schedules`') && /export URL that allows cross-origin requests/.test(why), `offers the routes that work: ${why}`);
  });

  it('opens the preview panel on a post, with its site resolved', async () => {
    const api = await recapApi();
    await open(workspaceUri(...POST));
    await vscode.commands.executeCommand('recap.openPreviewToSide');
    const hooks = api.testing.preview;
    const html = await waitFor('the preview HTML', () => hooks.current?.html.includes('recap-header') && hooks.current.html);
    assert.ok(html.includes('FOSDEM 2025 recap'), 'the post’s title in the header');
    // Resources of the virtual folder go through the webview's resource URIs, not file: paths.
    assert.ok(!/src="file:/.test(html), 'no file: URL in the page');
    const shortcodes = workspaceUri('content', 'posts', '2024-08-01-shortcodes.md');
    await open(shortcodes);
    const page = await waitFor('the preview following the shortcodes post', () => hooks.current?.uri.toString() === shortcodes.toString() && hooks.current.html.includes('jose-intro') && hooks.current.html);
    const image = /<img src="([^"]*jose-intro\.webp)"/.exec(page)?.[1] ?? '';
    assert.ok(image && !image.startsWith('file:') && image.includes('vscode-test-web'), `the site's image through a webview resource URI of the virtual folder: ${image || page.slice(0, 1500)}`);
  });

  it("VS Code's own Markdown preview renders a post's shortcodes (the built-in preview plugin)", async () => {
    const known = (await recapApi()).testing.builtinPreview;
    const uri = workspaceUri('content', 'posts', '2024-08-01-shortcodes.md');
    const document = await vscode.workspace.openTextDocument(uri);
    // The first render asks in the background whether the file is a post; the next one knows.
    await vscode.commands.executeCommand<string>('markdown.api.render', document);
    await waitFor('the post lookup', () => known.known(uri.path));
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', document);
    assert.ok(/<figure class="recap-figure[^"]*"[^>]*><img src="[^"]*static\/blog\/fosdem-2025\/jose-intro\.webp"/.test(html), html.slice(0, 2000));
    assert.ok(!html.includes('{{&lt; image'), 'the image shortcode is rendered, not shown as text');
  });
});
