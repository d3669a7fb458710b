/** A mistake in how a command was called: its message is shown as is, and the exit code is 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
