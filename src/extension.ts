// The Node entry (`main`): desktop, remote and Codespaces extension hosts. The browser entry is src/web/extension.ts.
import type * as vscode from 'vscode';
import { activateWith, type RecapApi } from './activate';
import { nodePlatform } from './node/platform';

export type { RecapApi, RecapTestingApi } from './activate';

export function activate(context: vscode.ExtensionContext): RecapApi {
  return activateWith(context, nodePlatform);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
