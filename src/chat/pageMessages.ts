import { scrubKeys } from '../core/scrubKeys';
import type { FromWebviewMessage, SnippetLanguage } from '../shared/chatProtocol';
import type { ChatLog, ChatSession } from '../core/chat/chatSession';
import { ChatRequestRefused } from '../core/chat/chatSession';
import type { ActionNotice } from './hostActions';
import { copyText, deliverSnippet, insertAtCursor, openLink, runAction } from './hostActions';
import { errorMessage } from '../core/errorMessage';

export interface PageMessageContext {
  session: ChatSession;
  log: ChatLog;
  showLog(): void;
  /** The "Copy as code" snippet of the active conversation, or undefined when it is not available. */
  snippet(language: SnippetLanguage): Promise<string | undefined>;
}

/**
 * Does what a (validated) page message asks. Never throws: a refusal becomes a notice in the page, an
 * unexpected failure is logged and shown. `ready` is the view's business and ignored here.
 */
export async function handlePageMessage(context: PageMessageContext, message: FromWebviewMessage): Promise<void> {
  const { session } = context;
  try {
    const notice = await dispatch(context, message);
    if (notice) session.notify(notice.level, notice.message);
  } catch (error) {
    if (error instanceof ChatRequestRefused) {
      session.notify('warning', error.message);
      return;
    }
    const reason = scrubKeys(errorMessage(error));
    context.log.error(`chat: ${message.type} failed: ${reason}`);
    session.notify('error', `${message.type} failed: ${reason}`);
  }
}

async function dispatch(context: PageMessageContext, message: FromWebviewMessage): Promise<ActionNotice> {
  const { session } = context;
  switch (message.type) {
    case 'ready':
      return undefined;
    case 'send':
      await session.send(message.text);
      return undefined;
    case 'stop':
      await session.stop();
      return undefined;
    case 'retry':
      await session.retry();
      return undefined;
    case 'continue':
      await session.continueReply();
      return undefined;
    case 'editLastUserMessage':
      await session.editLastUserMessage(message.text);
      return undefined;
    case 'newConversation':
      await session.newConversation();
      return undefined;
    case 'switchConversation':
      await session.switchConversation(message.conversationId);
      return undefined;
    case 'deleteConversation':
      await session.deleteConversation(message.conversationId);
      return undefined;
    case 'renameConversation':
      await session.renameConversation(message.conversationId, message.title);
      return undefined;
    case 'changeParameters':
      await session.changeParameters(message.patch);
      return undefined;
    case 'refreshModels':
      await session.refreshModels();
      return undefined;
    case 'copyAsCode': {
      const snippet = await context.snippet(message.language);
      if (snippet === undefined) return { level: 'warning', message: 'Copy as code is not available in this build.' };
      return deliverSnippet(snippet, message.language, message.target);
    }
    case 'copyText':
      return copyText(message.text);
    case 'insertAtCursor':
      return insertAtCursor(message.code, message.language);
    case 'openLink':
      return openLink(message.href);
    case 'runAction':
      return runAction(message.action, () => context.showLog());
  }
}
