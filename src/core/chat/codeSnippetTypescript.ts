/** The TypeScript "Copy as code" snippet: `@anthropic-ai/sdk`, streaming, key from the environment. */
import { literal, typescriptString, typescriptStyle } from './codeSnippetLiterals';
import type { PreparedSnippet } from './codeSnippetRequest';
import { bodyFields } from './codeSnippetRequest';

export function typescriptSnippet({ body, baseUrl, maskedKeys }: PreparedSnippet): string {
  const clientOptions = [`apiKey: process.env['ANTHROPIC_API_KEY']`];
  if (baseUrl) clientOptions.push(`baseURL: ${typescriptString(baseUrl)}`);
  const indent = '    ';
  const fields = bodyFields(body).map(([key, value]) => {
    const prefix = `${key}: `;
    return `${indent}${prefix}${literal(value, typescriptStyle, indent, prefix.length)},`;
  });
  const lines = [
    '// Streams a reply to this conversation with the Anthropic TypeScript SDK.',
    '// Run: npm install @anthropic-ai/sdk && ANTHROPIC_API_KEY=... npx tsx claude.ts',
    '// The API key is read from the ANTHROPIC_API_KEY environment variable; never paste it here.',
  ];
  if (maskedKeys > 0) lines.push(`// ${maskedKeys} key-shaped string(s) in the conversation were masked.`);
  lines.push(
    "import Anthropic from '@anthropic-ai/sdk';",
    '',
    `const client = new Anthropic({ ${clientOptions.join(', ')} });`,
    '',
    'async function main(): Promise<void> {',
    '  const stream = client.messages.stream({',
    ...fields,
    '  });',
  );
  if (body.thinking !== undefined) lines.push('  // Thinking goes to stderr, the answer to stdout.', '  stream.on(\'thinking\', (thinking) => process.stderr.write(thinking));');
  lines.push(
    "  stream.on('text', (text) => process.stdout.write(text));",
    '  const message = await stream.finalMessage();',
    '  const { input_tokens, output_tokens } = message.usage;',
    '  console.log(`\\n\\n[${message.stop_reason}] ${input_tokens} input tokens, ${output_tokens} output tokens`);',
    '}',
    '',
    'main().catch((error: unknown) => {',
    '  console.error(error);',
    '  process.exitCode = 1;',
    '});',
    '',
  );
  return lines.join('\n');
}
