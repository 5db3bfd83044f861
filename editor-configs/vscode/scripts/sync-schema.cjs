#!/usr/bin/env node
// Keeps what editors offer for .evidential.json equal to what Evidential has, by rewriting the derived
// parts of schemas/evidential.schema.json and the `evidential.checks` setting in package.json from
//   - the binary's checks (`evidential checks --format json`: id, summary, default severity),
//   - the word lists (grammar/lexicon/*.tsv) and the registry's source kinds (grammar/sources/).
//   node scripts/sync-schema.cjs [path/to/evidential]           rewrite both files
//   node scripts/sync-schema.cjs [path/to/evidential] --check   exit 1 when either is out of date
// The binary defaults to $EVIDENTIAL, then ../../build/evidential.
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const SCHEMA = path.join(ROOT, 'schemas', 'evidential.schema.json');
const MANIFEST = path.join(ROOT, 'package.json');
const REPO = path.resolve(ROOT, '../..');

/** The binary's checks, as `evidential checks --format json` lists them. */
function liveChecks(binary) {
  const out = execFileSync(binary, ['checks', '--format', 'json'], { encoding: 'utf8' });
  return JSON.parse(out).map((c) => ({ id: c.id, summary: c.summary, severity: c.default_severity }));
}

function describe(check) {
  return `${check.summary} Default: \`${check.severity}\`. \`evidential explain ${check.id}\` tells more.`;
}

/** The word lists: file name and the gist of the file's first comment line. */
function lexiconLists() {
  const dir = path.join(REPO, 'grammar/lexicon');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.tsv'))
    .sort()
    .map((f) => {
      const first = fs.readFileSync(path.join(dir, f), 'utf8').split('\n')[0].replace(/^#\s*/, '');
      return { name: f.slice(0, -4), description: first.split(/[:(]/)[0].trim() };
    });
}

function sourceKinds() {
  const registry = JSON.parse(fs.readFileSync(path.join(REPO, 'grammar/sources/registry.json'), 'utf8'));
  return Object.entries(registry.kinds).map(([name, description]) => ({ name, description }));
}

/** The schema with its derived lists replaced; everything else is kept as written. */
function withChecks(schema, checks, lists = lexiconLists(), kinds = sourceKinds()) {
  const s = structuredClone(schema);
  s.definitions.lexiconList = { enum: lists.map((l) => l.name), markdownEnumDescriptions: lists.map((l) => l.description) };
  const kind = s.definitions.source.properties.kind;
  kind.enum = kinds.map((k) => k.name);
  kind.markdownEnumDescriptions = kinds.map((k) => k.description);
  s.definitions.checkId.enum = checks.map((c) => c.id);
  s.properties.checks.properties = Object.fromEntries(
    checks.map((c) => [c.id, { $ref: '#/definitions/checkSetting', markdownDescription: describe(c) }]),
  );
  return s;
}

/** The manifest with `evidential.checks` offering the same ids (VS Code's settings editor and completion). */
function manifestWithChecks(manifest, checks) {
  const m = structuredClone(manifest);
  const setting = m.contributes.configuration.properties['evidential.checks'];
  setting.properties = Object.fromEntries(
    checks.map((c) => [
      c.id,
      {
        anyOf: [
          { type: 'string', enum: ['off', 'hint', 'information', 'warning', 'error'] },
          { type: 'object', properties: { severity: { type: 'string', enum: ['off', 'hint', 'information', 'warning', 'error'] } }, additionalProperties: { type: 'number' } },
        ],
        markdownDescription: describe(c),
      },
    ]),
  );
  setting.additionalProperties = false;
  return m;
}

const serialize = (value) => JSON.stringify(value, null, 2) + '\n';

function main(argv) {
  const check = argv.includes('--check');
  const binary = argv.find((a) => !a.startsWith('--')) || process.env.EVIDENTIAL || path.resolve(ROOT, '../../build/evidential');
  const checks = liveChecks(binary);
  const files = [
    [SCHEMA, (text) => serialize(withChecks(JSON.parse(text), checks))],
    [MANIFEST, (text) => serialize(manifestWithChecks(JSON.parse(text), checks))],
  ];
  let stale = 0;
  for (const [file, update] of files) {
    const before = fs.readFileSync(file, 'utf8');
    const after = update(before);
    if (before === after) continue;
    if (check) {
      stale += 1;
      console.error(`${path.relative(process.cwd(), file)} does not list the checks of ${binary}; run node editor-configs/vscode/scripts/sync-schema.cjs`);
    } else {
      fs.writeFileSync(file, after);
      console.log(`updated ${path.relative(process.cwd(), file)}`);
    }
  }
  console.log(`checks of ${binary}: ${checks.map((c) => c.id).join(', ')}`);
  return stale === 0 ? 0 : 1;
}

module.exports = { liveChecks, lexiconLists, sourceKinds, withChecks, manifestWithChecks };
if (require.main === module) process.exit(main(process.argv.slice(2)));
