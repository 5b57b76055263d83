// A long, realistic markdown reply (headings, prose, lists, tables, fenced code in several languages),
// the kind that exposes renderers doing work proportional to the whole message on every chunk.
// Deterministic: the same size always gives the same text.

function section(index: number): string {
  const n = index + 1;
  return [
    `## Step ${n}: handling batch ${n} of the pipeline`,
    '',
    `Section ${n} explains how the worker processes **batch ${n}**, why it retries with _exponential backoff_, ` +
      `and where the \`RateLimiter\` fits. See [the docs](https://docs.example.com/batches/${n}) for details.`,
    '',
    `- Read the input queue (\`queue-${n}\`) and group items by tenant`,
    `- Validate each item; reject malformed ones with a clear reason`,
    `  - nested detail: keep the original payload for the audit log`,
    `- Write results, then acknowledge the batch`,
    '',
    '| field | type | notes |',
    '| --- | --- | --- |',
    `| id | string | \`batch-${n}\` |`,
    `| size | number | ${n * 16} items |`,
    '| retries | number | at most 5 |',
    '',
    '```typescript',
    `export async function processBatch${n}(items: readonly Item[], limiter: RateLimiter): Promise<Result[]> {`,
    '  const results: Result[] = [];',
    '  for (const item of items) {',
    '    await limiter.acquire();',
    `    results.push({ id: item.id, ok: item.size < ${n * 100}, note: \`batch ${n}\` });`,
    '  }',
    '  return results;',
    '}',
    '```',
    '',
    '```python',
    `def summarize_batch_${n}(results: list[dict]) -> dict:`,
    '    """Count successes and failures."""',
    '    ok = sum(1 for r in results if r["ok"])',
    `    return {"batch": ${n}, "ok": ok, "failed": len(results) - ok}`,
    '```',
    '',
    `> Note ${n}: a batch that fails validation is never partially written.`,
    '',
    '```bash',
    `curl -s https://api.example.com/batches/${n} -H "accept: application/json" | jq '.items | length'`,
    '```',
    '',
    '',
  ].join('\n');
}

/** Markdown of about `bytes` UTF-8 bytes (whole sections, so at least one), ending with a summary line. */
export function largeMarkdown(bytes = 200_000): string {
  const parts = ['# Processing pipeline walkthrough\n\n'];
  let size = parts[0].length;
  for (let index = 0; size < bytes - 80 || index === 0; index++) {
    const next = section(index);
    parts.push(next);
    size += Buffer.byteLength(next);
  }
  parts.push(`That covers all ${parts.length - 1} steps.\n`);
  return parts.join('');
}
