// Runs retext-intensify (hedges, weasels, fillers) with the English parser over each file named on
// the command line and prints one count per file.
import fs from 'node:fs';
import {unified} from 'unified';
import retextEnglish from 'retext-english';
import retextIntensify from 'retext-intensify';
import {VFile} from 'vfile';

const processor = unified().use(retextEnglish).use(retextIntensify);
let total = 0;
for (const path of process.argv.slice(2)) {
  const file = new VFile({path, value: fs.readFileSync(path, 'utf8')});
  await processor.run(processor.parse(file), file);
  total += file.messages.length;
  process.stdout.write(`${path}\t${file.messages.length}\n`);
}
process.stderr.write(`retext-intensify: ${total} message(s)\n`);
