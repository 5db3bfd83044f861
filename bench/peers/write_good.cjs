// Runs write-good's API (all default checks) over each file named on the command line and prints
// one count per file. Its CLI's annotate step is quadratic in the file size, so timing the API alone is
// the comparison that favours write-good.
'use strict';
const fs = require('fs');
const writeGood = require('write-good');

let total = 0;
for (const file of process.argv.slice(2)) {
  const suggestions = writeGood(fs.readFileSync(file, 'utf8'));
  total += suggestions.length;
  process.stdout.write(`${file}\t${suggestions.length}\n`);
}
process.stderr.write(`write-good: ${total} suggestion(s)\n`);
