/**
 * Errors the key store and client factory throw on purpose. They carry `name` as an own string so
 * `classifyApiError` recognises them after minification (class names do not survive it).
 */

/** No key is stored for the active profile (or there is no profile at all). */
export class NoApiKeyError extends Error {
  override readonly name = 'NoApiKeyError';
  constructor(message = 'No Claude API key is set. Run "Claude API: Set API Key" to store one in VS Code\'s secret storage.') {
    super(message);
  }
}

/** VS Code's SecretStorage (the OS keychain) failed; the message says how to fix it. Never holds a key. */
export class SecretStorageError extends Error {
  override readonly name = 'SecretStorageError';
}

/** Thrown by commands when the user cancels an input; entry points treat it as a quiet no-op. */
export class UserCancelledError extends Error {
  override readonly name = 'UserCancelledError';
  constructor() {
    super('Cancelled.');
  }
}
