// Just enough of the `vscode` API for activate() to run in a plain Node process, so the bench can
// time loading and activating the bundle. Every registration returns a disposable and does nothing.
const disposable = () => ({ dispose() {} });
const event = () => disposable;
class EventEmitter { constructor() { this.event = event(); } fire() {} dispose() {} }
const kind = value => ({ value, append: next => kind(`${value}.${next}`), contains: () => false, intersects: () => false });
const explicit = {
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

// Anything else (new APIs features start to use) is a generic stub: callable, constructible, extendable,
// and every property of it is another stub; never thenable.
function generic() {
  const target = function () { return { dispose() {} }; };
  return new Proxy(target, {
    get(t, property) {
      if (property === 'then' || typeof property === 'symbol') return undefined;
      if (property === 'prototype') return t.prototype;
      if (property === 'dispose') return () => {};
      if (!(property in t)) t[property] = generic();
      return t[property];
    },
  });
}
function withFallback(object) {
  return new Proxy(object, {
    get(t, property) {
      if (property in t) return typeof t[property] === 'object' && t[property] !== null && !Array.isArray(t[property]) ? withFallback(t[property]) : t[property];
      if (property === 'then' || typeof property === 'symbol') return undefined;
      t[property] = generic();
      return t[property];
    },
  });
}
// The bundle reads the module through esbuild's __toESM, which copies own keys and inherits the rest from
// the prototype: make that prototype answer every other name with a stub too.
const fallbackPrototype = new Proxy({}, {
  get(t, property) {
    if (property === 'then' || typeof property === 'symbol') return undefined;
    if (!(property in t)) t[property] = generic();
    return t[property];
  },
});
Object.setPrototypeOf(explicit, fallbackPrototype);
module.exports = withFallback(explicit);
