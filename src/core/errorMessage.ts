/** What to say about anything thrown: an Error's message, anything else as text (a string thrown as is). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
