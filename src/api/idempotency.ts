// node:crypto loads on the first key, not with the TUI's first frame (which imports this module).
/** A fresh Idempotency-Key: one per invitation, reused on every retry of that invitation. */
export function newIdempotencyKey(): string {
  // randomUUID builds its text piece by piece, a chain of some twenty string nodes (~600 B) as
  // long as it is kept; a bulk run keeps one key per row. A flat copy is ~60 B.
  return Buffer.from(process.getBuiltinModule('node:crypto').randomUUID(), 'latin1').toString('latin1');
}
