/** The Python "Copy as code" snippet: the `anthropic` package, streaming, key from the environment. */
import { literal, pythonString, pythonStyle } from './codeSnippetLiterals';
import type { PreparedSnippet } from './codeSnippetRequest';
import { bodyFields } from './codeSnippetRequest';

export function pythonSnippet({ body, baseUrl, maskedKeys }: PreparedSnippet): string {
  const clientArguments = ['api_key=os.environ["ANTHROPIC_API_KEY"]'];
  if (baseUrl) clientArguments.push(`base_url=${pythonString(baseUrl)}`);
  const indent = '    ';
  const keywords = bodyFields(body).map(([key, value]) => `${indent}${key}=${literal(value, pythonStyle, indent, key.length + 1)},`);
  const lines = [
    '# Streams a reply to this conversation with the Anthropic Python SDK.',
    '# Run: pip install anthropic && ANTHROPIC_API_KEY=... python claude.py',
    '# The API key is read from the ANTHROPIC_API_KEY environment variable; never paste it here.',
  ];
  if (maskedKeys > 0) lines.push(`# ${maskedKeys} key-shaped string(s) in the conversation were masked.`);
  lines.push(
    'import os',
    'import sys',
    '',
    'import anthropic',
    '',
    `client = anthropic.Anthropic(${clientArguments.join(', ')})`,
    '',
    'with client.messages.stream(',
    ...keywords,
    ') as stream:',
    '    for event in stream:',
    '        if event.type == "content_block_delta":',
    '            if event.delta.type == "text_delta":',
    '                print(event.delta.text, end="", flush=True)',
    '            elif event.delta.type == "thinking_delta":',
    '                # Thinking goes to stderr, the answer to stdout.',
    '                print(event.delta.thinking, end="", file=sys.stderr, flush=True)',
    '    message = stream.get_final_message()',
    '',
    'usage = message.usage',
    'print(f"\\n\\n[{message.stop_reason}] {usage.input_tokens} input tokens, {usage.output_tokens} output tokens")',
    '',
  );
  return lines.join('\n');
}
