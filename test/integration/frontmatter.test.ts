// Front-matter validation as a user meets it in VS Code: open a post, see the diagnostics, apply a
// quick fix, type, complete, add a block with the command; a README gets nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { open, recapApi, recapDiagnostics, ruleOf, waitFor, workspaceUri } from './helpers';

const postUri = workspaceUri;

describe('front-matter validation in VS Code', function () {
  this.timeout(120000);

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a broken post shows located diagnostics with rule ids and documentation links', async () => {
    const uri = postUri('content', 'posts', 'broken.md');
    const editor = await open(uri);
    const diagnostics = await waitFor('diagnostics on broken.md', () => {
      const found = recapDiagnostics(uri);
      return found.length >= 4 && found;
    });
    const byRule = diagnostics.map(d => [ruleOf(d), editor.document.getText(d.range)]);
    assert.deepEqual(byRule.filter(([rule]) => !rule.startsWith('frontmatter/site-convention')), [
      ['frontmatter/date', '2025-02-30'],
      ['frontmatter/type', '"false"'],
      ['frontmatter/unknown-key', 'tag'],
      ['frontmatter/type', 'Roman Khavronenko'],
    ]);
    const date = diagnostics.find(d => ruleOf(d) === 'frontmatter/date');
    assert.equal(date?.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(date?.range.start.line, 3);
    assert.ok(typeof date?.code === 'object' && date.code.target.toString().includes('frontmatter'), 'the code links to the rule documentation');
    // Conventions learned from the six sibling posts of the fixture site.
    assert.ok(diagnostics.some(d => ruleOf(d) === 'frontmatter/site-convention' && d.message.includes('`images`')));
  });

  it('quick fixes repair values in place and keep comments', async () => {
    const uri = postUri('content', 'posts', 'broken.md');
    const editor = await open(uri);
    await waitFor('diagnostics', () => recapDiagnostics(uri).length > 0);
    const draft = editor.document.getText().indexOf('"false"');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(editor.document.positionAt(draft), editor.document.positionAt(draft + 7)), vscode.CodeActionKind.QuickFix.value);
    const change = actions.find(action => action.title === 'Change to false');
    assert.ok(change?.edit, `a "Change to false" fix among ${actions.map(a => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(change.edit));
    assert.match(editor.document.getText(), /^# keep this comment$/m);
    assert.match(editor.document.getText(), /^draft: false$/m);

    const tag = editor.document.getText().indexOf('tag:');
    const renames = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(editor.document.positionAt(tag), editor.document.positionAt(tag + 3)), vscode.CodeActionKind.QuickFix.value);
    const rename = renames.find(action => action.title === 'Rename to `tags`');
    assert.ok(rename?.edit);
    await vscode.workspace.applyEdit(rename.edit);
    await waitFor('the fixed diagnostics to go', () => !recapDiagnostics(uri).some(d => ruleOf(d) === 'frontmatter/unknown-key' || d.message.includes('`draft`')));
  });

  it('diagnostics follow typing, and undo brings the text back', async () => {
    const uri = postUri('content', 'posts', '2024-02-01-post-2.md');
    const editor = await open(uri);
    // Checked and published, however long that takes on this machine: then there is nothing.
    assert.ok(await (await recapApi()).testing.checker.checkNow(editor.document), 'the post was checked');
    assert.deepEqual(recapDiagnostics(uri), [], 'a clean post has no diagnostics');
    const date = editor.document.getText().indexOf('2024-02-01');
    await editor.edit(builder => builder.replace(new vscode.Range(editor.document.positionAt(date), editor.document.positionAt(date + 10)), '2024-02-31'));
    const diagnostic = await waitFor('a date diagnostic after typing', () => recapDiagnostics(uri).find(d => ruleOf(d) === 'frontmatter/date'));
    assert.match(diagnostic.message, /February 2024 has 29 days/);
    await vscode.commands.executeCommand('undo');
    await waitFor('the date diagnostic to go after undo', () => recapDiagnostics(uri).length === 0);
  });

  it('a README outside the content folder gets no recap diagnostics', async () => {
    const uri = postUri('README.md');
    const editor = await open(uri);
    assert.equal(await (await recapApi()).testing.checker.checkNow(editor.document), undefined, 'not a post: no analysis');
    assert.deepEqual(recapDiagnostics(uri), []);
  });

  it('completions offer keys and the site\'s tags, most used first', async () => {
    const uri = postUri('content', 'posts', '2024-03-01-post-3.md');
    const editor = await open(uri);
    const text = editor.document.getText();
    const inTags = editor.document.positionAt(text.indexOf('fosdem, ') + 'fosdem, '.length);
    const values = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, inTags);
    const labels = values.items.map(item => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(labels.includes('prometheus'), `site tags offered: ${labels.slice(0, 10).join(', ')}`);

    const end = editor.document.positionAt(text.indexOf('summary:'));
    await editor.edit(builder => builder.insert(end, 'ser\n'));
    const keys = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, end.translate(0, 3));
    assert.ok(keys.items.some(item => item.label === 'series'), 'schema keys offered');
  });

  it('"Recap: Add Front Matter" adds a block titled from the first heading', async () => {
    const uri = postUri('content', 'posts', 'no-front-matter.md');
    const editor = await open(uri);
    await waitFor('the missing front matter warning', () => recapDiagnostics(uri).some(d => ruleOf(d) === 'frontmatter/missing'));
    await vscode.commands.executeCommand('recap.addFrontMatter');
    const text = editor.document.getText();
    assert.match(text, /^---\ntitle: FOSDEM 2025 recap\ndate: \d{4}-\d{2}-\d{2}\n---\n/);
    assert.match(text, /# FOSDEM 2025 recap\n/);
    await waitFor('the warning to go', () => !recapDiagnostics(uri).some(d => ruleOf(d) === 'frontmatter/missing'));
  });

  it('source.fixAll.recap applies every safe fix at once', async () => {
    const uri = postUri('content', 'posts', 'broken.md');
    const editor = await open(uri);
    await waitFor('diagnostics', () => recapDiagnostics(uri).length > 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.recap');
    assert.equal(actions.length, 1);
    await vscode.workspace.applyEdit(actions[0].edit!);
    assert.match(editor.document.getText(), /^draft: false$/m);
    assert.match(editor.document.getText(), /^authors: \[Roman Khavronenko\]$/m);
    assert.match(editor.document.getText(), /^# keep this comment$/m);
  });
});
