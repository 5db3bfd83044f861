// Drives `evidential lsp` the way an editor does, through the vscode-languageserver-protocol client
// library: the seed article's hedge diagnostics land exactly on the gold spans (UTF-16 positions
// computed here, independently), a code action applies, hover explains, and diagnostics follow edits.
//
// Run: (cd tests/lsp/client && npm ci) && EVIDENTIAL_BINARY=build/evidential node --test tests/lsp/client/
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath, pathToFileURL } from 'node:url';
import protocol from 'vscode-languageserver-protocol/node.js';

const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = protocol;

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const binary = process.env.EVIDENTIAL_BINARY
  ? path.resolve(process.env.EVIDENTIAL_BINARY)
  : path.join(repo, 'build/evidential');
const seedDir = path.resolve(repo, '../shared/seed');
const seedText = path.join(seedDir, '000_79db9268550480e7.txt');
const seedGold = path.join(seedDir, '000_79db9268550480e7.gold.json');
const haveSeed = fs.existsSync(seedText) && fs.existsSync(seedGold);
const skipReason = haveSeed ? false : `seed article not found at ${seedDir} (the shared data is absent)`;

// ---- positions, computed here from JavaScript strings (which are UTF-16) ----

function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; ++i) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

function positionAt(starts, offset) {
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) ++line;
  return { line, character: offset - starts[line] };
}

function offsetAt(starts, pos) {
  return starts[Math.min(pos.line, starts.length - 1)] + pos.character;
}

/// Applies LSP TextEdits (UTF-16 ranges) to `text`, last first so earlier ranges stay valid.
function applyEdits(text, edits) {
  const starts = lineStarts(text);
  const sorted = [...edits].sort((a, b) => offsetAt(starts, b.range.start) - offsetAt(starts, a.range.start));
  for (const e of sorted) {
    text = text.slice(0, offsetAt(starts, e.range.start)) + e.newText + text.slice(offsetAt(starts, e.range.end));
  }
  return text;
}

// ---- the session ----

class Session {
  constructor(workspace) {
    this.child = spawn(binary, ['lsp', '--debounce-ms', '0'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.child.stderr.on('data', (d) => { this.stderr += d; });
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.published = new Map(); // uri -> [{version, diagnostics}]
    this.waiters = [];
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      const list = this.published.get(params.uri) ?? [];
      list.push(params);
      this.published.set(params.uri, list);
      this.waiters = this.waiters.filter((w) => !w(params));
    });
    this.connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
    this.workspace = workspace;
  }

