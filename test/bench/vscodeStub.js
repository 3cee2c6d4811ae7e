// Just enough of the `vscode` API for activate() to run in a plain Node process, so the bench can
// time loading and activating the bundle. Every registration returns a disposable and does nothing.
const disposable = () => ({ dispose() {} });
const event = () => disposable;
class EventEmitter { constructor() { this.event = event(); } fire() {} dispose() {} }
const kind = value => ({ value, append: next => kind(`${value}.${next}`), contains: () => false, intersects: () => false });
module.exports = {
  EventEmitter,
  CodeActionKind: { QuickFix: kind('quickfix'), SourceFixAll: kind('source.fixAll') },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  CompletionItemKind: { Property: 9, Value: 11 },
  FileType: { File: 1, Directory: 2 },
  Uri: { file: p => ({ fsPath: p, scheme: 'file', toString: () => `file://${p}` }), parse: s => ({ toString: () => s }) },
  workspace: {
    textDocuments: [], workspaceFolders: [],
    onDidOpenTextDocument: event(), onDidChangeTextDocument: event(), onDidCloseTextDocument: event(), onDidChangeConfiguration: event(),
    createFileSystemWatcher: () => ({ dispose() {}, onDidChange: event(), onDidCreate: event(), onDidDelete: event() }),
    getConfiguration: () => ({ get: (_key, fallback) => fallback }),
  },
  languages: { createDiagnosticCollection: () => ({ dispose() {}, set() {}, delete() {} }), registerCodeActionsProvider: disposable, registerCompletionItemProvider: disposable, registerHoverProvider: disposable, registerDocumentLinkProvider: disposable },
  commands: { registerCommand: disposable, registerTextEditorCommand: disposable },
  window: { registerWebviewPanelSerializer: disposable, onDidChangeActiveTextEditor: event(), createOutputChannel: () => ({ appendLine() {}, dispose() {} }) },
};
