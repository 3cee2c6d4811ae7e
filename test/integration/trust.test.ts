// Restricted Mode, in the run of scripts/vscode-test/trustRun.mjs only: workspace trust is on and the fixture site
// opens untrusted. Its .vscode/settings.json, as a hostile repository's could, points `recap.schedules` (FOSDEM)
// and `recap.preview.styles` at a probe server that must never be contacted (the harness checks it saw nothing);
// the user's own settings name a schedule file. Posts are still checked and previewed, the folder's values are
// ignored, and the user is told why — once per setting, however much they type.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { recapApi, recapDiagnostics, ruleOf, waitFor, workspaceRoot, workspaceUri } from './helpers';

const PROBE = process.env.RECAP_TRUST_PROBE_ORIGIN ?? '';

describe('Restricted Mode: an untrusted folder', function () {
  this.timeout(120000);
  let api: Awaited<ReturnType<typeof recapApi>>;
  const post = () => workspaceUri('content', 'posts', '2025-02-14-fosdem-2025.md');
  const noticesAbout = (setting: string) => api.testing.trust.notices.filter(notice => notice.includes(`"${setting}"`));

  before(async function () {
    if (process.env.RECAP_WORKSPACE_TRUST !== '1' || !PROBE) this.skip(); // a normal run: the folder is trusted
    api = await recapApi();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens the folder untrusted, with the restricted settings named in its settings file', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the folder is in Restricted Mode');
    const folderSettings = readFileSync(path.join(workspaceRoot(), '.vscode', 'settings.json'), 'utf8');
    assert.ok(folderSettings.includes(`${PROBE}/{year}/schedule/xml`) && folderSettings.includes(`https://${PROBE}/site.css`), folderSettings);
  });

  it('ignores the folder’s values of the restricted settings, and only those (VS Code does: inspect() has no workspace value)', () => {
    const recap = vscode.workspace.getConfiguration('recap');
    const schedules = recap.inspect<{ name: string; url: string }[]>('schedules');
    assert.equal(schedules?.workspaceValue, undefined, 'the folder’s recap.schedules is dropped');
    assert.match(schedules?.globalValue?.[0]?.url ?? '', /fosdem-\{year\}-schedule\.xml$/, 'the user’s own value is kept');
    assert.deepEqual(recap.get('schedules'), schedules?.globalValue);
    const styles = recap.inspect<string[]>('preview.styles');
    assert.equal(styles?.workspaceValue, undefined, 'the folder’s recap.preview.styles is dropped');
    assert.deepEqual(recap.get('preview.styles'), []);
    // A setting that fetches nothing keeps the folder's value.
    assert.equal(recap.inspect<number>('validation.delay')?.workspaceValue, 50);
    const manifest = vscode.extensions.all.find(e => e.packageJSON.name === 'conference-recap')?.packageJSON as { capabilities?: { untrustedWorkspaces?: { restrictedConfigurations?: string[] } } };
    assert.deepEqual(manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations, ['recap.schedules', 'recap.preview.styles']);
  });

  it('checks a post against the user’s schedule, never the folder’s URL, and says why once', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(post()));
    const uri = editor.document.uri;
    // The talk checks ran, with FOSDEM 2025 read from the file the user's settings name.
    await waitFor('the talk checks', () => recapDiagnostics(uri).some(d => ruleOf(d) === 'talk/unknown-event'));
    const schedules = api.testing.schedules;
    assert.ok(schedules.conferences().every(conference => !conference.url.includes(PROBE)), JSON.stringify(schedules.conferences()));
    const loaded = schedules.ready(schedules.conference('FOSDEM'), 2025);
    assert.match(loaded?.source.url ?? '', /fosdem-2025-schedule\.xml$/);

    const [notice] = await waitFor('the notice about recap.schedules', () => noticesAbout('recap.schedules').length > 0 && noticesAbout('recap.schedules'));
    assert.match(notice, /not trusted/);
    // Typing re-checks the post (and reads the setting) again and again: the notice is not repeated.
    for (let i = 0; i < 5; i++) {
      const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
      assert.ok(await editor.edit(edit => edit.insert(end, ' more')));
      await api.testing.checker.checkNow(editor.document);
    }
    assert.ok(recapDiagnostics(uri).some(d => ruleOf(d) === 'talk/unknown-event'), 'the post is still checked');
    assert.equal(noticesAbout('recap.schedules').length, 1, 'told once');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('previews the post without the folder’s stylesheet, and says why once', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(post()));
    await vscode.commands.executeCommand('recap.openPreview');
    const html = await waitFor('the preview', () => api.testing.preview.current?.html.includes('FOSDEM 2025 recap') && api.testing.preview.current.html);
    assert.ok(!html.includes(PROBE), 'the folder’s stylesheet is not linked');
    const styleSources = (/style-src [^;"]*/.exec(html)?.[0] ?? '').split(/\s+/);
    assert.ok(styleSources.length > 1 && !styleSources.includes('https:'), `no remote stylesheet is allowed: ${styleSources.join(' ')}`);
    await waitFor('the notice about recap.preview.styles', () => noticesAbout('recap.preview.styles').length > 0);
    await api.testing.preview.current?.renderFull();
    assert.equal(noticesAbout('recap.preview.styles').length, 1, 'told once');
  });
});
