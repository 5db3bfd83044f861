// A stand-in for the `vscode` module, as far as the built extension and the vscode-languageclient
// bundled into it reach while starting, running and stopping a server with no documents open. It
// records what the extension asks of VS Code (messages, commands, the output channel) so tests can
// look. Any other property read is reported by name, so a newer client that needs more fails clearly.
'use strict';

const { EventEmitter: NodeEmitter } = require('node:events');
const path = require('node:path');
const { pathToFileURL, fileURLToPath } = require('node:url');

class Disposable {
  constructor(fn) {
    this._fn = fn;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((d) => d && d.dispose && d.dispose()));
  }
  dispose() {
    if (this._fn) this._fn();
    this._fn = undefined;
  }
}

class EventEmitter {
  constructor() {
    this._e = new NodeEmitter();
    this.event = (listener, thisArg, disposables) => {
      const l = (v) => listener.call(thisArg, v);
      this._e.on('e', l);
      const d = new Disposable(() => this._e.off('e', l));
      if (Array.isArray(disposables)) disposables.push(d);
      return d;
    };
  }
  fire(v) {
    this._e.emit('e', v);
  }
  dispose() {
    this._e.removeAllListeners();
  }
}

const noEvent = () => new Disposable(() => {});

class Uri {
  constructor(scheme, fsPath, fragment = '') {
    this.scheme = scheme;
    this.fsPath = fsPath;
    this.path = fsPath;
    this.fragment = fragment;
  }
  static file(p) {
    return new Uri('file', path.resolve(p));
  }
  static parse(s) {
    return s.startsWith('file:') ? new Uri('file', fileURLToPath(s)) : new Uri(s.split(':')[0], s);
  }
  static joinPath(base, ...parts) {
    return new Uri(base.scheme, path.join(base.fsPath, ...parts));
  }
  with(change) {
    return new Uri(change.scheme ?? this.scheme, this.fsPath, change.fragment ?? this.fragment);
  }
  toString() {
    return this.scheme === 'file' ? pathToFileURL(this.fsPath).href + (this.fragment ? '#' + this.fragment : '') : this.fsPath;
  }
}

class CancellationTokenSource {
  constructor() {
    const emitter = new EventEmitter();
    this.token = { isCancellationRequested: false, onCancellationRequested: emitter.event };
    this._emitter = emitter;
  }
  cancel() {
    this.token.isCancellationRequested = true;
    this._emitter.fire();
  }
  dispose() {}
}

