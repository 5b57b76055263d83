const dayMs = 24 * 60 * 60 * 1000;

/**
 * Conversations `claudeApi.history.retentionDays` says to delete: untouched for longer than that many
 * days. `0` (or less) keeps everything.
 */
export function expiredConversationIds(conversations: readonly { id: string; updatedAt: number }[], retentionDays: number, now: number): string[] {
  if (!(retentionDays > 0)) return [];
  const cutoff = now - retentionDays * dayMs;
  return conversations.filter((conversation) => conversation.updatedAt < cutoff).map((conversation) => conversation.id);
}
