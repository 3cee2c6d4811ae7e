// Helpers the desktop integration suite and the web suite share: nothing here may use Node (the web suite runs in a
// browser worker), so failures are plain Errors rather than node:assert's.
import * as vscode from 'vscode';
import type { RecapApi, RecapTestingApi } from '../../src/activate';

/**
 * Polls `probe` every 100 ms until it gives a truthy value; fails after `timeoutMs`, a bound generous enough for a
 * machine whose cores are all busy (a hang detector, never a speed limit).
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 45_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

export const recapDiagnostics = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter(d => d.source === 'recap');

export const ruleOf = (diagnostic: vscode.Diagnostic): string => (typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code));

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

/** Activates the extension (the desktop or the browser entry, whichever VS Code runs) and returns its test hooks. */
export async function recapApi(): Promise<RecapApi & { testing: RecapTestingApi }> {
  const extension = vscode.extensions.all.find(e => e.packageJSON.name === 'conference-recap');
  if (!extension) throw new Error('the extension is installed');
  const api = (await extension.activate()) as RecapApi;
  if (!api.testing) throw new Error('the test hooks are there in ExtensionMode.Test');
  return api as RecapApi & { testing: RecapTestingApi };
}
