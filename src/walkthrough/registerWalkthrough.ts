import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { Ctx } from '../ctx';

/** A request the prompt lens prices at once, with no project of one's own. */
const promptSample = `import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic(); // reads ANTHROPIC_API_KEY

const SYSTEM_PROMPT = 'You are a careful code reviewer. Point out bugs first, then style, and keep each remark short.';

// The line above the call shows its estimated tokens and cost; hover the call to compare models.
const reply = await client.messages.create({
  model: 'claude-sonnet-5-5',
  max_tokens: 1024,
  system: SYSTEM_PROMPT,
  messages: [{ role: 'user', content: 'Review this function: function add(a, b) { return a - b; }' }],
});
console.log(reply.content);
`;

/** The walkthrough's own command: its lens step opens an untitled TypeScript file with an SDK call. */
export function registerWalkthrough(ctx: Ctx): void {
  ctx.registerCommand(CommandIds.walkthroughOpenPromptSample, async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: promptSample });
    await vscode.window.showTextDocument(document);
  });
}
