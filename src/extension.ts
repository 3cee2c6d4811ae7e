// Entry point: wires the features; nothing heavy runs here.
import * as vscode from 'vscode';
import { registerCodeActions } from './features/codeActions';
import { registerCommands } from './features/commands';
import { registerCompletions } from './features/completions';
import { registerDiagnostics } from './features/diagnostics';
import type { PostChecker } from './features/diagnostics';
import { registerInsertCommands, testHooks as insertTalkTestHooks } from './features/insertTalk';
import { registerSchedules, type Schedules } from './features/schedules';
import { Sites } from './features/sites';
import { registerTalkChecks } from './features/talkChecks';
import { registerTalkHovers } from './features/talkHovers';

/** What activate() returns: hooks for the integration tests (the same objects a user drives). */
export interface RecapApi {
  testing: { insertTalk: typeof insertTalkTestHooks; schedules: Schedules; checker: PostChecker };
}

export function activate(context: vscode.ExtensionContext): RecapApi {
  const sites = new Sites();
  context.subscriptions.push(sites);
  const checker = registerDiagnostics(context, sites);
  registerCodeActions(context, checker);
  registerCompletions(context, sites, checker);
  registerCommands(context, sites, checker);
  const schedules = registerSchedules(context);
  registerInsertCommands(context, schedules);
  registerTalkHovers(context, schedules, async document => (await sites.contextFor(document)) !== undefined);
  registerTalkChecks(context, checker, schedules);
  return { testing: { insertTalk: insertTalkTestHooks, schedules, checker } };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
