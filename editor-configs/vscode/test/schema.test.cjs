// schemas/evidential.schema.json against the things it describes: the binary's live check list
// (`evidential checks --format json`), the word lists in grammar/lexicon/, the registry's kinds, and
// the configuration parser itself (what the schema accepts, `evidential check` accepts, and the
// reverse). Run: node --test test/schema.test.cjs with EVIDENTIAL=/path/to/evidential.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Ajv = require('ajv');
const { liveChecks } = require('../scripts/sync-schema.cjs');

const EXTENSION_DIR = path.resolve(__dirname, '..');
const REPO = path.resolve(EXTENSION_DIR, '../..');
const BINARY = path.resolve(process.env.EVIDENTIAL || path.join(REPO, 'build/evidential'));
const schema = require('../schemas/evidential.schema.json');
const manifest = require('../package.json');
const needsBinary = fs.existsSync(BINARY) ? {} : { skip: `no evidential binary at ${BINARY} (set EVIDENTIAL)` };

const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

test('the check ids are the binary\'s (node scripts/sync-schema.cjs rewrites them)', needsBinary, () => {
  const live = liveChecks(BINARY).map((c) => c.id).sort();
  const hint = `run: node editor-configs/vscode/scripts/sync-schema.cjs ${BINARY}`;
  assert.deepEqual([...schema.definitions.checkId.enum].sort(), live, `schema checkId enum; ${hint}`);
  assert.deepEqual(Object.keys(schema.properties.checks.properties).sort(), live, `schema checks.properties; ${hint}`);
  const setting = manifest.contributes.configuration.properties['evidential.checks'];
  assert.deepEqual(Object.keys(setting.properties).sort(), live, `package.json evidential.checks; ${hint}`);
});

test('the lexicon lists are the files in grammar/lexicon/ (sync-schema.cjs)', () => {
  const lists = fs
    .readdirSync(path.join(REPO, 'grammar/lexicon'))
    .filter((f) => f.endsWith('.tsv'))
    .map((f) => f.slice(0, -4))
    .sort();
  assert.deepEqual([...schema.definitions.lexiconList.enum].sort(), lists);
});

test('source kinds and reliabilities are the registry\'s', () => {
  const registry = JSON.parse(fs.readFileSync(path.join(REPO, 'grammar/sources/registry.json'), 'utf8'));
  assert.deepEqual([...schema.definitions.source.properties.kind.enum].sort(), Object.keys(registry.kinds).sort());
  const used = new Set(registry.entries.map((e) => e.reliability));
  for (const r of used) assert.ok(schema.definitions.source.properties.reliability.enum.includes(r), r);
  // Every built-in entry is a valid user entry too.
  for (const entry of registry.entries.slice(0, 50)) {
    assert.ok(validate({ sources: [entry] }), `${entry.name}: ${JSON.stringify(validate.errors)}`);
  }
});

// Configurations the schema must accept, and ones it must reject, each also given to the parser.
const liveIds = fs.existsSync(BINARY) ? liveChecks(BINARY).map((c) => c.id) : ['hedge'];
const someCheck = liveIds[0];
const good = {
  'severity per check': { checks: Object.fromEntries(liveIds.map((id, i) => [id, ['off', 'hint', 'information', 'warning', 'error'][i % 5]])) },
  'severity with options': { checks: { [someCheck]: { severity: 'warning', threshold: 0.6 } } },
  'options by check': { options: { [someCheck]: { threshold: 0.5 } } },
  'lexicon changes': {
    lexicon: {
      hedges: { add: ['arguably', { phrase: 'in all likelihood', category: 'phrase' }], remove: ['slightly'] },
      boosters: { remove: ['clearly'] },
    },
  },
  'a source entry': {
    $schema: './node_modules/evidential/schema.json',
    sources: [
      { name: 'The Lakeside Gazette', aliases: ['Lakeside Gazette'], domains: ['lakeside-gazette.example'], kind: 'partisan', country: 'NZ', reliability: 'low', note: 'Owned by a county councillor.' },
      { name: 'Nobody Weekly', remove: true },
    ],
  },
  'ignore and languages': { ignore: ['drafts/**', 'CHANGELOG.md'], languages: { '.mdx': 'markdown', '.log': 'plain' } },
};
const bad = {
  'an unknown top-level key': { check: { [someCheck]: 'off' } },
  'an unknown check id': { checks: { 'no-such-check': 'off' } },
  'an unknown level': { checks: { [someCheck]: 'loud' } },
  'a non-numeric option': { checks: { [someCheck]: { severity: 'hint', threshold: 'high' } } },
  'a lexicon change that is not add/remove': { lexicon: { hedges: { append: ['maybe'] } } },
  'a source without a name': { sources: [{ kind: 'partisan' }] },
  'ignore as a string': { ignore: 'drafts/**' },
  'an unknown markup': { languages: { '.rst': 'restructuredtext' } },
};

for (const [name, config] of Object.entries(good)) {
  test(`accepts ${name}`, () => assert.ok(validate(config), JSON.stringify(validate.errors)));
}
for (const [name, config] of Object.entries(bad)) {
  test(`rejects ${name}`, () => assert.equal(validate(config), false));
}

/** `evidential check`'s exit code on a small document under `config` (2 = configuration error). */
function parserExit(config) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidential-schema-'));
  try {
    fs.writeFileSync(path.join(dir, '.evidential.json'), JSON.stringify(config));
    fs.writeFileSync(path.join(dir, 'note.md'), 'The library opens at nine.\n');
    return spawnSync(BINARY, ['check', '--fail-on', 'never', 'note.md'], { cwd: dir, encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('the parser agrees with the schema on every sample', needsBinary, () => {
  for (const [name, config] of Object.entries(good)) {
    const r = parserExit(config);
    assert.equal(r.status, 0, `parser rejected "${name}": ${r.stderr}`);
  }
  // The parser does not know "$schema"-style metadata beyond what it skips; lexicon list names and
  // source fields it may accept loosely, so only rejections the parser is specified to make are compared.
  for (const name of ['an unknown top-level key', 'an unknown check id', 'an unknown level', 'a non-numeric option',
    'a lexicon change that is not add/remove', 'a source without a name', 'ignore as a string', 'an unknown markup']) {
    const r = parserExit(bad[name]);
    assert.equal(r.status, 2, `parser accepted "${name}"`);
  }
});
