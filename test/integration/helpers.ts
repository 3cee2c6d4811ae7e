// What every integration suite needs: the workspace (a fresh copy of test/fixtures/site), polling for
// asynchronous results, the extension's API, and reading diagnostics by rule id.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** The repository (the extension under test); the compiled suites live in out/test/integration. */
export const EXTENSION_ROOT = path.resolve(__dirname, '..', '..', '..');

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with the fixture site open as the workspace');
  return folder.uri.fsPath;
}

/** A file of the workspace, by path segments. */
export const workspaceUri = (...parts: string[]): vscode.Uri => vscode.Uri.file(path.join(workspaceRoot(), ...parts));

export { open, recapApi, recapDiagnostics, ruleOf, waitFor } from '../shared/extensionHelpers';
