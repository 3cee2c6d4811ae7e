// Hugo-aware writing as a user meets it in VS Code: type `{{<` and pick a shortcode, complete an image
// path under static/, see a missing alt text flagged and fixed with one click, Ctrl+click an image
// path, drop an image into a post, and get the same findings from `recap check` as in the editor.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ROOT, open, recapApi as api, recapDiagnostics, ruleOf, waitFor, workspaceRoot, workspaceUri } from './helpers';

const CLI = path.join(EXTENSION_ROOT, 'dist', 'cli.js');

const fileUri = workspaceUri;
const SHORTCODES_POST = ['content', 'posts', '2024-08-01-shortcodes.md'];
// A clean post no other suite edits: the completion tests type into it.
const PLAIN_POST = ['content', 'posts', '2024-05-01-post-5.md'];

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
const insertTextOf = (item: vscode.CompletionItem) => (item.insertText instanceof vscode.SnippetString ? item.insertText.value : item.insertText ?? labelOf(item));

/** Types `text` at the end of the document and asks for completions as the last character would. */
async function completeAfter(editor: vscode.TextEditor, text: string): Promise<vscode.CompletionItem[]> {
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  await editor.edit(builder => builder.insert(end, `\n${text}`));
  const position = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position, text.slice(-1));
  return list.items;
}

