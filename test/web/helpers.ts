// What the web suite needs without Node: a small assert, polling with a hang bound, the workspace's files
// (the fixture site mounted at vscode-test-web://mount) and the extension's test API.
import * as vscode from 'vscode';
import type { RecapApi, RecapTestingApi } from '../../src/activate';

interface Assert {
  ok(value: unknown, message?: string): asserts value;
  equal<T>(actual: T, expected: T, message?: string): void;
  deepEqual(actual: unknown, expected: unknown, message?: string): void;
}

export const assert: Assert = {
  ok(value: unknown, message = 'expected a truthy value'): asserts value {
    if (!value) throw new Error(message);
  },
  equal<T>(actual: T, expected: T, message?: string): void {
    if (actual !== expected) throw new Error(`${message ? `${message}: ` : ''}${JSON.stringify(actual)} !== ${JSON.stringify(expected)}`);
  },
  deepEqual(actual: unknown, expected: unknown, message?: string): void {
    const a = JSON.stringify(actual, null, 1);
    const b = JSON.stringify(expected, null, 1);
    if (a !== b) throw new Error(`${message ? `${message}: ` : ''}\nactual:   ${a}\nexpected: ${b}`);
  },
};

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

/** A file of the workspace folder, by path segments. */
export function workspaceUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with the fixture site open as the workspace');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

export const recapDiagnostics = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter(d => d.source === 'recap');

export const ruleOf = (diagnostic: vscode.Diagnostic): string => (typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code));

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

/** Activates the extension (the browser entry here) and returns its test hooks. */
export async function recapApi(): Promise<RecapApi & { testing: RecapTestingApi }> {
  const extension = vscode.extensions.all.find(e => e.packageJSON.name === 'conference-recap');
  assert.ok(extension, 'the extension is installed');
  const api = (await extension.activate()) as RecapApi;
  assert.ok(api.testing, 'the test hooks are there in ExtensionMode.Test');
  return api as RecapApi & { testing: RecapTestingApi };
}
