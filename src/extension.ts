// Entry point: wires the features; nothing heavy runs here.
import * as vscode from 'vscode';
import { registerCodeActions } from './features/codeActions';
import { registerCommands } from './features/commands';
import { registerCompletions } from './features/completions';
import { registerDiagnostics } from './features/diagnostics';
import { Sites } from './features/sites';

export function activate(context: vscode.ExtensionContext): void {
  const sites = new Sites();
  context.subscriptions.push(sites);
  const checker = registerDiagnostics(context, sites);
  registerCodeActions(context, checker);
  registerCompletions(context, sites, checker);
  registerCommands(context, sites, checker);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
