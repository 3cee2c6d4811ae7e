// What the web suite needs without Node: a small assert, the workspace's files
// (the fixture site mounted at vscode-test-web://mount), and the helpers it shares with the desktop suite.
import * as vscode from 'vscode';

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

export { open, recapApi, recapDiagnostics, ruleOf, waitFor } from '../shared/extensionHelpers';

/** A file of the workspace folder, by path segments. */
export function workspaceUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with the fixture site open as the workspace');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}
