import * as assert from 'node:assert';
import { scan } from './promptTestSupport';

const systemPrompt = `You are a careful reviewer. ${'Explain each finding with the line it is on and why it matters. '.repeat(6)}`;

describe('prompt literal finder: hostile input', () => {
  // Before the fix the name search was `/[\w$]*(?:prompt|…)[\w$]*/gi`, which restarts at every
  // character of a word run: 18 s for 80K characters, minutes for this file (the stage timeout fails it).
  it('reads a file with a 100K-character word run in linear time and still finds the constants around it', async () => {
    const run = 'QUJD'.repeat(25_000);
    const text = [
      "import Anthropic from '@anthropic-ai/sdk';",
      `const SYSTEM_PROMPT = ${JSON.stringify(systemPrompt)};`,
      `const blob = '${run}';`,
      `const templatePromptsystem${run.slice(0, 100)} = ${JSON.stringify(systemPrompt)};`,
      `const REVIEW_INSTRUCTIONS = ${JSON.stringify(systemPrompt)};`,
    ].join('\n');
    const result = await scan(text, 'typescript');
    assert.deepStrictEqual(
      result.literals.map((literal) => literal.name),
      ['SYSTEM_PROMPT', `templatePromptsystem${run.slice(0, 100)}`, 'REVIEW_INSTRUCTIONS'],
    );
  });

  it('skips prompt words inside a long data run (a name is never that long)', async () => {
    const run = `${'x'.repeat(40_000)}system_prompt${'y'.repeat(40_000)}`;
    const text = `import anthropic\ndata = "${run}"\n${run} = ${JSON.stringify(systemPrompt)}\n`;
    const result = await scan(text, 'python');
    assert.deepStrictEqual(result.literals, []);
  });
});
