import { randomUUID } from 'node:crypto';

/** A fresh Idempotency-Key: one per invitation, reused on every retry of that invitation. */
export function newIdempotencyKey(): string {
  return randomUUID();
}