/** Builds a fresh mock. `settings` is the `evidential` section; `answers` are the buttons "clicked". */
function createVscodeMock({ settings = {}, workspaceFolder, answers = [] } = {}) {
  const calls = { errors: [], commands: [], executed: [], output: [], shown: 0 };
  const configurationChanged = new EventEmitter();

  const configuration = (section) => ({
    get(key, fallback) {
      // Settings are given flat, as package.json declares them: {path, checks, "trace.server"}.
      const parts = (section ? `${section}.${key}` : key).split('.');
      if (parts[0] !== 'evidential') return fallback;
      const rest = parts.slice(1).join('.');
      return Object.prototype.hasOwnProperty.call(settings, rest) ? settings[rest] : fallback;
    },
    has: () => false,
    inspect: () => undefined,
    update: async () => {},
  });

  const outputChannel = {
    name: 'Evidential',
    append: (s) => calls.output.push(s),
    appendLine: (s) => calls.output.push(s + '\n'),
    replace: () => {},
    clear: () => {},
    show: () => {
      calls.shown += 1;
    },
    hide: () => {},
    dispose: () => {},
  };

  const diagnostics = new Map();
  const diagnosticCollection = {
    name: 'evidential',
    set: (uri, diags) => diagnostics.set(uri.toString(), diags),
    delete: (uri) => diagnostics.delete(uri.toString()),
    clear: () => diagnostics.clear(),
    forEach: (fn) => diagnostics.forEach((v, k) => fn(k, v)),
    get: (uri) => diagnostics.get(uri.toString()),
    has: (uri) => diagnostics.has(uri.toString()),
    dispose: () => {},
  };

  const workspace = {
    workspaceFolders: workspaceFolder ? [{ uri: Uri.file(workspaceFolder), name: path.basename(workspaceFolder), index: 0 }] : undefined,
    textDocuments: [],
    notebookDocuments: [],
    getConfiguration: configuration,
    getWorkspaceFolder: () => undefined,
    onDidChangeConfiguration: configurationChanged.event,
    onDidOpenTextDocument: noEvent,
    onDidChangeTextDocument: noEvent,
    onDidCloseTextDocument: noEvent,
    onDidSaveTextDocument: noEvent,
    onWillSaveTextDocument: noEvent,
    onDidChangeWorkspaceFolders: noEvent,
    onDidCreateFiles: noEvent,
    onDidRenameFiles: noEvent,
    onDidDeleteFiles: noEvent,
    onWillCreateFiles: noEvent,
    onWillRenameFiles: noEvent,
    onWillDeleteFiles: noEvent,
    onDidOpenNotebookDocument: noEvent,
    onDidChangeNotebookDocument: noEvent,
    onDidCloseNotebookDocument: noEvent,
    onDidSaveNotebookDocument: noEvent,
    createFileSystemWatcher: () => ({
      onDidCreate: noEvent,
      onDidChange: noEvent,
      onDidDelete: noEvent,
      dispose: () => {},
    }),
  };

  const window = {
    activeTextEditor: undefined,
    visibleTextEditors: [],
    tabGroups: { all: [], onDidChangeTabs: noEvent, onDidChangeTabGroups: noEvent },
    onDidChangeActiveTextEditor: noEvent,
    onDidChangeVisibleTextEditors: noEvent,
    createOutputChannel: () => outputChannel,
    showErrorMessage: async (message, ...items) => {
      calls.errors.push({ message, items });
      return answers.shift();
    },
    showWarningMessage: async (message) => {
      calls.errors.push({ message, items: [] });
      return undefined;
    },
    showInformationMessage: async () => undefined,
  };

  const commands = {
    registerCommand: (id, fn) => {
      calls.commands.push(id);
      commands._handlers.set(id, fn);
      return new Disposable(() => commands._handlers.delete(id));
    },
    executeCommand: async (id, ...args) => {
      calls.executed.push({ id, args });
      const fn = commands._handlers.get(id);
      return fn ? fn(...args) : undefined;
    },
    _handlers: new Map(),
  };

  const register = () => new Disposable(() => {});
  const languages = {
    createDiagnosticCollection: () => diagnosticCollection,
    match: () => 0,
    registerHoverProvider: register,
    registerCodeActionsProvider: register,
    onDidChangeDiagnostics: noEvent,
  };

  const api = {
    version: '1.82.0',
    Disposable,
    EventEmitter,
    Uri,
    CancellationTokenSource,
    CancellationError: class CancellationError extends Error {},
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    NotebookCellKind: { Markup: 1, Code: 2 },
    // vscode-languageclient subclasses these when it loads; nothing here converts documents.
    CallHierarchyItem: class {},
    CodeAction: class {},
    CodeLens: class {},
    CompletionItem: class {},
    Diagnostic: class {},
    DocumentLink: class {},
    InlayHint: class {},
    SymbolInformation: class {},
    TypeHierarchyItem: class {},
    CodeActionKind: {
      Empty: '',
      QuickFix: 'quickfix',
      Refactor: 'refactor',
      RefactorExtract: 'refactor.extract',
      RefactorInline: 'refactor.inline',
      RefactorMove: 'refactor.move',
      RefactorRewrite: 'refactor.rewrite',
      Source: 'source',
      SourceOrganizeImports: 'source.organizeImports',
      SourceFixAll: 'source.fixAll',
      Notebook: 'notebook',
    },
    TabInputText: class {},
    TabInputTextDiff: class {},
    TabInputCustom: class {},
    TabInputNotebook: class {},
    env: { language: 'en', appName: 'Visual Studio Code (mock)', machineId: 'mock', sessionId: 'mock', uiKind: 1 },
    workspace,
    window,
    commands,
    languages,
  };

  // Reports any name the mock lacks, instead of letting `undefined` surface somewhere far away.
  const strict = (obj, where) =>
    new Proxy(obj, {
      get(target, prop) {
        if (prop in target || typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON' || prop === '__esModule') return target[prop];
        calls.missing = calls.missing || [];
        calls.missing.push(`${where}.${String(prop)}`);
        return undefined;
      },
    });
  const module = strict(
    {
      ...api,
      workspace: strict(workspace, 'workspace'),
      window: strict(window, 'window'),
      commands: strict(commands, 'commands'),
      languages: strict(languages, 'languages'),
      env: strict(api.env, 'env'),
    },
    'vscode',
  );
  return { module, calls, diagnostics, fireConfigurationChange: (e) => configurationChanged.fire(e) };
}

module.exports = { createVscodeMock, Uri };
