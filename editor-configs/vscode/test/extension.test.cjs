// The built extension (dist/extension.js, with vscode-languageclient bundled in) against a stand-in
// `vscode` module and the real `evidential lsp`: which executable it spawns, with which arguments,
// what reaches the server as initializationOptions and as the answer to workspace/configuration, the
// message when the executable is missing, and the two commands. Run: npm test (builds first), or
// `node --test test/extension.test.cjs` with EVIDENTIAL=/path/to/evidential.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const childProcess = require('node:child_process');
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const { createVscodeMock, Uri } = require('./vscode-mock.cjs');

const EXTENSION_DIR = path.resolve(__dirname, '..');
const ENTRY = path.join(EXTENSION_DIR, require(path.join(EXTENSION_DIR, 'package.json')).main);
const BINARY = path.resolve(process.env.EVIDENTIAL || path.join(EXTENSION_DIR, '../../build/evidential'));

// ---- loading the bundle with the stand-ins ----

let current = null; // { mock, spawned } of the running test
const realLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'vscode') return current.mock.module;
  if ((request === 'child_process' || request === 'node:child_process') && current) return recordingChildProcess;
  return realLoad.call(this, request, parent, isMain);
};

// child_process as the bundle sees it: spawn runs the real process and records what crosses stdio.
const recordingChildProcess = {
  ...childProcess,
  spawn(command, args, options) {
    const child = childProcess.spawn(command, args, options);
    const record = { command, args, options, child, sent: '', received: '', exited: null };
    const write = child.stdin.write.bind(child.stdin);
    child.stdin.write = (chunk, ...rest) => {
      record.sent += Buffer.from(chunk).toString('utf8');
      return write(chunk, ...rest);
    };
    child.stdout.on('data', (d) => (record.received += d.toString('utf8')));
    child.on('exit', (code) => (record.exited = code));
    current.spawned.push(record);
    return child;
  },
};

function loadExtension(options, dir = EXTENSION_DIR) {
  current = { mock: createVscodeMock(options), spawned: [] };
  const entry = path.join(dir, 'dist', 'extension.js');
  delete require.cache[entry];
  const extension = require(entry);
  const context = {
    subscriptions: [],
    extensionUri: Uri.file(dir),
    extensionPath: dir,
  };
  return { extension, context, ...current };
}

/** JSON-RPC messages in a recorded stream ("Content-Length: n\r\n\r\n{...}"). */
function messages(stream) {
  const out = [];
  let rest = Buffer.from(stream, 'utf8');
  for (;;) {
    const header = rest.indexOf('\r\n\r\n');
    if (header < 0) break;
    const length = Number(/Content-Length: *(\d+)/i.exec(rest.subarray(0, header).toString())?.[1]);
    const body = rest.subarray(header + 4, header + 4 + length);
    if (body.length < length) break;
    out.push(JSON.parse(body.toString('utf8')));
    rest = rest.subarray(header + 4 + length);
  }
  return out;
}

async function waitFor(predicate, what, ms = 15000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = predicate();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`timed out waiting for ${what}`);
}

const haveBinary = fs.existsSync(BINARY);
const needsBinary = haveBinary ? {} : { skip: `no evidential binary at ${BINARY} (set EVIDENTIAL)` };

test('the manifest points at the bundle and contributes the documented settings and commands', () => {
  const manifest = require(path.join(EXTENSION_DIR, 'package.json'));
  assert.ok(fs.existsSync(ENTRY), `${ENTRY} exists (run npm run build)`);
  assert.deepEqual(manifest.activationEvents, ['onLanguage:markdown', 'onLanguage:plaintext']);
  assert.deepEqual(Object.keys(manifest.contributes.configuration.properties).sort(), [
    'evidential.checks',
    'evidential.maxDocumentBytes',
    'evidential.path',
    'evidential.trace.server',
  ]);
  assert.deepEqual(
    manifest.contributes.commands.map((c) => c.command),
    ['evidential.restartServer', 'evidential.showOutput'],
  );
  assert.deepEqual(manifest.contributes.jsonValidation, [
    { fileMatch: '.evidential.json', url: './schemas/evidential.schema.json' },
  ]);
});

test('spawns `<evidential.path> lsp` and passes the settings to the real server', needsBinary, async () => {
  const checks = { hedge: 'hint' };
  const { extension, context, mock, spawned } = loadExtension({
    settings: { path: BINARY, checks, 'trace.server': 'messages' },
    workspaceFolder: os.tmpdir(),
  });
  await extension.activate(context);

  assert.equal(spawned.length, 1, 'one server process');
  const server = spawned[0];
  assert.equal(server.command, BINARY);
  assert.deepEqual(server.args, ['lsp']);

  const initialize = messages(server.sent).find((m) => m.method === 'initialize');
  assert.ok(initialize, 'the client sent initialize');
  assert.deepEqual(initialize.params.initializationOptions, { checks });
  assert.equal(initialize.params.trace, 'messages', 'evidential.trace.server reached the client');

  // The server asks for section "evidential" after `initialized`; the answer holds only what
  // .evidential.json may hold (not the extension's own `path` and `trace`).
  const request = await waitFor(
    () => messages(server.received).find((m) => m.method === 'workspace/configuration'),
    'the server to request workspace/configuration',
  );
  assert.deepEqual(request.params.items, [{ section: 'evidential' }]);
  const answer = await waitFor(
    () => messages(server.sent).find((m) => m.id === request.id && 'result' in m),
    'the client to answer workspace/configuration',
  );
  assert.deepEqual(answer.result, [{ checks }]);

  assert.deepEqual(mock.calls.commands, ['evidential.restartServer', 'evidential.showOutput']);
  assert.deepEqual(mock.calls.errors, [], 'no error shown');

  await mock.module.commands.executeCommand('evidential.showOutput');
  assert.equal(mock.calls.shown, 1, 'Show output reveals the channel');

  await mock.module.commands.executeCommand('evidential.restartServer');
  assert.equal(spawned.length, 2, 'Restart server starts a new process');
  await waitFor(() => server.exited !== null, 'the first server to exit');
  assert.equal(server.exited, 0, 'the first server was shut down cleanly (shutdown, then exit)');

  await extension.deactivate();
  await waitFor(() => spawned[1].exited !== null, 'the second server to exit');
  assert.equal(spawned[1].exited, 0);
  assert.deepEqual(mock.calls.missing ?? [], [], 'the mock covered every vscode API used');
});

