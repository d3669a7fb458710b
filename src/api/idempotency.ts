// node:crypto loads on the first key, not with the TUI's first frame (which imports this module).
/** A fresh Idempotency-Key: one per invitation, reused on every retry of that invitation. */
export function newIdempotencyKey(): string {
  return process.getBuiltinModule('node:crypto').randomUUID();
}
