// The Recap preview as a user meets it: open it beside a post, see the header card, the site's images
// (through the webview's resource URIs), rendered shortcodes and a strict CSP; type in the editor and
// see the update reach the panel.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RecapApi } from '../../src/extension';
import { recapApi, waitFor as waitWithin, workspaceUri } from './helpers';

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

  it('an edit in the editor reaches the panel as a body update', async () => {
    const editor = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === post().toString());
    assert.ok(editor);
    const hooks = api.testing.preview;
    const before = hooks.posted.length;
    await editor.edit(edit => edit.insert(new vscode.Position(editor.document.lineCount, 0), '\n## Sunday in the preview\n'));
    const update = await waitFor('an update message', () => hooks.posted.slice(before).find((m): m is { type: string; bodyHtml: string } => (m as { type?: string }).type === 'update' && String((m as { bodyHtml?: string }).bodyHtml).includes('Sunday in the preview')));
    assert.match(update.bodyHtml, /<h2[^>]*data-line="\d+"[^>]*>Sunday in the preview<\/h2>|<h2[^>]*>Sunday in the preview/);
  });
});
