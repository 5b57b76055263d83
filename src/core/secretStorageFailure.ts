import { SecretStorageError } from './keyErrors';
import { scrubKeys } from './scrubKeys';
import { errorMessage } from './errorMessage';

/**
 * Turns a SecretStorage failure into an error that says what failed and how to fix it. The usual cause
 * is Linux without a running, unlocked keyring; we never fall back to a file or settings instead.
 */
export function secretStorageFailure(operation: 'read' | 'save' | 'delete', cause: unknown): SecretStorageError {
  const reason = scrubKeys(errorMessage(cause));
  const outcome =
    operation === 'save'
      ? 'The key was NOT saved, and nothing was written anywhere else.'
      : operation === 'delete'
        ? 'The key may still be stored.'
        : 'Stored keys are not lost; they cannot be read right now.';
  return new SecretStorageError(
    `VS Code could not ${operation} the API key in its secret storage (the operating system's keychain): ${reason}. ${outcome} ` +
      'On Linux, install and unlock a keyring (e.g. `sudo apt install gnome-keyring`, then log in again) or start VS Code with ' +
      '`--password-store=gnome-libsecret`; on macOS and Windows, check that the keychain / Credential Manager is unlocked. Then try again.',
  );
}
