/**
 * The text block a text attachment is sent as: a heading naming the file (and the lines of a selection),
 * then the content in a code fence longer than any backtick run inside it, so the content cannot end the
 * fence early.
 */

export interface TextAttachmentHeading {
  name: string;
  lines?: { start: number; end: number };
  languageId?: string;
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 96) longest = Math.max(longest, ++run);
    else run = 0;
  }
  return longest;
}

/** `File src/app.ts, lines 3-10:` and the fenced content. */
export function textAttachmentBlock({ name, lines, languageId }: TextAttachmentHeading, content: string): string {
  const where = lines ? (lines.start === lines.end ? `, line ${lines.start}` : `, lines ${lines.start}-${lines.end}`) : '';
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(content) + 1));
  const language = languageId && /^[\w+#.-]{1,40}$/.test(languageId) && languageId !== 'plaintext' ? languageId : '';
  return `File ${name}${where}:\n${fence}${language}\n${content}${content.endsWith('\n') ? '' : '\n'}${fence}`;
}
