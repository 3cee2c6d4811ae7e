// The "Conference Recap" output channel (View → Output), where the extension says what went wrong
// instead of the developer console, which authors never see. Created on the first message.
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** What was logged as an error, kept for the integration tests only (`ExtensionMode.Test`). */
export const loggedErrors: { recording: boolean; messages: string[] } = { recording: false, messages: [] };

function output(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Conference Recap', { log: true });
  return channel;
}

export function logError(message: string, error?: unknown): void {
  const detail = error instanceof Error ? error.stack ?? error.message : error === undefined ? '' : String(error);
  output().error(detail ? `${message}: ${detail}` : message);
  if (loggedErrors.recording) {
    loggedErrors.messages.push(message);
    if (loggedErrors.messages.length > 50) loggedErrors.messages.shift();
  }
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