describe('Hugo shortcodes, images and links in VS Code', function () {
  this.timeout(120000);

  afterEach(async () => {
    // Every document this suite typed into goes back to its file, and its diagnostics with it, so the
    // other suites find the fixture as it is on disk.
    for (const document of vscode.workspace.textDocuments.filter(d => d.isDirty && d.uri.scheme === 'file')) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await waitFor(`${path.basename(document.uri.fsPath)} reverted`, () => !document.isDirty);
      await (await api()).testing.checker.checkNow(document);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('typing `{{<` offers the site\'s shortcodes and Hugo\'s, closed and with their parameters', async () => {
    const editor = await open(fileUri(...PLAIN_POST));
    const items = await completeAfter(editor, '{{<');
    const labels = items.map(labelOf);
    for (const name of ['image', 'note', 'talk', 'speaker', 'figure', 'relref', 'youtube']) assert.ok(labels.includes(name), `${name} offered among ${labels.join(', ')}`);
    const image = items.find(item => labelOf(item) === 'image')!;
    assert.ok(image.insertText instanceof vscode.SnippetString, 'inserted as a snippet');
    assert.match(insertTextOf(image), /^ image href="\$\{1\}" alt="\$\{2\}".* >\}\}$/);
    // `note` reads .Inner: it gets its closing tag.
    assert.match(insertTextOf(items.find(item => labelOf(item) === 'note')!), /^ note.* >\}\}\n\$0\n\{\{< \/note >\}\}$/);
    // The site's shortcodes come first.
    const sorted = [...items].sort((a, b) => (a.sortText ?? labelOf(a)).localeCompare(b.sortText ?? labelOf(b)));
    assert.deepEqual(sorted.slice(0, 4).map(labelOf).sort(), ['image', 'note', 'speaker', 'talk']);

  });

  it('inside a shortcode, its parameters are offered', async () => {
    const editor = await open(fileUri(...PLAIN_POST));
    const items = await completeAfter(editor, '{{< image href="/blog/cover-1.webp" ');
    const labels = items.map(labelOf);
    assert.ok(labels.includes('alt'), `alt offered among ${labels.join(', ')}`);
    assert.ok(!labels.includes('href'), 'a parameter already given is not offered again');
  });

  it('inside `href="/blog/` the static files are offered, images first, with a preview', async () => {
    const editor = await open(fileUri(...PLAIN_POST));
    const items = await completeAfter(editor, '{{< image href="/blog/');
    const labels = items.map(labelOf);
    assert.ok(labels.includes('cover-1.webp'), `static images offered: ${labels.join(', ')}`);
    assert.ok(labels.includes('fosdem-2025/'), 'folders offered');
    assert.ok(labels.indexOf('cover-6.webp') < labels.indexOf('fosdem-2025/'), 'images before folders');
    const cover = items.find(item => labelOf(item) === 'cover-1.webp')!;
    assert.equal(cover.kind, vscode.CompletionItemKind.File);
    assert.equal(insertTextOf(cover), '/blog/cover-1.webp');
    assert.equal(cover.detail, 'static/blog/cover-1.webp');
    const docs = cover.documentation;
    assert.ok(docs instanceof vscode.MarkdownString && docs.value.includes(vscode.Uri.file(path.join(workspaceRoot(), 'static', 'blog', 'cover-1.webp')).toString()), 'the documentation previews the image');
    assert.equal(items.find(item => labelOf(item) === 'fosdem-2025/')?.kind, vscode.CompletionItemKind.Folder);

    // A front-matter image field, in the middle of a value: the files again, replacing the old name.
    const inImages = editor.document.positionAt(editor.document.getText().indexOf('"/blog/cover-5') + '"/blog/'.length);
    const fields = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, inImages, '/');
    const fromField = fields.items.find(item => labelOf(item) === 'cover-1.webp');
    assert.ok(fromField, `front-matter image field completes: ${fields.items.map(labelOf).join(', ')}`);
    const replaced = fromField.range instanceof vscode.Range ? fromField.range : fromField.range?.replacing;
    assert.equal(replaced && editor.document.getText(replaced), '/blog/cover-5.webp');

    // `{{%` gets the `%}}` closer.
    const percent = await completeAfter(editor, '{{% ');
    assert.match(insertTextOf(percent.find(item => labelOf(item) === 'note')!), /^note.* %\}\}\n\$0\n\{\{% \/note %\}\}$/);

    // A relref target: the site's content files.
    const refs = await completeAfter(editor, 'See {{< relref "');
    assert.ok(refs.map(labelOf).includes('tech/2024-02-03-fosdem-2024-Jour-1'), `content files offered: ${refs.map(labelOf).join(', ')}`);
  });

  it('a README outside content gets no shortcode completions', async () => {
    const editor = await open(fileUri('README.md'));
    const items = await completeAfter(editor, '{{<');
    // Shortcodes are offered as functions; VS Code's own word suggestions (the README says "figure") are text.
    assert.deepEqual(items.filter(item => item.kind === vscode.CompletionItemKind.Function && ['image', 'note', 'talk', 'speaker', 'figure'].includes(labelOf(item))).map(labelOf), []);
  });

  it('the post with mistakes shows the body rules, and a missing alt is fixed with one click', async () => {
    const uri = fileUri(...SHORTCODES_POST);
    const editor = await open(uri);
    const diagnostics = await waitFor('body diagnostics', () => {
      const found = recapDiagnostics(uri);
      return found.some(d => ruleOf(d) === 'shortcode/relref-not-found') && found;
    });
    const rules = new Set(diagnostics.map(ruleOf));
    for (const rule of ['image/missing-alt', 'image/not-found', 'shortcode/relref-not-found', 'shortcode/unknown', 'shortcode/unclosed', 'link/no-scheme', 'text/mojibake']) assert.ok(rules.has(rule), `${rule} among ${[...rules].join(', ')}`);
    const notFound = diagnostics.find(d => ruleOf(d) === 'image/not-found' && editor.document.getText(d.range).includes('jose-intr.webp'));
    assert.ok(notFound, 'the misspelt image path is flagged where it is');

    const missingAlt = diagnostics.find(d => ruleOf(d) === 'image/missing-alt' && editor.document.getText(d.range).startsWith('{{< image'));
    assert.ok(missingAlt, 'the image shortcode without alt is flagged');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, missingAlt.range, vscode.CodeActionKind.QuickFix.value);
    const addAlt = actions.find(action => action.title === 'Add `alt=""`');
    assert.ok(addAlt?.edit, `an "Add alt" fix among ${actions.map(a => a.title).join(', ')}`);
    assert.ok(addAlt.isPreferred, 'it is the preferred fix');
    assert.ok(await vscode.workspace.applyEdit(addAlt.edit));
    const line = editor.document.lineAt(missingAlt.range.start.line).text;
    assert.equal(line, '{{< image href="/blog/fosdem-2025/jose-intro.webp" alt="" >}}');
    // The snippet leaves the cursor between the quotes.
    const cursor = editor.selection.active;
    assert.equal(cursor.line, missingAlt.range.start.line);
    assert.equal(line.slice(cursor.character - 5, cursor.character + 1), 'alt=""');
    await waitFor('the missing-alt diagnostic to go', () => !recapDiagnostics(uri).some(d => ruleOf(d) === 'image/missing-alt' && d.range.start.line === missingAlt.range.start.line));
  });

  it('an image path and a relref target are Ctrl+clickable', async () => {
    const uri = fileUri('content', 'posts', '2024-07-01-bundle', 'index.md');
    const editor = await open(uri);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', uri);
    const ours = links.filter(link => link.tooltip?.startsWith('Open '));
    const byText = new Map(ours.map(link => [editor.document.getText(link.range), link.target?.fsPath]));
    assert.equal(byText.get('tech/2024-02-03-fosdem-2024-Jour-1'), path.join(workspaceRoot(), 'content', 'tech', '2024-02-03-fosdem-2024-Jour-1.md'));
    assert.equal(byText.get('photo.jpg'), path.join(workspaceRoot(), 'content', 'posts', '2024-07-01-bundle', 'photo.jpg'));

    const post = fileUri(...SHORTCODES_POST);
    const shortcodes = await open(post);
    const postLinks = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', post);
    const intro = postLinks.find(link => shortcodes.document.getText(link.range) === '/blog/fosdem-2025/jose-intro.webp');
    assert.equal(intro?.target?.fsPath, path.join(workspaceRoot(), 'static', 'blog', 'fosdem-2025', 'jose-intro.webp'));
    const logo = postLinks.find(link => shortcodes.document.getText(link.range) === '/images/logo.png');
    assert.equal(logo?.target?.fsPath, path.join(workspaceRoot(), 'static', 'images', 'logo.png'));
  });

  it('`recap check` reports the same rules as the editor on the same file', async () => {
    const uri = fileUri(...SHORTCODES_POST);
    await open(uri);
    const diagnostics = await waitFor('body diagnostics', () => {
      const found = recapDiagnostics(uri);
      return found.some(d => ruleOf(d) === 'shortcode/relref-not-found') && found;
    });
    const run = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', path.join(...SHORTCODES_POST)], {
      cwd: workspaceRoot(), encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 30000,
    });
    assert.equal(run.status, 1, `recap check exits 1 on findings (stderr: ${run.stderr})`);
    const cli = JSON.parse(run.stdout) as { rule: string; line: number }[];
    assert.deepEqual([...new Set(cli.map(f => f.rule))].sort(), [...new Set(diagnostics.map(ruleOf))].sort());
    // The same places, too.
    assert.deepEqual(cli.map(f => `${f.rule}@${f.line}`).sort(), diagnostics.map(d => `${ruleOf(d)}@${d.range.start.line + 1}`).sort());
  });

  describe('dropping or pasting an image', () => {
    let recap: Awaited<ReturnType<typeof api>>;
    let scratch: string;
    const created: string[] = [];

    before(async () => {
      recap = await api();
      scratch = mkdtempSync(path.join(os.tmpdir(), 'recap-drop-'));
    });

    after(() => {
      for (const file of created) rmSync(file, { force: true });
      rmSync(scratch, { recursive: true, force: true });
    });

    const dropped = (...files: string[]) => {
      const transfer = new vscode.DataTransfer();
      transfer.set('text/uri-list', new vscode.DataTransferItem(files.map(file => vscode.Uri.file(file).toString()).join('\r\n')));
      return transfer;
    };

    async function drop(editor: vscode.TextEditor, transfer: vscode.DataTransfer): Promise<void> {
      const position = editor.document.lineAt(editor.document.lineCount - 1).range.end;
      const token = new vscode.CancellationTokenSource().token;
      const edit = await recap.testing.images.provideDocumentDropEdits(editor.document, position, transfer, token);
      assert.ok(edit, 'the drop is handled');
      const resolved = await recap.testing.images.resolveDocumentDropEdit(edit);
      if (resolved.additionalEdit) assert.ok(await vscode.workspace.applyEdit(resolved.additionalEdit));
      const snippet = resolved.insertText instanceof vscode.SnippetString ? resolved.insertText : new vscode.SnippetString(resolved.insertText);
      assert.ok(await editor.insertSnippet(snippet, position));
    }

    it('copies the file into the static folder under a new name and inserts the shortcode with the alt selected', async () => {
      const source = path.join(scratch, 'Stage Photo.PNG');
      writeFileSync(source, 'not really a png');
      const editor = await open(fileUri(...SHORTCODES_POST));
      await drop(editor, dropped(source));
      const target = path.join(workspaceRoot(), 'static', 'blog', 'shortcodes', 'stage-photo.png');
      created.push(target);
      assert.ok(existsSync(target), `copied into static/blog/<post slug>/; the post ends with ${editor.document.getText().slice(-200)}`);
      assert.equal(readFileSync(target, 'utf8'), 'not really a png');
      const last = editor.document.lineAt(editor.document.lineCount - 1).text;
      assert.equal(last, '{{< image href="/blog/shortcodes/stage-photo.png" alt="" >}}');
      assert.equal(editor.selection.active.character, last.indexOf('alt="') + 5, 'the cursor is in the alt text');

      // Again, on a line of its own: the first copy stays, the second gets its own name.
      await editor.edit(builder => builder.insert(editor.document.lineAt(editor.document.lineCount - 1).range.end, '\n'));
      await drop(editor, dropped(source));
      const second = path.join(workspaceRoot(), 'static', 'blog', 'shortcodes', 'stage-photo-1.png');
      created.push(second);
      assert.ok(existsSync(second));
      assert.equal(editor.document.lineAt(editor.document.lineCount - 1).text, '{{< image href="/blog/shortcodes/stage-photo-1.png" alt="" >}}');
    });

    it('puts the file beside a page bundle\'s index.md, and links a file already in static/ where it is', async () => {
      const source = path.join(scratch, 'devroom.jpg');
      writeFileSync(source, 'jpeg bytes');
      const editor = await open(fileUri('content', 'posts', '2024-07-01-bundle', 'index.md'));
      await drop(editor, dropped(source, path.join(workspaceRoot(), 'static', 'images', 'logo.png')));
      const target = path.join(workspaceRoot(), 'content', 'posts', '2024-07-01-bundle', 'devroom.jpg');
      created.push(target);
      assert.ok(existsSync(target), 'copied into the bundle');
      const text = editor.document.getText();
      assert.match(text, /\{\{< image href="devroom\.jpg" alt="" >\}\}\n\n\{\{< image href="\/images\/logo\.png" alt="" >\}\}$/);
    });

    it('leaves a README alone', async () => {
      const source = path.join(scratch, 'other.png');
      writeFileSync(source, 'png');
      const editor = await open(fileUri('README.md'));
      const edit = await recap.testing.images.provideDocumentDropEdits(editor.document, new vscode.Position(0, 0), dropped(source), new vscode.CancellationTokenSource().token);
      assert.equal(edit, undefined);
    });
  });
});
