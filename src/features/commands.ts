// Recap's commands, declared as data: id → handler. Titles and categories live in package.json (package.nls.*.json);
// what the commands say goes through vscode.l10n (l10n/bundle.l10n.*.json).
import * as path from 'pathe';
import * as vscode from 'vscode';
import type { PostChecker } from './diagnostics';
import { toWorkspaceEdit } from './codeActions';
import { servicePath, serviceUri, workspaceFileHost, workspaceSites, type Sites } from './sites';

async function addFrontMatter(sites: Sites): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Recap: open a Markdown post first.'));
    return;
  }
  // The command's code is loaded on first use, not at activation.
  const [{ resolveConfig }, { isoDay }, { escapeSnippetText }, { parseFrontMatter }, { insertFieldEdit, formatValue }, { titleFromBody }, { presetFor }] = await Promise.all([
    import('../core/site/config'), import('../core/frontmatter/dates'), import('../core/lint/findings'), import('../core/frontmatter/parse'),
    import('../core/frontmatter/edits'), import('../core/frontmatter/rules'), import('../core/site/site'),
  ]);
  const document = editor.document;
  const text = document.getText();
  const parsed = parseFrontMatter(text);
  const file = servicePath(document.uri);
  const site = file !== undefined ? await sites.siteFor(file) : undefined;
  const config = resolveConfig({ detectedPreset: presetFor(site), file: site?.config });
  const today = isoDay(new Date());
  if (!parsed.block) {
    // A snippet: the title is selected so the author can type over it; one undo removes it all.
    const title = titleFromBody(text, file) || vscode.l10n.t({ message: 'Title', comment: 'The placeholder title of a new post’s front matter, selected for the author to type over.' });
    const extra = Object.entries(config.schema.fields)
      .filter(([key, spec]) => spec.required && key !== 'title' && key !== 'date')
      .map(([key, spec], index) => `${key}: ${spec.type === 'string[]' || spec.type === 'list' ? `[$${index + 3}]` : `$${index + 3}`}`);
    const eol = parsed.eol;
    const lines = ['---', `title: \${1:${escapeSnippetText(formatValue('yaml', title))}}`, `date: \${2:${today}}`, ...extra, '---', '', '$0'];
    const at = text.charCodeAt(0) === 0xfeff ? document.positionAt(1) : new vscode.Position(0, 0);
    await editor.insertSnippet(new vscode.SnippetString(lines.join(eol) + (text.length > 0 ? eol : '')), at);
    return;
  }
  if (!parsed.block.closed || parsed.problems.length > 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Recap: fix the front matter’s syntax first (see the Problems panel).'));
    return;
  }
  const edits = Object.entries(config.schema.fields)
    .filter(([key, spec]) => spec.required && !parsed.fields.some(field => field.key === key))
    .map(([key, spec]) => insertFieldEdit(text, parsed, key, key === 'title' ? titleFromBody(text.slice(parsed.bodyStart)) : spec.type === 'date' ? today : spec.type.endsWith('[]') || spec.type === 'list' ? [] : '', { bareDate: spec.type === 'date' }))
    .filter((edit): edit is NonNullable<typeof edit> => edit !== undefined);
  if (edits.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Recap: this post already has front matter with every required key.'));
    return;
  }
  // All insertions happen at the same spot: merge them so their order is kept.
  const merged = { start: edits[0].start, end: edits[0].end, newText: edits.map(edit => edit.newText).join('') };
  await vscode.workspace.applyEdit(toWorkspaceEdit(document, [merged]));
}

async function checkWorkspace(sites: Sites, checker: PostChecker): Promise<void> {
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Recap: checking posts'), cancellable: true }, async (progress, token) => {
    let count = 0;
    let problems = 0;
    for (const site of await workspaceSites(sites)) {
      for (const file of await sites.postsOf(site)) {
        if (token.isCancellationRequested) return;
        const document = await vscode.workspace.openTextDocument(serviceUri(file));
        const analysis = await checker.checkNow(document);
        count++;
        problems += analysis?.findings.length ?? 0;
        progress.report({ message: path.basename(file) });
      }
    }
    const posts = count === 1 ? vscode.l10n.t('1 post') : vscode.l10n.t('{0} posts', count);
    const findings = problems === 1 ? vscode.l10n.t('1 finding') : vscode.l10n.t('{0} findings', problems);
    void vscode.window.showInformationMessage(vscode.l10n.t('Recap: checked {posts}, {findings} (see the Problems panel).', { posts, findings }));
  });
}

async function openSiteConfig(sites: Sites): Promise<void> {
  const editorFile = vscode.window.activeTextEditor?.document.uri;
  const editorPath = editorFile && servicePath(editorFile);
  const site = editorPath !== undefined ? await sites.siteFor(editorPath) : undefined;
  const folder = vscode.workspace.workspaceFolders?.[0];
  const root = site?.root ?? (folder && servicePath(folder.uri));
  if (!root) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Recap: open a folder first.'));
    return;
  }
  const [{ CONFIG_FILE_NAME }, { presetFor }] = await Promise.all([import('../core/site/config'), import('../core/site/site')]);
  const configPath = path.join(root, CONFIG_FILE_NAME);
  const uri = serviceUri(configPath);
  if (!(await workspaceFileHost.exists(configPath))) {
    const template = {
      $schema: 'https://conference-recap.invalid/recap.schema.json',
      preset: presetFor(site),
      frontMatter: { required: ['title', 'date'] },
      rules: {},
    };
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(`${JSON.stringify(template, null, 2)}\n`) });
    await vscode.workspace.applyEdit(edit);
  }
  await vscode.window.showTextDocument(uri);
}

export function registerCommands(context: vscode.ExtensionContext, sites: Sites, checker: PostChecker): void {
  const commands: Record<string, () => Promise<void>> = {
    'recap.addFrontMatter': () => addFrontMatter(sites),
    'recap.checkWorkspace': () => checkWorkspace(sites, checker),
    'recap.openSiteConfig': () => openSiteConfig(sites),
  };
  for (const [id, handler] of Object.entries(commands)) context.subscriptions.push(vscode.commands.registerCommand(id, handler));
}
