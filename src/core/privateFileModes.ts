/**
 * Conversations, the usage ledger and its CSV export are the user's own: readable by their account
 * only, whatever the umask (a shared machine's other users must not read the chats).
 */
export const privateFileMode = 0o600;
export const privateDirMode = 0o700;
