// "Recap: New Recap Post…" as a user runs it: pick "Calendar export", give the FOSDEM companion app bookmarks
// export (5 talks of the real 2025 schedule and one the schedule does not have), group by day, accept the path the
// site's posts suggest, and get the post with every talk linked, in one undo. Then a post that links a talk whose
// recording and slides the schedule has, without linking them, gets talk/recording-available and its fix.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ROOT, recapApi, ruleOf, waitFor, workspaceUri } from './helpers';

const SCHEDULES = path.join(EXTENSION_ROOT, 'test', 'fixtures', 'schedules');
const BOOKMARKS = vscode.Uri.file(path.join(EXTENSION_ROOT, 'test', 'fixtures', 'ical', 'fosdem-2025-bookmarks.ics'));
const MONITORING = 'https://fosdem.org/2025/schedule/event/fosdem-2025-5388-how-to-monitor-the-monitoring/';

describe('New Recap Post', function () {
  this.timeout(150000);
  let api: Awaited<ReturnType<typeof recapApi>>;
  const created: vscode.Uri[] = [];

  before(async () => {
    // FOSDEM's schedules from the repository's files (no network): an entry named FOSDEM replaces fosdem.org.
    await vscode.workspace.getConfiguration('recap').update('schedules', [{ name: 'FOSDEM', url: path.join(SCHEDULES, 'fosdem-{year}-schedule.xml') }], vscode.ConfigurationTarget.Workspace);
    api = await recapApi();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created) await vscode.workspace.fs.delete(uri, { recursive: true }).then(undefined, () => undefined);
    await vscode.workspace.getConfiguration('recap').update('schedules', undefined, vscode.ConfigurationTarget.Workspace);
    api.testing.newRecapPost.openDialog = undefined;
  });

  /** Waits for the pick on screen whose items satisfy `ready`, highlights the one `choose` names and accepts it. */
  async function answerPick(what: string, choose: (item: vscode.QuickPickItem) => boolean) {
    const hooks = api.testing.newRecapPost;
    const pick = await waitFor(what, () => hooks.activeQuickPick?.items.some(choose) && hooks.activeQuickPick);
    const item = pick.items.find(choose) as vscode.QuickPickItem;
    pick.activeItems = [item];
    pick.selectedItems = [item];
    hooks.accept?.();
    await waitFor(`${what} to close`, () => hooks.activeQuickPick !== pick);
  }

  it('makes the post from a companion app bookmarks export: every talk linked, the unknown entry reported, one undo', async () => {
    const hooks = api.testing.newRecapPost;
    hooks.openDialog = async () => [BOOKMARKS];
    hooks.last = undefined;
    const done = vscode.commands.executeCommand('recap.newRecapPost');
    await answerPick('the source pick', item => item.label.includes('Calendar export'));
    await answerPick('the grouping pick', item => item.label === 'By day');
    const box = await waitFor('the path box', () => (hooks.activeInputBox?.value ? hooks.activeInputBox : undefined));
    // Named like the site's posts: content/posts/YYYY-MM-DD-<title>.md, the title from its "FOSDEM 2025 recap".
    assert.match(box.value, /^content\/posts\/\d{4}-\d\d-\d\d-fosdem-2025-recap(-\d+)?\.md$/);
    hooks.accept?.();
    await done;
    const last = await waitFor('the post', () => hooks.last);
    created.push(last.uri);
    assert.deepEqual(last.matches.unmatched.map(u => u.reason), ['no talk "fosdem-2025-99999-a-talk-that-was-never-scheduled" in FOSDEM 2025']);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.fsPath, last.uri.fsPath);
    const text = editor.document.getText();
    assert.match(text, /^---\ntitle: "FOSDEM 2025 recap"\n/);
    const headings = [...text.matchAll(/^### \[[^\]]+\]\((https:\/\/fosdem\.org\/2025\/schedule\/event\/[^)]+)\)$/gm)].map(m => m[1]);
    assert.deepEqual(headings, last.matches.talks.map(t => t.url));
    assert.equal(headings.length, 5);
    assert.ok(text.includes('[Karen Sandler](https://fosdem.org/2025/schedule/speaker/karen_sandler/) and [Alanna Rutherford]'));
    assert.ok(text.includes('## Sunday 2 February'));
    // The snippet's first tab stop is the title.
    assert.equal(editor.document.getText(editor.selection), 'FOSDEM 2025 recap');
    // One snippet: one undo empties the new file again.
    await vscode.commands.executeCommand('undo');
    await waitFor('the undo', () => editor.document.getText() === '');
    await vscode.commands.executeCommand('redo');
    await waitFor('the redo', () => editor.document.getText().length > 1000);
    await editor.document.save();
  });

  it('a post linking a talk that has a recording, without the recording: talk/recording-available and its fix', async () => {
    const uri = workspaceUri('content', 'posts', '2025-03-01-recordings.md');
    created.push(uri);
    const text = `---\ntitle: "FOSDEM 2025: what I missed"\ndate: 2025-03-01\ndraft: true\nauthors: ["Jose Gomez-Selles"]\ntags: [fosdem]\ncategories: [conferences]\nimages: ["/blog/cover-1.webp"]\nsummary: "Talks to watch."\n---\n\n- [How to monitor the monitoring](${MONITORING}) by [Roman Khavronenko](https://fosdem.org/2025/schedule/speaker/roman_khavronenko/)\n`;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const finding = await waitFor('talk/recording-available', () => vscode.languages.getDiagnostics(uri).find(d => ruleOf(d) === 'talk/recording-available'));
    assert.equal(finding.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(editor.document.getText(finding.range), MONITORING);
    assert.match(finding.message, /now has a recording and slides of "How to monitor the monitoring"/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, finding.range);
    const fix = actions.find(action => action.title === 'Add recording and slides links');
    assert.ok(fix?.edit, `the fix is offered: ${actions.map(a => a.title).join(', ')}`);
    await vscode.workspace.applyEdit(fix.edit);
    const line = editor.document.lineAt(11).text;
    assert.ok(line.endsWith('([slides](https://fosdem.org/2025/events/attachments/fosdem-2025-5388-how-to-monitor-the-monitoring/slides/238820/Monitorin_pO6DFG2.pdf), [video](https://video.fosdem.org/2025/ud2120/fosdem-2025-5388-how-to-monitor-the-monitoring.av1.webm))'), line);
    await waitFor('the finding to go', () => !vscode.languages.getDiagnostics(uri).some(d => ruleOf(d) === 'talk/recording-available'));
    await editor.document.save();
  });
});
