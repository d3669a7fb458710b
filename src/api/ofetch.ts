// ofetch, loaded without waking undici. Its entry builds a ready-made instance when it loads,
// reading globalThis.Headers, and in Node 20 that getter loads undici (the built-in fetch), which
// this client never uses: it gives ofetch its own transport. The getter is set aside while ofetch
// loads and put back right after, so `Headers` still works for any other code.
import type * as OfetchModule from 'ofetch';

const headers = Object.getOwnPropertyDescriptor(globalThis, 'Headers');
Object.defineProperty(globalThis, 'Headers', { value: undefined, configurable: true, writable: true });
let ofetch: typeof OfetchModule;
try {
  ofetch = await import('ofetch');
} finally {
  if (headers) Object.defineProperty(globalThis, 'Headers', headers);
}

export const { createFetch } = ofetch;
export type { FetchResponse } from 'ofetch';
