// The author's language, as a user meets it: the palette's commands, the walkthrough, a quick fix and a diagnostic
// speak the UI language. The whole suite runs in English; scripts/integration-tests.mjs runs this file once more
// with the UI language French (`--locale=fr`, RECAP_EXPECT_LANGUAGE=fr), as a French user's first run.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ROOT, open, recapDiagnostics, ruleOf, waitFor, workspaceUri } from './helpers';

const language = process.env.RECAP_EXPECT_LANGUAGE ?? 'en';
const readJson = (...parts: string[]): Record<string, unknown> => JSON.parse(readFileSync(path.join(EXTENSION_ROOT, ...parts), 'utf8')) as Record<string, unknown>;
/** The manifest's texts and the l10n bundle in the language under test (the English ones for English). */
const manifestTexts = readJson(language === 'en' ? 'package.nls.json' : `package.nls.${language}.json`) as Record<string, string>;
const bundle = language === 'en' ? {} : readJson('l10n', `bundle.l10n.${language}.json`) as Record<string, string>;

/** What vscode.l10n.t gives for `message` in the language under test, undefined when the bundle lacks it. */
function translated(message: string, ...args: string[]): string | undefined {
  const text = language === 'en' ? message : bundle[message];
  return text?.replace(/\{(\d+)\}/g, (whole, index: string) => args[Number(index)] ?? whole);
}

/** A contributed command's title as VS Code hands it to the palette (`{ value, original }` once localised). */
function titleOf(command: { title: string | { value: string } }): string {
  return typeof command.title === 'string' ? command.title : command.title.value;
}

describe(`the author's language (${language})`, function () {
  this.timeout(120000);

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it(`VS Code runs with the UI language ${language}`, () => {
    assert.equal(vscode.env.language.split('-')[0], language);
  });

  it('the palette lists the commands in that language (package.nls.*.json)', () => {
    const extension = vscode.extensions.all.find(e => e.packageJSON.name === 'conference-recap');
    assert.ok(extension);
    const commands = (extension.packageJSON as { contributes: { commands: { command: string; title: string | { value: string } }[] } }).contributes.commands;
    for (const command of commands) assert.equal(titleOf(command), manifestTexts[`${command.command}.title`], command.command);
    const insertTalk = commands.find(c => c.command === 'recap.insertTalk');
    assert.ok(insertTalk);
    assert.equal(titleOf(insertTalk), { en: 'Insert FOSDEM Talk…', fr: 'Insérer une conférence FOSDEM…', de: 'FOSDEM-Vortrag einfügen…' }[language]);
  });

  it('the walkthrough is in that language (package.nls.*.json), as VS Code hands the manifest to the extension host', () => {
    type Walkthrough = { id: string; title: string; description: string; steps: { id: string; title: string; description: string }[] };
    const source = (readJson('package.json') as { contributes: { walkthroughs: Walkthrough[] } }).contributes.walkthroughs;
    const extension = vscode.extensions.all.find(e => e.packageJSON.name === 'conference-recap');
    assert.ok(extension);
    const shown = (extension.packageJSON as { contributes: { walkthroughs: Walkthrough[] } }).contributes.walkthroughs;
    const text = (value: string): string | undefined => manifestTexts[value.replace(/^%(.+)%$/, '$1')];
    assert.equal(shown.length, source.length);
    for (const [index, walkthrough] of source.entries()) {
      assert.equal(shown[index].title, text(walkthrough.title), `${walkthrough.id}: title`);
      assert.equal(shown[index].description, text(walkthrough.description), `${walkthrough.id}: description`);
      for (const [at, step] of walkthrough.steps.entries()) {
        assert.equal(shown[index].steps[at].title, text(step.title), `${walkthrough.id}#${step.id}: title`);
        assert.equal(shown[index].steps[at].description, text(step.description), `${walkthrough.id}#${step.id}: description`);
      }
    }
    assert.equal(shown[0].title, { en: 'Write a Conference Recap', fr: 'Rédiger un compte rendu de conférence', de: 'Einen Konferenzbericht schreiben' }[language]);
  });

  it('the extension’s own actions speak it (vscode.l10n): “Fix all safe Recap problems”', async () => {
    const uri = workspaceUri('content', 'posts', 'broken.md');
    const editor = await open(uri);
    await waitFor('diagnostics on broken.md', () => recapDiagnostics(uri).length > 0);
    const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, whole, 'source.fixAll.recap');
    const expected = translated('Fix all safe Recap problems');
    assert.ok(expected && (language === 'en' || expected !== 'Fix all safe Recap problems'), 'the bundle translates it');
    assert.deepEqual(actions.map(action => action.title), [expected]);
  });

  it('a diagnostic and its quick fix are in that language (the core’s messages through @vscode/l10n)', async () => {
    const message = 'This post has no front matter (title, date …).';
    const fixTitle = 'Add front matter';
    const expectedMessage = translated(message);
    const expectedFix = translated(fixTitle);
    assert.ok(expectedMessage !== undefined && expectedFix !== undefined, `l10n/bundle.l10n.${language}.json translates the core's messages`);
    if (language !== 'en') assert.ok(expectedMessage !== message && expectedFix !== fixTitle, 'the bundle translates them');
    const uri = workspaceUri('content', 'posts', 'no-front-matter.md');
    const editor = await open(uri);
    const diagnostic = await waitFor('the frontmatter/missing diagnostic', () => recapDiagnostics(uri).find(d => ruleOf(d) === 'frontmatter/missing'));
    assert.equal(diagnostic.message, expectedMessage);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(actions.some(action => action.title === expectedFix), `“${expectedFix}” among ${actions.map(a => a.title).join(', ')}`);
    assert.equal(editor.document.uri.toString(), uri.toString());
  });
});
