/**
 * Things that expire, in the order they were added, which is the order they expire in when each
 * lives a fixed time and the clock moves forward. Expiring is O(1) per item, and a check with
 * nothing due costs one comparison. (A Map used as a queue is not: deleting from its front leaves
 * tombstones that every later walk from the front steps over.)
 */
export class ExpiryQueue<T> {
  private items: { item: T; expiresAt: number }[] = [];
  private head = 0;

  add(item: T, expiresAt: number): void {
    this.items.push({ item, expiresAt });
  }

  /** Hands every item due at `now` to `expire`, oldest first. */
  expireUntil(now: number, expire: (item: T) => void): void {
    while (this.head < this.items.length) {
      const next = this.items[this.head] as { item: T; expiresAt: number };
      if (next.expiresAt > now) break;
      this.head++;
      expire(next.item);
    }
    // Drop the spent front once it is most of the array, so memory follows what is left.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