test('evidential.maxDocumentBytes reaches the server at start and when it changes', needsBinary, async () => {
  const settings = { path: BINARY, maxDocumentBytes: 50 };
  const { extension, context, mock, spawned } = loadExtension({ settings, workspaceFolder: os.tmpdir() });
  await extension.activate(context);
  const server = spawned[0];
  const initialize = messages(server.sent).find((m) => m.method === 'initialize');
  assert.deepEqual(initialize.params.initializationOptions, { maxDocumentBytes: 50 });
  const answers = () =>
    messages(server.sent).filter((m) => 'result' in m && Array.isArray(m.result) && m.result[0]?.maxDocumentBytes);
  // (vscode-languageclient announces a change as soon as the server registers for them, so the server
  // may ask more than once.)
  await waitFor(() => answers().length >= 1, 'the workspace/configuration answer');
  assert.deepEqual(answers()[0].result, [{ maxDocumentBytes: 50 }]);

  // A new value goes to the running server (no restart): VS Code announces the change, the server
  // asks for the section again.
  settings.maxDocumentBytes = 4096;
  mock.fireConfigurationChange({ affectsConfiguration: (section) => 'evidential.maxDocumentBytes'.startsWith(section) });
  await waitFor(
    () => answers().some((m) => m.result[0].maxDocumentBytes === 4096),
    'an answer with the new value',
  );
  assert.equal(spawned.length, 1, 'no restart');
  // The server accepted both (a rejected value would be shown as an error message).
  assert.deepEqual(mock.calls.errors, []);

  await extension.deactivate();
  await waitFor(() => server.exited !== null, 'the server to exit');
  assert.equal(server.exited, 0);
});

test('finds `evidential` on PATH when evidential.path is empty', needsBinary, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidential-path-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.symlinkSync(BINARY, path.join(dir, 'evidential'));
  const savedPath = process.env.PATH;
  process.env.PATH = `${dir}${path.delimiter}${savedPath}`;
  t.after(() => (process.env.PATH = savedPath));

  const { extension, context, spawned, mock } = loadExtension({ settings: { path: '' } });
  await extension.activate(context);
  assert.equal(spawned.length, 1);
  assert.equal(spawned[0].command, path.join(dir, 'evidential'));
  assert.deepEqual(spawned[0].args, ['lsp']);
  assert.deepEqual(messages(spawned[0].sent).find((m) => m.method === 'initialize').params.initializationOptions, {});
  assert.deepEqual(mock.calls.errors, []);
  await extension.deactivate();
  await waitFor(() => spawned[0].exited !== null, 'the server to exit');
});

/** The extension as VS Code installs it: the .vsix unpacked (npm run package makes it). */
function unpackedVsix(t) {
  const vsix = path.join(EXTENSION_DIR, 'evidential.vsix');
  if (!fs.existsSync(vsix)) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidential-vsix-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  childProcess.execFileSync('python3', ['-m', 'zipfile', '-e', vsix, dir]);
  return path.join(dir, 'extension');
}

async function missingExecutable(dir) {
  const missing = path.join(os.tmpdir(), 'no-such-dir', 'evidential');
  const { extension, context, spawned, mock } = loadExtension({ settings: { path: missing }, answers: ['How to install'] }, dir);
  await extension.activate(context);
  assert.equal(spawned.length, 0, 'nothing spawned');
  assert.equal(mock.calls.errors.length, 1);
  const { message, items } = mock.calls.errors[0];
  assert.match(message, /evidential\.path/);
  assert.ok(message.includes(missing), 'the message names the path');
  assert.deepEqual(items, ['How to install', 'Open settings']);
  const preview = await waitFor(
    () => mock.calls.executed.find((c) => c.id === 'markdown.showPreview'),
    'the README to open at the install section',
  );
  const readme = preview.args[0].fsPath;
  assert.equal(path.dirname(readme), dir);
  assert.equal(preview.args[0].fragment, 'install-the-evidential-executable');
  assert.match(fs.readFileSync(readme, 'utf8'), /^## Install the evidential executable$/m, 'the README has that section');
  await extension.deactivate();
}

test('a missing executable gets a clear message and a link to the install steps', () => missingExecutable(EXTENSION_DIR));

test('the packaged extension (unpacked .vsix) finds its README too', async (t) => {
  const dir = unpackedVsix(t);
  if (!dir) return t.skip('no evidential.vsix (npm run package)');
  assert.ok(!fs.existsSync(path.join(dir, 'node_modules')), 'no node_modules in the package');
  await missingExecutable(dir);
});
