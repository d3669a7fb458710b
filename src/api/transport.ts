// The HTTP stack under ofetch: the part of fetch() that ofetch uses, on node:http. Measured here
// on Node 20: the built-in fetch (and its global Headers) loads undici, ~30 ms of start-up and
// ~10 MiB; node-fetch, which we used before, ~20 ms with the https, zlib and multipart code it
// loads up front. This loads node:http, and node:https only for an https URL. It never follows
// redirects (the client refuses them) and never decompresses (the client does not ask for it).
import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';

/** What ofetch needs of `Headers`: a case-insensitive map it can build, merge and read. */
export class TransportHeaders {
  readonly #values = new Map<string, string>();

  constructor(init?: Iterable<readonly [string, string]> | Record<string, string | readonly string[] | undefined>) {
    if (!init) return;
    const entries = Symbol.iterator in init ? (init as Iterable<readonly [string, string]>) : Object.entries(init);
    for (const [name, value] of entries)
      if (value !== undefined) this.set(name, Array.isArray(value) ? value.join(', ') : String(value));
  }

  get(name: string): string | null {
    return this.#values.get(name.toLowerCase()) ?? null;
  }

  set(name: string, value: string): void {
    this.#values.set(name.toLowerCase(), String(value));
  }

  has(name: string): boolean {
    return this.#values.has(name.toLowerCase());
  }

  delete(name: string): void {
    this.#values.delete(name.toLowerCase());
  }

  forEach(callback: (value: string, name: string) => void): void {
    this.#values.forEach(callback);
  }

  entries(): IterableIterator<[string, string]> {
    return this.#values.entries();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.#values.entries();
  }
}

export interface TransportResponse {
  status: number;
  statusText: string;
  ok: boolean;
  url: string;
  redirected: false;
  headers: TransportHeaders;
  /** The body as a Node stream (async-iterable); a cancelled request destroys it. */
  body: IncomingMessage;
}

interface TransportInit {
  method?: string;
  headers?: TransportHeaders | Record<string, string>;
  body?: string | Uint8Array | null;
  signal?: AbortSignal | null;
}

function transportFetch(input: string | URL, init: TransportInit = {}): Promise<TransportResponse> {
  const url = new URL(input);
  return new Promise((resolve, reject) => {
    const { signal } = init;
    if (signal?.aborted) return reject(abortError(signal));
    const headers = init.headers instanceof TransportHeaders ? init.headers : new TransportHeaders(init.headers);
    const body = typeof init.body === 'string' ? Buffer.from(init.body) : (init.body ?? undefined);
    if (body) headers.set('content-length', String(body.byteLength));
    const options: RequestOptions = { method: init.method ?? 'GET', headers: Object.fromEntries(headers) };
    const request: ClientRequest =
      url.protocol === 'https:'
        ? process.getBuiltinModule('node:https').request(url, options)
        : httpRequest(url, options);
    let response: IncomingMessage | undefined;
    const onAbort = () => {
      const reason = abortError(signal);
      request.destroy(reason);
      response?.destroy(reason);
      reject(reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const forget = () => signal?.removeEventListener('abort', onAbort);
    request.on('error', (error) => {
      forget();
      reject(error);
    });
    request.once('response', (incoming) => {
      response = incoming;
      incoming.once('close', forget);
      resolve({
        status: incoming.statusCode ?? 0,
        statusText: incoming.statusMessage ?? '',
        ok: (incoming.statusCode ?? 0) >= 200 && (incoming.statusCode ?? 0) < 300,
        url: url.href,
        redirected: false,
        headers: new TransportHeaders(incoming.headers),
        body: incoming,
      });
    });
    request.end(body);
  });
}

function abortError(signal: AbortSignal | null | undefined): Error {
  const error = new Error('The request was aborted', { cause: signal?.reason });
  error.name = 'AbortError';
  return error;
}

export const transport = {
  fetch: transportFetch as unknown as typeof globalThis.fetch,
  Headers: TransportHeaders as unknown as typeof globalThis.Headers,
  AbortController: globalThis.AbortController,
};

/** A response body as this transport gives it: a Node stream, read by iterating. */
export type ResponseBody = AsyncIterable<Uint8Array> & { destroy: () => void };

/** Drops a body that will not be read, so the connection can be reused or closed. */
export function discardBody(body: unknown): void {
  (body as ResponseBody | null | undefined)?.destroy();
}
