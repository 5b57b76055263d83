import { parsers } from '../test/unit/promptTestSupport';
async function main() {
  const lang = process.argv[2] as 'python';
  const text = require('node:fs').readFileSync(process.argv[3], 'utf8');
  const d = await parsers.open(lang, text);
  console.log(d.tree(text).rootNode.toString());
}
void main();
