// The HTTP stack under ofetch: node-fetch (over node:http) instead of Node 20's built-in fetch.
// Measured here: undici, which the built-in fetch loads on first use, costs ~40 ms of start-up
// and ~25 MiB of peak memory; node:http is already cheap to load. node-fetch-native is what
// ofetch itself falls back to, so this adds no code to the bundle.
import nodeFetch, { AbortController, Headers } from 'node-fetch-native/node';

export const transport = {
  fetch: nodeFetch as unknown as typeof globalThis.fetch,
  Headers: Headers as unknown as typeof globalThis.Headers,
  AbortController: AbortController as unknown as typeof globalThis.AbortController,
};

/** A response body, as node-fetch gives it (a Node stream) or as a web stream: both iterate. */
export type ResponseBody = AsyncIterable<Uint8Array> & { destroy?: () => void; cancel?: () => Promise<void> };

/** Drops a body that will not be read, so the connection can be reused or closed. */
export function discardBody(body: unknown): void {
  const stream = body as ResponseBody | null | undefined;
  if (stream?.destroy) stream.destroy();
  else void stream?.cancel?.().catch(() => undefined);
}
