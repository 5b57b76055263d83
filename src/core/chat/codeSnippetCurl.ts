/** The curl "Copy as code" snippet: a streamed POST with the JSON body in a quoted here-document. */
import type { PreparedSnippet } from './codeSnippetRequest';
import { defaultBaseUrl } from '../baseUrl';

/** The API version the SDKs send; the snippet asks for the same behaviour. */
export const snippetApiVersion = '2026-10-21';

/** A POSIX shell single-quoted word: nothing inside is expanded. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function curlSnippet({ body, baseUrl, maskedKeys }: PreparedSnippet): string {
  const json = JSON.stringify({ ...body, stream: true }, null, 2);
  // A quoted delimiter turns off every expansion in the body; pick one no line of the body equals.
  let delimiter = 'JSON';
  while (json.split('\n').includes(delimiter)) delimiter += '_END';
  const lines = [
    '# Streams a reply to this conversation as server-sent events.',
    '# The API key is read from the ANTHROPIC_API_KEY environment variable; never paste it here.',
  ];
  if (maskedKeys > 0) lines.push(`# ${maskedKeys} key-shaped string(s) in the conversation were masked.`);
  lines.push(
    `curl --no-buffer ${shellQuote(`${baseUrl ?? defaultBaseUrl}/v1/messages`)} \\`,
    '  --header "x-api-key: $ANTHROPIC_API_KEY" \\',
    `  --header "anthropic-version: ${snippetApiVersion}" \\`,
    '  --header "content-type: application/json" \\',
    `  --data-binary @- <<'${delimiter}'`,
    json,
    delimiter,
    '',
  );
  return lines.join('\n');
}
