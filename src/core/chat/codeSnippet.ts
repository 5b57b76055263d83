/**
 * "Copy as code": the current conversation and its parameters as a ready-to-run TypeScript, Python or
 * curl snippet that streams the next reply. The key is always read from `ANTHROPIC_API_KEY`; it is
 * never an input here, and key-shaped strings inside the conversation are masked.
 */
import { curlSnippet } from './codeSnippetCurl';
import { pythonSnippet } from './codeSnippetPython';
import { prepareSnippet } from './codeSnippetRequest';
import type { SnippetOptions, SnippetRequest } from './codeSnippetRequest';
import { typescriptSnippet } from './codeSnippetTypescript';

import type { SnippetLanguage } from '../../shared/chatProtocol';

export type { SnippetOptions, SnippetRequest } from './codeSnippetRequest';

/** Throws only for a base URL that is not an http(s) URL (with a message fit for the user). */
export function toCodeSnippet(language: SnippetLanguage, request: SnippetRequest, options: SnippetOptions = {}): string {
  const prepared = prepareSnippet(request, options);
  switch (language) {
    case 'typescript':
      return typescriptSnippet(prepared);
    case 'python':
      return pythonSnippet(prepared);
    case 'curl':
      return curlSnippet(prepared);
  }
}
