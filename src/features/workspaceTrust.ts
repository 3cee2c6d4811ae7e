// Restricted Mode. In a folder the user has not trusted, VS Code drops the folder's own values of the settings that
// package.json lists in `untrustedWorkspaces.restrictedConfigurations`: `recap.schedules` names addresses the
// extension would download from, `recap.preview.styles` stylesheets the preview would load. The checks and the
// preview keep working; the user's own values still apply. This module reads those settings for the features,
// tells the user — once per setting, with the trust editor one click away — that the folder's value waits for trust,
// and re-reads them when trust is granted.
import * as vscode from 'vscode';
import { logError } from './log';

/** The settings a hostile repository could use to make the extension fetch or load something (package.json lists the same). */
export const RESTRICTED_SETTINGS = ['recap.schedules', 'recap.preview.styles'] as const;
export type RestrictedSetting = typeof RESTRICTED_SETTINGS[number];

/** What the user was told, kept for the integration tests only (`ExtensionMode.Test`). */
export const trustTestHooks: { recording: boolean; notices: string[] } = { recording: false, notices: [] };

const MANAGE_TRUST = 'workbench.trust.manage';

/**
 * A restricted setting's value. VS Code already leaves out the folder's value in an untrusted folder; should a
 * folder value get through anyway (the manifest's list and RESTRICTED_SETTINGS drifting apart), only the user's
 * own value is used. In an untrusted folder whose settings name this one, the user is told why it is not used.
 */
export function restrictedSetting<T>(setting: RestrictedSetting, scope?: vscode.ConfigurationScope): T | undefined {
  const configuration = vscode.workspace.getConfiguration(undefined, scope);
  if (vscode.workspace.isTrusted) return configuration.get<T>(setting);
  notices.tellIfFolderNames(setting).catch(error => logError(`Telling why the folder's ${setting} is not used failed`, error));
  const inspected = configuration.inspect<T>(setting);
  if (inspected && (inspected.workspaceValue !== undefined || inspected.workspaceFolderValue !== undefined)) return inspected.globalValue ?? inspected.defaultValue;
  return configuration.get<T>(setting);
}

class RestrictedModeNotices implements vscode.Disposable {
  private readonly told = new Set<RestrictedSetting>();
  /** Which restricted settings the folder's settings files name; read once, again when one of them changes. */
  private named?: Promise<Set<string>>;
  private watcher?: vscode.FileSystemWatcher;

  async tellIfFolderNames(setting: RestrictedSetting): Promise<void> {
    if (this.told.has(setting) || vscode.workspace.isTrusted) return;
    if (!(await this.namedByFolder()).has(setting) || this.told.has(setting)) return;
    this.told.add(setting);
    const message = setting === 'recap.schedules'
      ? vscode.l10n.t('Recap: this folder is not trusted, so its "recap.schedules" setting is not used: it names schedules to download. Checks and the preview still work, and FOSDEM\'s schedule comes from fosdem.org (or your user settings). Trust the folder to use its schedules.')
      : vscode.l10n.t('Recap: this folder is not trusted, so its "recap.preview.styles" setting is not used: it names stylesheets for the preview to load. The preview works without them. Trust the folder to use its styles.');
    if (trustTestHooks.recording) trustTestHooks.notices.push(message);
    const manage = vscode.l10n.t('Manage Workspace Trust');
    if ((await vscode.window.showInformationMessage(message, manage)) === manage) await vscode.commands.executeCommand(MANAGE_TRUST);
  }

  private namedByFolder(): Promise<Set<string>> {
    if (!this.watcher) {
      // A settings file edited (or checked out) later may name a restricted setting it did not name before.
      this.watcher = vscode.workspace.createFileSystemWatcher('**/.vscode/settings.json');
      const forget = () => { this.named = undefined; };
      this.watcher.onDidCreate(forget);
      this.watcher.onDidChange(forget);
      this.watcher.onDidDelete(forget);
    }
    this.named ??= readNamedSettings();
    return this.named;
  }

  dispose(): void {
    this.watcher?.dispose();
  }
}

const notices = new RestrictedModeNotices();

/**
 * The restricted settings that the workspace file and the folders' `.vscode/settings.json` name. VS Code leaves
 * them out of the configuration (and of `inspect()`) in an untrusted folder, so the files are read here.
 */
async function readNamedSettings(): Promise<Set<string>> {
  const { parse } = await import('jsonc-parser');
  const named = new Set<string>();
  const workspaceFile = vscode.workspace.workspaceFile;
  const sources: { uri: vscode.Uri; settingsOf: (raw: unknown) => unknown }[] = [
    ...(vscode.workspace.workspaceFolders ?? []).map(folder => ({ uri: vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'), settingsOf: (raw: unknown) => raw })),
    ...(workspaceFile && workspaceFile.scheme !== 'untitled' ? [{ uri: workspaceFile, settingsOf: (raw: unknown) => isRecord(raw) ? raw.settings : undefined }] : []),
  ];
  await Promise.all(sources.map(async ({ uri, settingsOf }) => {
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return; // no settings file
    }
    const settings = settingsOf(parse(text, [], { allowTrailingComma: true }));
    for (const setting of RESTRICTED_SETTINGS) if (names(settings, setting.split('.'))) named.add(setting);
  }));
  return named;
}

/** Whether a settings object names a setting, as a dotted key (`"recap.schedules"`) or nested (`"recap": { "schedules" }`). */
function names(settings: unknown, path: string[]): boolean {
  if (!isRecord(settings)) return false;
  for (let i = 1; i <= path.length; i++) {
    const key = path.slice(0, i).join('.');
    if (!(key in settings)) continue;
    if (i === path.length || names(settings[key], path.slice(i))) return true;
  }
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function registerWorkspaceTrust(context: vscode.ExtensionContext): void {
  trustTestHooks.recording = context.extensionMode === vscode.ExtensionMode.Test;
  context.subscriptions.push(notices);
}
