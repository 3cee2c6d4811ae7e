// Quick fixes for the findings, and `source.fixAll.recap` for the safe ones.
import * as vscode from 'vscode';
import type { Finding, Fix, TextEdit } from '../core/lint/findings';
import { safeFixes } from '../core/lint/fixAll';
import { DIAGNOSTIC_SOURCE, toRange, type PostChecker } from './diagnostics';

const FIX_ALL = vscode.CodeActionKind.SourceFixAll.append('recap');

export class RecapCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, FIX_ALL];

  constructor(private readonly checker: PostChecker) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const analysis = this.checker.analysis(document) ?? await this.checker.checkNow(document);
    if (!analysis) return [];
    const actions: vscode.CodeAction[] = [];
    // On save (`editor.codeActionsOnSave`) or "Fix All": only the fix-all action is wanted.
    if (context.only?.contains(FIX_ALL)) {
      const fixAll = this.fixAll(document, analysis.findings);
      return fixAll ? [fixAll] : [];
    }
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const rule = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
      const finding = analysis.findings.find(f => f.rule === rule && toRange(document, f.start, f.end).isEqual(diagnostic.range) && f.message === diagnostic.message);
      for (const fix of finding?.fixes ?? []) actions.push(this.quickFix(document, fix, diagnostic));
    }
    if (actions.length === 0 && analysis.findings.some(f => f.fixes?.some(fix => fix.safe) && toRange(document, f.start, f.end).intersection(range))) {
      const fixAll = this.fixAll(document, analysis.findings);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }

  private quickFix(document: vscode.TextDocument, fix: Fix, diagnostic: vscode.Diagnostic): vscode.CodeAction {
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.edit = fix.snippet !== undefined ? toSnippetWorkspaceEdit(document, fix.edits, fix.snippet) : toWorkspaceEdit(document, fix.edits);
    action.diagnostics = [diagnostic];
    action.isPreferred = fix.preferred;
    return action;
  }

  /** All safe fixes whose edits do not overlap, in one undoable edit. */
  private fixAll(document: vscode.TextDocument, findings: Finding[]): vscode.CodeAction | undefined {
    const { edits } = safeFixes(findings);
    if (edits.length === 0) return undefined;
    const action = new vscode.CodeAction(vscode.l10n.t('Fix all safe Recap problems'), FIX_ALL);
    action.edit = toWorkspaceEdit(document, edits);
    return action;
  }
}

export function toWorkspaceEdit(document: vscode.TextDocument, edits: TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const change of edits) edit.replace(document.uri, toRange(document, change.start, change.end), change.newText);
  return edit;
}

/**
 * The fix's first edit as a snippet (the cursor lands inside, e.g. in `alt="$1"`), the others as text.
 * VS Code applies a snippet edit as a snippet in the active editor and as plain text elsewhere; the
 * plain text is the fix's own `newText`, so the result never depends on where it is applied.
 */
export function toSnippetWorkspaceEdit(document: vscode.TextDocument, edits: TextEdit[], snippet: string): vscode.WorkspaceEdit {
  if (edits.length === 0 || typeof vscode.SnippetTextEdit !== 'function') return toWorkspaceEdit(document, edits);
  const [first, ...others] = edits;
  const edit = new vscode.WorkspaceEdit();
  edit.set(document.uri, [
    new vscode.SnippetTextEdit(toRange(document, first.start, first.end), new vscode.SnippetString(snippet)),
    ...others.map(change => vscode.TextEdit.replace(toRange(document, change.start, change.end), change.newText)),
  ]);
  return edit;
}

export function registerCodeActions(context: vscode.ExtensionContext, checker: PostChecker): void {
  context.subscriptions.push(vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, new RecapCodeActions(checker), { providedCodeActionKinds: RecapCodeActions.kinds }));
}
