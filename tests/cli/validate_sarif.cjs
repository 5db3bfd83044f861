// Validates SARIF logs against the SARIF 2.1.0 JSON schema (the copy @microsoft/jest-sarif ships), with
// ajv's draft-04 build and format checks. usage: node validate_sarif.cjs LOG.sarif...
// Exits 0 when every log is valid; prints each error with its JSON pointer otherwise.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');

const schemaPath = path.join(path.dirname(require.resolve('@microsoft/jest-sarif/package.json')),
  'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
// The schema's "language" pattern is not valid with the u flag, which ajv uses by default.
const ajv = new Ajv({allErrors: true, strict: false, unicodeRegExp: false});
addFormats(ajv);
const validate = ajv.compile(schema);

let failed = 0;
for (const file of process.argv.slice(2)) {
  const log = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (validate(log)) continue;
  failed++;
  for (const e of validate.errors) console.log(`${file}: ${e.instancePath || '/'} ${e.message}`);
}
process.exit(failed ? 1 : 0);
