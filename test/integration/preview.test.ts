// The Recap preview as a user meets it: open it beside a post, see the header card, the site's images
// (through the webview's resource URIs), rendered shortcodes and a strict CSP; type in the editor and
// see the update reach the panel.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RecapApi } from '../../src/extension';
import { EXTENSION_ROOT, recapApi, waitFor as waitWithin, workspaceUri } from './helpers';

/** The first render loads the renderer and indexes the site: allow 20 s. */
const waitFor = <T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>) => waitWithin(what, probe, 20000);

describe('Recap preview in VS Code', function () {
  this.timeout(60000);
  let api: RecapApi;
  const post = () => workspaceUri('content', 'posts', '2024-08-01-shortcodes.md');

  before(async () => {
    api = await recapApi();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('"Open Preview to the Side" shows the post as the blog will: header card, site images, shortcodes, strict CSP', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(post()));
    await vscode.commands.executeCommand('recap.openPreviewToSide');
    const hooks = api.testing.preview;
    const html = await waitFor('the preview HTML', () => hooks.current?.html.includes('recap-header') && hooks.current.html);
    assert.equal(hooks.current?.uri.toString(), editor.document.uri.toString());
    // Header card from the front matter, not the front matter as text.
    assert.match(html, /<header class="recap-header[^"]*"[\s\S]*Post 8, with mistakes/);
    assert.ok(!html.includes('summary: &quot;Every body check'), 'front matter is not rendered as text');
    // The image shortcode became a figure whose image loads from static/ through a webview URI.
    const image = /<img[^>]*src="([^"]*jose-intro\.webp)"/.exec(html);
    assert.ok(image, 'the image shortcode renders an <img>');
    assert.match(image[1], /^https:\/\/.*(vscode-resource|vscode-cdn)/, `webview resource URI, got ${image[1]}`);
    assert.match(decodeURIComponent(image[1]), /static\/blog\/fosdem-2025\/jose-intro\.webp/);
    // A shortcode nobody defines is shown, labelled, not dropped.
    assert.match(html, /recap-shortcode-unknown[\s\S]*imgae/);
    // Raw HTML is kept but no document script can run: CSP with a nonce, one script (ours).
    assert.match(html, /Content-Security-Policy" content="default-src 'none';[^"]*script-src 'nonce-[A-Za-z0-9]+'/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<script nonce="[A-Za-z0-9]+" src="[^"]*media\/preview\.js"/);
    // Source lines for scroll sync.
    assert.match(html, /data-line="\d+"/);
  });

  it("VS Code's own Markdown preview renders a post's shortcodes with the site's images, and leaves a README's as text", async () => {
    const known = api.testing.builtinPreview;
    const render = async (uri: vscode.Uri) => {
      const document = await vscode.workspace.openTextDocument(uri);
      // The first render asks in the background whether the file is a post; the next one knows.
      await vscode.commands.executeCommand<string>('markdown.api.render', document);
      await waitFor(`the post lookup of ${path.basename(uri.fsPath)}`, () => known.known(uri.fsPath));
      return vscode.commands.executeCommand<string>('markdown.api.render', document);
    };
    const html = await render(post());
    assert.match(html, /<figure class="recap-figure[^"]*"[^>]*><img src="[^"]*static\/blog\/fosdem-2025\/jose-intro\.webp"/);
    assert.match(html, /recap-shortcode-unknown[\s\S]*imgae/);
    assert.ok(!html.includes('{{&lt; image'), 'the image shortcode is rendered, not shown as text');
    const readme = await render(workspaceUri('README.md'));
    assert.match(readme, /\{\{&lt; figure src=&quot;\/blog\/cover-1\.webp&quot; alt=&quot;A cover&quot; &gt;\}\}/);
    assert.ok(!readme.includes('<figure'), 'a README is not a post: its shortcodes stay text');
  });

  it('an edit in the editor reaches the panel as a body update', async () => {
    const editor = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === post().toString());
    assert.ok(editor);
    const hooks = api.testing.preview;
    const before = hooks.posted.length;
    await editor.edit(edit => edit.insert(new vscode.Position(editor.document.lineCount, 0), '\n## Sunday in the preview\n'));
    const update = await waitFor('an update message', () => hooks.posted.slice(before).find((m): m is { type: string; bodyHtml: string } => (m as { type?: string }).type === 'update' && String((m as { bodyHtml?: string }).bodyHtml).includes('Sunday in the preview')));
    assert.match(update.bodyHtml, /<h2[^>]*data-line="\d+"[^>]*>Sunday in the preview<\/h2>|<h2[^>]*>Sunday in the preview/);
  });

  it('a locked preview stays on its post; unlocked it follows the active post', async () => {
    const hooks = api.testing.preview;
    const preview = hooks.current;
    assert.ok(preview);
    const before = hooks.posted.length;
    await vscode.commands.executeCommand('recap.togglePreviewLock');
    assert.equal(preview.isLocked, true);
    assert.match(preview.panel.title, /^\[Locked\] Recap: /);
    // The page keeps the lock in its state, for a reload.
    const state = await waitFor('the state message', () => hooks.posted.slice(before).find((m): m is { type: string; state: { uri: string; locked: boolean } } => (m as { type?: string }).type === 'state'));
    assert.deepEqual(state.state, { uri: post().toString(), locked: true });
    const other = workspaceUri('content', 'posts', '2025-02-14-fosdem-2025.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(other), vscode.ViewColumn.One);
    await new Promise(resolve => setTimeout(resolve, 500));
    assert.equal(preview.uri.toString(), post().toString(), 'locked: still the first post');
    await vscode.commands.executeCommand('recap.togglePreviewLock');
    assert.equal(preview.isLocked, false);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(post()), vscode.ViewColumn.One);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(other), vscode.ViewColumn.One);
    await waitFor('the preview following the active post', () => preview.uri.toString() === other.toString() && preview.html.includes('FOSDEM 2025'));
  });

  it('after a window reload the panel comes back on its post, still locked', async () => {
    const hooks = api.testing.preview;
    const serializer = hooks.serializer;
    assert.ok(serializer);
    const restoredPost = workspaceUri('content', 'posts', '2024-08-01-shortcodes.md');
    // What VS Code does on reload: a new panel of our view type, and the state the page saved.
    const panel = vscode.window.createWebviewPanel('recap.preview', 'Recap', vscode.ViewColumn.Two, { enableScripts: true });
    await serializer.deserializeWebviewPanel(panel, { uri: restoredPost.toString(), locked: true });
    const restored = await waitFor('the restored preview', () => hooks.current?.panel === panel && hooks.current);
    assert.equal(restored.uri.toString(), restoredPost.toString());
    assert.equal(restored.isLocked, true);
    assert.match(restored.html, /recap-header[\s\S]*Post 8, with mistakes/);
    // The page carries the state VS Code will hand back after the next reload.
    assert.match(restored.html, /data-state="\{&quot;uri&quot;:&quot;file:[^"]*2024-08-01-shortcodes\.md&quot;,&quot;locked&quot;:true\}"/);
    panel.dispose();
  });

  it('latency: edit → posted update on a 5,000-line post (figure for npm run bench)', async function () {
    this.timeout(120000);
    const hooks = api.testing.preview;
    // The sample recap, repeated to 5,000 lines, as a post of the site.
    const sample = readFileSync(path.join(EXTENSION_ROOT, 'test', 'fixtures', 'samples', 'fosdem-2025-victoriametrics.md'), 'utf8');
    const bodyStart = sample.indexOf('\n---', 4) + 5;
    const lines = [sample.slice(0, bodyStart).trimEnd()];
    while (lines.join('\n').split('\n').length < 5000) lines.push(sample.slice(bodyStart));
    const file = workspaceUri('content', 'posts', 'latency-long.md');
    writeFileSync(file.fsPath, lines.join('\n').split('\n').slice(0, 5000).join('\n'));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file), vscode.ViewColumn.One);
    await vscode.commands.executeCommand('recap.openPreviewToSide');
    await waitFor('the long post in the preview', () => hooks.current?.uri.toString() === file.toString() && hooks.current.html.includes('recap-header'));
    if (hooks.current?.isLocked) await vscode.commands.executeCommand('recap.togglePreviewLock');
    const first = hooks.latencies.length;
    for (let i = 0; i < 12; i++) {
      const marker = `Latency probe ${i}`;
      await editor.edit(edit => edit.insert(new vscode.Position(editor.document.lineCount, 0), `\n${marker}\n`));
      await waitFor(`update ${i}`, () => hooks.posted.some(m => (m as { type?: string }).type === 'update' && String((m as { bodyHtml?: string }).bodyHtml).includes(marker)));
    }
    // The first two warm the renderer up; the figure is the median of the rest.
    const samples = hooks.latencies.slice(first + 2);
    assert.ok(samples.length >= 8, `${samples.length} latency samples`);
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const delay = vscode.workspace.getConfiguration('recap').get<number>('preview.delay', 150);
    const figure = { vscode: vscode.version, lines: editor.document.lineCount, delay, total: median(samples.map(s => s.total)), render: median(samples.map(s => s.render)), post: median(samples.map(s => s.post)), samples: samples.length };
    console.log(`      edit → posted update: ${figure.total.toFixed(0)} ms (debounce ${delay} ms, render ${figure.render.toFixed(0)} ms, postMessage ${figure.post.toFixed(0)} ms), ${figure.lines} lines, VS Code ${figure.vscode}`);
    mkdirSync(path.join(EXTENSION_ROOT, 'test-results'), { recursive: true });
    writeFileSync(path.join(EXTENSION_ROOT, 'test-results', 'preview-latency.json'), JSON.stringify(figure, null, 2));
    assert.ok(figure.total >= delay, 'the update waits for the debounce');
  });

  it('scroll sync: the editor scrolling moves the page, the page scrolling and a double-click move the editor', async () => {
    // The long post of the latency test: long enough to scroll.
    const long = workspaceUri('content', 'posts', 'latency-long.md');
    const preview = api.testing.preview.current;
    const editor = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === long.toString());
    assert.ok(preview && editor && preview.uri.toString() === long.toString());
    const hooks = api.testing.preview;
    // Editor → page: the panel is told which source line is now at the top.
    const target = 200;
    let before = hooks.posted.length;
    editor.revealRange(new vscode.Range(target, 0, target, 0), vscode.TextEditorRevealType.AtTop);
    const scroll = await waitFor('a scrollTo message', () => hooks.posted.slice(before).find((m): m is { type: string; line: number } => (m as { type?: string }).type === 'scrollTo'));
    assert.ok(Math.abs(scroll.line - editor.visibleRanges[0].start.line) <= 1, `scrollTo ${scroll.line}, editor at ${editor.visibleRanges[0].start.line}`);
    // Page → editor: the page reports the line at its top, the editor reveals it (and does not echo it back).
    await editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    await new Promise(resolve => setTimeout(resolve, 400));
    before = hooks.posted.length;
    await preview.receive({ type: 'revealLine', line: 120.5 });
    // Line 120 at the top, below the (up to five) sticky-scroll headings VS Code keeps there.
    await waitFor('the editor scrolled to line 120', () => { const start = editor.visibleRanges[0]?.start.line ?? 0; return start <= 120 && start >= 114; })
      .catch(error => { throw new Error(`${error.message}; the editor shows ${editor.visibleRanges.map(r => `${r.start.line}-${r.end.line}`).join(', ')}`); });
    await new Promise(resolve => setTimeout(resolve, 200));
    assert.ok(!hooks.posted.slice(before).some(m => (m as { type?: string }).type === 'scrollTo'), 'no scroll ping-pong');
    // Double-click in the page: the cursor goes to that source line.
    await preview.receive({ type: 'openLine', line: 307 });
    await waitFor('the cursor on line 307', () => vscode.window.activeTextEditor?.document.uri.toString() === long.toString() && vscode.window.activeTextEditor.selection.active.line === 307);
  });
  it('recap.preview.styles adds the site\'s CSS; recap.preview.emoji follows the site unless set', async () => {
    const hooks = api.testing.preview;
    const config = vscode.workspace.getConfiguration('recap');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(post()), vscode.ViewColumn.One);
    await vscode.commands.executeCommand('recap.openPreviewToSide');
    const preview = await waitFor('the preview on the post', () => hooks.current?.uri.toString() === post().toString() && hooks.current.html.includes('recap-header') && hooks.current);
    try {
      await config.update('preview.styles', ['static/site.css'], vscode.ConfigurationTarget.Workspace);
      await waitFor('the site stylesheet in the page', () => /<link rel="stylesheet" href="https:[^"]*static\/site\.css">/.test(preview.html));
      const editor = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === post().toString());
      assert.ok(editor);
      const emojiIn = async (marker: string) => {
        await editor.edit(edit => edit.insert(new vscode.Position(editor.document.lineCount, 0), `\n${marker} :joy:\n`));
        const update = await waitFor(`the update with ${marker}`, () => hooks.posted.find((m): m is { type: string; bodyHtml: string } => (m as { type?: string }).type === 'update' && String((m as { bodyHtml?: string }).bodyHtml).includes(marker)));
        return update.bodyHtml.includes('😂');
      };
      // The fixture site's hugo.toml does not set enableEmoji: `auto` leaves `:joy:` as text.
      assert.equal(await emojiIn('Emoji auto'), false);
      await config.update('preview.emoji', 'always', vscode.ConfigurationTarget.Workspace);
      assert.equal(await emojiIn('Emoji always'), true);
    } finally {
      await config.update('preview.styles', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('preview.emoji', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
