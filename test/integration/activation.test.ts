// The extension is present, activates lazily on a Markdown file, and contributes its commands.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from './helpers';

const EXTENSION_ID = 'conference-recap.conference-recap';

describe('activation', () => {
  it('is installed, activates on a Markdown post and registers its commands', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder is open');
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(folder.uri.fsPath, 'content', 'posts', '2024-01-01-post-1.md')));
    await waitFor('activation by onLanguage:markdown', () => extension.isActive).catch(() => undefined);
    assert.equal(extension.isActive, true, 'activated by onLanguage:markdown');
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['recap.addFrontMatter', 'recap.checkWorkspace', 'recap.openSiteConfig']) assert.ok(commands.includes(command), command);
    const packageJson = extension.packageJSON as { activationEvents: string[] };
    assert.ok(!packageJson.activationEvents.includes('*'), 'never activates on *');
  });

  it('Check All Posts finds the site by its hugo.toml and checks the posts no editor has open', async function () {
    this.timeout(120000);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder is open');
    const broken = vscode.Uri.file(path.join(folder.uri.fsPath, 'content', 'posts', 'broken.md'));
    await vscode.commands.executeCommand('recap.checkWorkspace');
    const codes = vscode.languages.getDiagnostics(broken).filter(d => d.source === 'recap').map(d => typeof d.code === 'object' ? String(d.code.value) : String(d.code));
    assert.ok(codes.includes('frontmatter/date'), `broken.md checked: ${codes.join(', ')}`);
  });

  it('runs in the VS Code version under test', () => {
    console.log(`      VS Code ${vscode.version}, extension host on Node ${process.version}${vscode.env.remoteName ? ` (remote: ${vscode.env.remoteName})` : ''}`);
    assert.match(vscode.version, /^1\.\d+\.\d+/);
  });
});