  initialize() {
    return this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(this.workspace).href,
      workspaceFolders: [{ uri: pathToFileURL(this.workspace).href, name: 'workspace' }],
      capabilities: {
        general: { positionEncodings: ['utf-16'] },
        workspace: {
          workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
          didChangeWatchedFiles: { dynamicRegistration: true },
          configuration: true,
        },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
        },
      },
    });
  }

  /// The diagnostics published for `uri` at `version` (already received, or the next to come).
  diagnostics(uri, version) {
    const seen = (this.published.get(uri) ?? []).find((p) => p.version === version);
    if (seen) return Promise.resolve(seen.diagnostics);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}\n${this.stderr}`)), 20000);
      this.waiters.push((p) => {
        if (p.uri !== uri || p.version !== version) return false;
        clearTimeout(timer);
        resolve(p.diagnostics);
        return true;
      });
    });
  }

  open(uri, languageId, text) {
    this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  change(uri, version, contentChanges) {
    this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  async close() {
    await this.connection.sendRequest('shutdown');
    const exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
    this.connection.sendNotification('exit');
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}

/// Every gold hedge span of the seed as UTF-16 offsets into `text`: each sentence is found in order,
/// each cue inside its sentence (a cue that occurs twice in a sentence is taken in order).
function goldHedgeSpans(text, gold) {
  const spans = [];
  let cursor = 0;
  for (const sentence of gold.sentences) {
    const at = text.indexOf(sentence.text, cursor);
    assert.notEqual(at, -1, `gold sentence not found in the article: ${sentence.text.slice(0, 60)}`);
    cursor = at + sentence.text.length;
    let within = 0;
    for (const cue of sentence.hedges) {
      const c = sentence.text.indexOf(cue, within);
      assert.notEqual(c, -1, `gold hedge "${cue}" not in its sentence`);
      spans.push({ cue, start: at + c, end: at + c + cue.length });
      within = c + cue.length;
    }
  }
  return spans;
}

describe('evidential lsp through vscode-languageserver-protocol', { skip: skipReason }, () => {
  let session;
  let workspace;
  let article;

  before(async () => {
    assert.ok(fs.existsSync(binary), `evidential binary not found at ${binary} (set EVIDENTIAL_BINARY)`);
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'evidential-node-'));
    article = fs.readFileSync(seedText, 'utf8');
    session = new Session(workspace);
    const result = await session.initialize();
    assert.equal(result.capabilities.positionEncoding, 'utf-16');
    assert.equal(result.serverInfo.name, 'evidential');
    session.connection.sendNotification('initialized', {});
  });

  after(async () => {
    if (session) assert.equal(await session.close(), 0);
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  test('hedge diagnostics cover exactly the gold hedge spans (UTF-16)', async (t) => {
    const uri = pathToFileURL(path.join(workspace, 'article.txt')).href;
    session.open(uri, 'plaintext', article);
    const diagnostics = await session.diagnostics(uri, 1);
    const starts = lineStarts(article);
    const gold = goldHedgeSpans(article, JSON.parse(fs.readFileSync(seedGold, 'utf8')));
    const hedges = diagnostics.filter((d) => d.code === 'hedge');
    assert.ok(hedges.length > 0, 'no hedge diagnostics at all');
    // The article's curly quotes make UTF-8 and UTF-16 columns differ: this comparison would fail on
    // every line with one if the server counted bytes.
    let compared = 0;
    const covered = new Set();
    for (const d of hedges) {
      const start = offsetAt(starts, d.range.start);
      const end = offsetAt(starts, d.range.end);
      const overlapping = gold.filter((g) => g.start < end && start < g.end);
      for (const g of overlapping) {
        covered.add(g);
        assert.deepEqual(d.range, { start: positionAt(starts, g.start), end: positionAt(starts, g.end) },
          `hedge diagnostic "${article.slice(start, end)}" does not match gold span "${g.cue}"`);
        ++compared;
      }
    }
    const missed = gold.filter((g) => !covered.has(g));
    t.diagnostic(`${compared} hedge diagnostics matched gold spans exactly; ${missed.length} of ${gold.length} gold spans had none` +
      (missed.length ? `: ${missed.map((g) => `"${g.cue}" at ${JSON.stringify(positionAt(starts, g.start))}`).join(', ')}` : ''));
    assert.ok(compared > 0, 'no hedge diagnostic overlaps a gold span');
  });

  test('hover explains the finding under the cursor', async () => {
    const uri = pathToFileURL(path.join(workspace, 'article.txt')).href;
    const [d] = (await session.diagnostics(uri, 1)).filter((x) => x.code === 'hedge');
    const hover = await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri }, position: d.range.start,
    });
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /\*\*hedge\*\*/);
    assert.match(hover.contents.value, /Why it matters/);
    assert.deepEqual(hover.range, d.range);
  });

  test('diagnostics follow incremental edits', async () => {
    const uri = pathToFileURL(path.join(workspace, 'article.txt')).href;
    const before = await session.diagnostics(uri, 1);
    // The last hedge: far from the headline, whose first line the plain-text layer treats specially.
    const d = before.filter((x) => x.code === 'hedge').at(-1);
    const line = d.range.start.line;
    // Curly quotes and an emoji: four UTF-16 units for "“😀” " plus two for "A ".
    const insert = '“😀” A ';
    session.change(uri, 2, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: insert }]);
    const shifted = await session.diagnostics(uri, 2);
    const same = shifted.find((x) => x.code === 'hedge' && x.range.start.line === line &&
      x.range.start.character === d.range.start.character + insert.length);
    assert.ok(same, `the hedge at ${JSON.stringify(d.range.start)} did not move by ${insert.length} units`);
    // Undo: everything returns to where it was.
    session.change(uri, 3, [{ range: { start: { line, character: 0 }, end: { line, character: insert.length } }, text: '' }]);
    assert.deepEqual(await session.diagnostics(uri, 3), before);
    // A new hedged sentence at the end of the article gets a diagnostic where it was typed.
    const starts = lineStarts(article);
    const end = positionAt(starts, article.length);
    session.change(uri, 4, [{ range: { start: end, end }, text: '\nPrices may rise.\n' }]);
    const grown = await session.diagnostics(uri, 4);
    assert.ok(grown.some((x) => x.code === 'hedge' && x.range.start.line === end.line + 1 &&
      x.range.start.character === 7 && x.range.end.character === 10), 'no hedge on the new line');
  });

  test('a code action disables the check on one line, as an edit the client applies', async () => {
    const uri = pathToFileURL(path.join(workspace, 'article.md')).href;
    session.open(uri, 'markdown', article);
    const diagnostics = await session.diagnostics(uri, 1);
    const d = diagnostics.find((x) => x.code === 'hedge');
    assert.ok(d, 'no hedge diagnostic in the Markdown copy');
    const actions = await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: d.range, context: { diagnostics: [d] },
    });
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Disable hedge in .evidential.json'), titles.join(', '));
    const action = actions.find((a) => a.title === 'Disable hedge for this line');
    assert.ok(action, titles.join(', '));
    assert.equal(action.kind, 'quickfix');
    const [docEdit] = action.edit.documentChanges;
    assert.equal(docEdit.textDocument.uri, uri);
    assert.equal(docEdit.textDocument.version, 1);
    // Apply it as an editor would, and tell the server with an incremental change.
    session.change(uri, 2, docEdit.edits.map((e) => ({ range: e.range, text: e.newText })));
    const text = applyEdits(article, docEdit.edits);
    assert.ok(text.includes('<!-- evidential-disable-next-line hedge -->'));
    const after = await session.diagnostics(uri, 2);
    const onLine = (list, line) => list.filter((x) => x.code === 'hedge' && x.range.start.line === line);
    assert.equal(onLine(after, d.range.start.line + 1).length, 0, 'the hedge line is still flagged');
    // Hedges on other lines remain (the comment only silences the next line).
    const elsewhere = diagnostics.filter((x) => x.code === 'hedge' && x.range.start.line !== d.range.start.line);
    assert.equal(after.filter((x) => x.code === 'hedge').length, elsewhere.length);
  });

  test('the .evidential.json action creates the file; the server re-reads it when told', async () => {
    const uri = pathToFileURL(path.join(workspace, 'article.md')).href;
    const diagnostics = await session.diagnostics(uri, 2);
    const d = diagnostics.find((x) => x.code === 'hedge');
    const actions = await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: d.range, context: { diagnostics: [d] },
    });
    const action = actions.find((a) => a.title === 'Disable hedge in .evidential.json');
    const [create, edit] = action.edit.documentChanges;
    assert.equal(create.kind, 'create');
    const file = fileURLToPath(create.uri);
    assert.equal(file, path.join(workspace, '.evidential.json'));
    fs.writeFileSync(file, applyEdits('', edit.edits));
    session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: create.uri, type: 1 }] });
    // Re-analysis under the new settings publishes the same version again, without hedges.
    const next = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no re-publish after the configuration change')), 20000);
      session.waiters.push((p) => {
        if (p.uri !== uri) return false;
        clearTimeout(timer);
        resolve(p.diagnostics);
        return true;
      });
    });
    assert.equal(next.filter((x) => x.code === 'hedge').length, 0);
  });
});
