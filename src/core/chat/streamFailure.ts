/**
 * The error to classify for a failed streaming reply. The SDK's MessageStream wraps failures that are
 * not its own (a broken SSE line, a socket that died mid-reply) in a bare `AnthropicError` whose
 * `cause` is the real error, which would otherwise classify as "unexpected". A fetch body that stops
 * with `TypeError: terminated` is a dropped connection, so it is presented as the SDK's connection error.
 */
export function streamFailure(error: unknown): unknown {
  if (!(error instanceof Error) || error.name !== 'AnthropicError' || error.cause === undefined) return error;
  const cause = error.cause;
  if (cause instanceof TypeError && /terminated|other side closed|socket/i.test(cause.message)) {
    const connection = new Error(`Connection error: ${cause.message}`, { cause });
    connection.name = 'APIConnectionError';
    return connection;
  }
  return cause;
}
