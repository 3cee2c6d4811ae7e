// The browser entry (`browser`): VS Code for the Web (vscode.dev, github.dev) loads it in a web worker, with no
// Node APIs. The same features as on desktop; files through vscode.workspace.fs, downloads through the browser.
import type * as vscode from 'vscode';
import { activateWith, type RecapApi } from '../activate';
import { webPlatform } from './platform';

export function activate(context: vscode.ExtensionContext): RecapApi {
  return activateWith(context, webPlatform);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
