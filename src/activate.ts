// Wires the features, the same for the Node entry (src/extension.ts) and the browser entry (src/web/extension.ts);
// nothing heavy runs here.
import * as l10n from '@vscode/l10n';
import type { MarkdownIt } from 'markdown-it';
import * as vscode from 'vscode';
import { registerBuiltinPreview, type BuiltinPreview } from './features/builtinPreview';
import { registerCodeActions } from './features/codeActions';
import { registerCommands } from './features/commands';
import { registerCompletions } from './features/completions';
import { registerDiagnostics } from './features/diagnostics';
import { registerDocumentLinks } from './features/documentLinks';
import { registerImagePaste, type ImageInserter } from './features/imagePaste';
import type { PostChecker } from './features/diagnostics';
import { registerInsertCommands, testHooks as insertTalkTestHooks } from './features/insertTalk';
import { disposeLog, loggedErrors } from './features/log';
import { registerNewRecapPost, testHooks as newRecapPostTestHooks } from './features/newRecapPost';
import { registerOnboarding } from './features/onboarding';
import { previewTestHooks, registerPreview } from './features/preview';
import { registerSchedules, type Schedules } from './features/schedules';
import { registerShortcodeCompletions } from './features/shortcodeCompletions';
import { Sites } from './features/sites';
import { registerTalkChecks } from './features/talkChecks';
import { registerTalkHovers } from './features/talkHovers';
import { registerWorkspaceTrust, trustTestHooks } from './features/workspaceTrust';
import type { RecapPlatform } from './platform/platform';

/** The objects a user drives, handed to the integration tests (and to nobody else). */
export interface RecapTestingApi {
  insertTalk: typeof insertTalkTestHooks; schedules: Schedules; checker: PostChecker; images: ImageInserter; preview: typeof previewTestHooks; builtinPreview: BuiltinPreview;
  /** What went to the output channel as an error. */
  errors: typeof loggedErrors;
  newRecapPost: typeof newRecapPostTestHooks;
  /** What the user was told about the folder's settings that wait for workspace trust. */
  trust: typeof trustTestHooks;
}

/** What activate() returns. */
export interface RecapApi {
  /** Only when VS Code runs the extension's tests (`ExtensionMode.Test`): other extensions get none of it. */
  testing?: RecapTestingApi;
  /** VS Code's built-in Markdown preview calls this (`markdown.markdownItPlugins`): shortcodes render there too. */
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

export function activateWith(context: vscode.ExtensionContext, platform: RecapPlatform): RecapApi {
  // The core's messages (findings, fix titles, the preview's) in VS Code's display language, from the same bundle.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  registerWorkspaceTrust(context);
  const sites = new Sites();
  context.subscriptions.push(sites);
  const checker = registerDiagnostics(context, sites);
  registerCodeActions(context, checker);
  registerCompletions(context, sites, checker);
  registerCommands(context, sites, checker);
  registerOnboarding(context, sites);
  const schedules = registerSchedules(context, platform);
  registerInsertCommands(context, schedules);
  registerNewRecapPost(context, schedules, sites);
  registerTalkHovers(context, schedules, async document => (await sites.contextFor(document)) !== undefined);
  registerTalkChecks(context, checker, schedules);
  registerShortcodeCompletions(context, sites);
  registerDocumentLinks(context, sites, checker);
  const images = registerImagePaste(context, sites);
  registerPreview(context, sites);
  const builtinPreview = registerBuiltinPreview(context, sites);
  const testing = context.extensionMode === vscode.ExtensionMode.Test;
  // Recording what the preview posts is for the tests only.
  previewTestHooks.recording = testing;
  loggedErrors.recording = testing;
  context.subscriptions.push({ dispose: disposeLog });
  return {
    testing: testing ? { insertTalk: insertTalkTestHooks, schedules, checker, images, preview: previewTestHooks, builtinPreview, errors: loggedErrors, newRecapPost: newRecapPostTestHooks, trust: trustTestHooks } : undefined,
    extendMarkdownIt: md => builtinPreview.extendMarkdownIt(md),
  };
}
