// What every integration suite needs: the workspace (a fresh copy of test/fixtures/site), polling for
// asynchronous results, the extension's API, and reading diagnostics by rule id.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RecapApi, RecapTestingApi } from '../../src/extension';

/** The repository (the extension under test); the compiled suites live in out/test/integration. */
export const EXTENSION_ROOT = path.resolve(__dirname, '..', '..', '..');

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with the fixture site open as the workspace');
  return folder.uri.fsPath;
}

/** A file of the workspace, by path segments. */
export const workspaceUri = (...parts: string[]): vscode.Uri => vscode.Uri.file(path.join(workspaceRoot(), ...parts));

/**
 * Polls `probe` every 100 ms until it gives a truthy value; fails after `timeoutMs`, a bound generous
 * enough for a machine whose cores are all busy (it is a hang detector, never a speed limit).
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 45000): Promise<T> {
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
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

/** Activates the extension (if needed) and returns what activate() returned, with its test hooks. */
export async function recapApi(): Promise<RecapApi & { testing: RecapTestingApi }> {
  const extension = vscode.extensions.all.find(e => e.packageJSON.name === 'conference-recap');
  assert.ok(extension, 'the extension is installed');
  const api = (await extension.activate()) as RecapApi;
  assert.ok(api.testing, 'the test hooks are there in ExtensionMode.Test');
  return api as RecapApi & { testing: RecapTestingApi };
}
