/**
 * Commands take argument objects so tests can run them without UI, and some of those arguments answer a
 * question in the user's place (`confirm: true` to delete a key, `force: true` to store a wrong-looking
 * one, a path to write the usage CSV to). Any installed extension can run our commands with any
 * arguments, so outside the extension's own test runs those answers are dropped and the user is asked.
 */
export const callerAnswerFields = ['confirm', 'force'] as const;

/** `args` without the fields that answer for the user, unless the caller is trusted (our test runs). */
export function honouredArgs<T extends object>(args: T, callerTrusted: boolean): T {
  if (callerTrusted) return args;
  const kept: Record<string, unknown> = { ...(args as Record<string, unknown>) };
  for (const field of callerAnswerFields) delete kept[field];
  return kept as T;
}

/** A file path handed to a command that writes files: only our test runs may skip the save dialog. */
export function honouredTargetPath<T>(target: T, callerTrusted: boolean): T | undefined {
  return callerTrusted ? target : undefined;
}

/**
 * The extension's exported API as other extensions see it: the chat (which spends the key and reads the
 * conversations) is left out except in the extension's own test runs.
 */
export function publicExports<T extends { chat: unknown }>(api: T, callerTrusted: boolean): T | Omit<T, 'chat'> {
  if (callerTrusted) return api;
  const { chat: _chat, ...rest } = api;
  return rest;
}
