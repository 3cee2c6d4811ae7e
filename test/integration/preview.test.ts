// The Recap preview as a user meets it: open it beside a post, see the header card, the site's images
// (through the webview's resource URIs), rendered shortcodes and a strict CSP; type in the editor and
// see the update reach the panel.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ROOT, recapApi, waitFor as waitWithin, workspaceUri } from './helpers';

/** The first render loads the renderer and indexes the site, on a machine that may be busy: allow 45 s. */
const waitFor = <T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>) => waitWithin(what, probe, 45000);

/** Keeps the extension host's thread busy for `ms`, as a loaded machine does: events queue up meanwhile. */
function blockExtensionHost(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) { /* busy */ }
}

const messagesOfType = <T>(messages: unknown[], type: string): T[] => messages.filter(m => (m as { type?: string }).type === type) as T[];

describe('Recap preview in VS Code', function () {
  this.timeout(120000);
  let api: Awaited<ReturnType<typeof recapApi>>;
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
    assert.match(html, /<script nonce="[A-Za-z0-9]+" src="[^"]*dist\/webview\/preview\.js"/);
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
    // The post's metadata shows once: VS Code's own front-matter table (1.121 and later, microsoft/vscode#316140)
    // or, where VS Code hides the front matter (1.120 and older), the header card.
    const metadata = (page: string) => (page.match(/<header class="recap-header/g) ?? []).length + (page.match(/class="frontmatter/g) ?? []).length;
    assert.equal(metadata(html), 1, html.slice(0, 600));
    // Which one, by what this VS Code's Markdown extension declares (the plugin itself looks at the rendering).
    const builtinMarkdown = vscode.extensions.getExtension('vscode.markdown-language-features')?.packageJSON as { contributes?: { configuration?: unknown } } | undefined;
    const vscodeRendersFrontMatter = JSON.stringify(builtinMarkdown?.contributes?.configuration ?? {}).includes('"markdown.preview.frontMatter"');
    assert.match(html, vscodeRendersFrontMatter ? /<table class="frontmatter"/ : /<header class="recap-header[\s\S]*Post 8, with mistakes/);
    assert.ok(!/<(p|h2)[^>]*>[^<]*summary: /.test(html), 'the front matter is not shown as text');
    // "show": the header card in place of whatever VS Code would show.
    const settings = vscode.workspace.getConfiguration('recap');
    await settings.update('builtinPreview.frontMatter', 'show', vscode.ConfigurationTarget.Workspace);
    try {
      const shown = await render(post());
      assert.equal(metadata(shown), 1);
      assert.match(shown, /<header class="recap-header[\s\S]*Post 8, with mistakes/);
    } finally {
      await settings.update('builtinPreview.frontMatter', undefined, vscode.ConfigurationTarget.Workspace);
    }
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
    // showTextDocument resolves once the extension host knows the new active editor, so the preview has
    // already seen the change it ignores.
    await waitFor('the other post active', () => vscode.window.activeTextEditor?.document.uri.toString() === other.toString());
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
    // The editor is near line 200 (above): revealing 120 scrolls it. (Waiting for it at the top first
    // raced with the live page, which may report its own position meanwhile.)
    before = hooks.posted.length;
    const reported: string[] = [];
    const recording = vscode.window.onDidChangeTextEditorVisibleRanges(event => {
      if (event.textEditor === editor) reported.push(event.visibleRanges.map(r => `${r.start.line}-${r.end.line}`).join(','));
    });
    await preview.receive({ type: 'revealLine', line: 120.5 });
    // A slow machine: the editor's report of its new position reaches the extension a second later.
    blockExtensionHost(1000);
    // Line 120 at the top, below the (up to five) sticky-scroll headings VS Code keeps there. The
    // editor's visible ranges change with the same event the preview listens to: once they show it,
    // the preview has heard of it too.
    await waitFor('the editor scrolled to line 120', () => { const start = editor.visibleRanges[0]?.start.line ?? 0; return start <= 120 && start >= 114; })
      .catch(error => { throw new Error(`${error.message}; the editor shows ${editor.visibleRanges.map(r => `${r.start.line}-${r.end.line}`).join(', ')}`); });
    recording.dispose();
    assert.deepEqual(messagesOfType(hooks.posted.slice(before), 'scrollTo'), [], `no scroll ping-pong: the late echo is not sent back to the page (the editor reported ${reported.join(' then ')})`);
    // The author then scrolls the editor: that is passed on.
    editor.revealRange(new vscode.Range(400, 0, 400, 0), vscode.TextEditorRevealType.AtTop);
    const followed = await waitFor('the page told to follow the author', () => messagesOfType<{ line: number }>(hooks.posted.slice(before), 'scrollTo')[0]);
    assert.ok(Math.abs(followed.line - 400) <= 6, `scrollTo ${followed.line}`);
    // Double-click in the page: the cursor goes to that source line.
    await preview.receive({ type: 'openLine', line: 307 });
    await waitFor('the cursor on line 307', () => vscode.window.activeTextEditor?.document.uri.toString() === long.toString() && vscode.window.activeTextEditor.selection.active.line === 307);
  });
  it('a restore on a slow machine: the author types before the first render lands, and the page still appears', async () => {
    const hooks = api.testing.preview;
    const serializer = hooks.serializer;
    assert.ok(serializer);
    const restoredPost = post();
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(restoredPost), vscode.ViewColumn.One);
    // Renders wait at a gate the test opens: the first render of the restored panel is still running
    // when the author's edit asks for an update.
    let renders = 0;
    let open!: () => void;
    const gate = new Promise<void>(resolve => { open = resolve; });
    hooks.beforeRender = () => { renders++; return gate; };
    const panel = vscode.window.createWebviewPanel('recap.preview', 'Recap', { viewColumn: vscode.ViewColumn.Two, preserveFocus: true }, { enableScripts: true });
    try {
      const restoring = serializer.deserializeWebviewPanel(panel, { uri: restoredPost.toString(), locked: true });
      await waitFor('the restore rendering', () => renders >= 1);
      await editor.edit(edit => edit.insert(new vscode.Position(editor.document.lineCount, 0), '\nTyped during the restore\n'));
      await waitFor('the edit asking for a render too', () => renders >= 2);
      open();
      await restoring;
      const restored = await waitFor('the restored page', () => hooks.current?.panel === panel && hooks.current.html.includes('recap-header') && hooks.current);
      assert.match(restored.html, /Typed during the restore/);
    } finally {
      hooks.beforeRender = undefined;
      open();
      panel.dispose();
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('a restored panel whose post is gone says so; one closed while restoring is dropped quietly', async () => {
    const hooks = api.testing.preview;
    const serializer = hooks.serializer;
    assert.ok(serializer);
    const gone = workspaceUri('content', 'posts', 'deleted-since.md');
    const missing = vscode.window.createWebviewPanel('recap.preview', 'Recap', { viewColumn: vscode.ViewColumn.Two, preserveFocus: true }, { enableScripts: true });
    let disposed = false;
    missing.onDidDispose(() => { disposed = true; });
    await serializer.deserializeWebviewPanel(missing, { uri: gone.toString(), locked: false });
    assert.equal(disposed, false, 'the panel stays, to say what happened');
    assert.match(missing.webview.html, /deleted-since\.md no longer exists/);
    missing.dispose();

    // Closed while its first render waits: no error, nothing posted to the dead webview.
    const errorsBefore = api.testing.errors.messages.length;
    let open!: () => void;
    const gate = new Promise<void>(resolve => { open = resolve; });
    let renders = 0;
    hooks.beforeRender = () => { renders++; return gate; };
    const closing = vscode.window.createWebviewPanel('recap.preview', 'Recap', { viewColumn: vscode.ViewColumn.Two, preserveFocus: true }, { enableScripts: true });
    try {
      const restoring = serializer.deserializeWebviewPanel(closing, { uri: post().toString(), locked: true });
      await waitFor('the restore rendering', () => renders >= 1);
      closing.dispose();
      open();
      await restoring;
      assert.deepEqual(api.testing.errors.messages.slice(errorsBefore), [], 'nothing logged as an error');
    } finally {
      hooks.beforeRender = undefined;
      open();
    }
  });

  it('a click in the page opens only what the render resolved: a relref target yes, a file the page names no', async () => {
    const hooks = api.testing.preview;
    const linking = workspaceUri('content', 'posts', 'relref-click.md');
    writeFileSync(linking.fsPath, '---\ntitle: Links\n---\nSee [the second post]({{< relref "2024-02-01-post-2.md" >}}).\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(linking), vscode.ViewColumn.One);
    await vscode.commands.executeCommand('recap.openPreviewToSide');
    const preview = await waitFor('the preview on the post', () => hooks.current?.uri.toString() === linking.toString() && hooks.current.html.includes('recap-header') && hooks.current);
    const target = /<a [^>]*href="([^"]*)"[^>]*data-source-file="([^"]*2024-02-01-post-2\.md)"/.exec(preview.html);
    assert.ok(target, 'the relref link carries the file the renderer resolved');
    const opened = () => vscode.workspace.textDocuments.map(d => d.uri.fsPath);
    // A post's raw HTML naming a file outside the site (the sanitizer drops such attributes; the extension does not trust them either).
    await preview.receive({ type: 'openLink', href: 'https://fosdem.org/', file: '/etc/passwd' });
    await preview.receive({ type: 'openLink', href: '#', file: workspaceUri('hugo.toml').fsPath });
    await preview.receive({ type: 'openLink', href: 'javascript:alert(1)' });
    assert.ok(!opened().includes('/etc/passwd') && !opened().includes(workspaceUri('hugo.toml').fsPath), 'no file the render did not resolve is opened');
    await preview.receive({ type: 'openLink', href: target[1].replace(/&amp;/g, '&'), file: target[2].replace(/&amp;/g, '&') });
    await waitFor('the relref target open', () => vscode.window.activeTextEditor?.document.uri.fsPath.endsWith('2024-02-01-post-2.md'));
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
