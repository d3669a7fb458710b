// The `fetch` under ofetch, on node:http. Node 20's own fetch (and its global Headers) loads
// undici at first use, which every command and the TUI's first org list would pay for; this loads
// node:http, and node:https only for an https URL. It never follows redirects (the client refuses
// them) and never decompresses (the client does not ask for it). It implements the standard
// `fetch`, `Headers` and `Response` types, so ofetch takes it as it is.
import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Readable } from 'node:stream';

// The standard types, as the global `fetch` and `Headers` declare them.
type HeadersInit = ConstructorParameters<typeof Headers>[0];
type RequestInfo = Parameters<typeof fetch>[0];
type KeysIterator = ReturnType<Headers['keys']>;
type EntriesIterator = ReturnType<Headers['entries']>;

/** `Headers` on a Map: case-insensitive names, values joined as the standard does. */
export class TransportHeaders implements Headers {
  readonly #values = new Map<string, string>();

  constructor(init?: HeadersInit | Record<string, string | readonly string[] | undefined>) {
    if (!init) return;
    const entries = Symbol.iterator in init ? (init as Iterable<readonly [string, string]>) : Object.entries(init);
    for (const [name, value] of entries)
      if (value !== undefined) this.append(name, Array.isArray(value) ? value.join(', ') : String(value));
  }

  append(name: string, value: string): void {
    const current = this.get(name);
    this.set(name, current === null ? value : `${current}, ${value}`);
  }

  delete(name: string): void {
    this.#values.delete(name.toLowerCase());
  }

  get(name: string): string | null {
    return this.#values.get(name.toLowerCase()) ?? null;
  }

  getSetCookie(): string[] {
    const value = this.get('set-cookie');
    return value === null ? [] : [value];
  }

  has(name: string): boolean {
    return this.#values.has(name.toLowerCase());
  }

  set(name: string, value: string): void {
    this.#values.set(name.toLowerCase(), String(value));
  }

  forEach(callback: (value: string, name: string, headers: Headers) => void): void {
    for (const [name, value] of this.#values) callback(value, name, this);
  }

  keys(): KeysIterator {
    return this.#values.keys();
  }

  values(): KeysIterator {
    return this.#values.values();
  }

  entries(): EntriesIterator {
    return this.#values.entries();
  }

  [Symbol.iterator](): EntriesIterator {
    return this.#values.entries();
  }
}

/** A response whose body is the socket's stream, read once by the client. */
class TransportResponse implements Response {
  readonly type = 'basic';
  readonly redirected = false;
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: TransportHeaders;
  readonly body: ReadableStream<Uint8Array>;
  readonly #incoming: IncomingMessage;

  constructor(
    readonly url: string,
    incoming: IncomingMessage,
  ) {
    this.status = incoming.statusCode ?? 0;
    this.statusText = incoming.statusMessage ?? '';
    this.ok = this.status >= 200 && this.status < 300;
    this.headers = new TransportHeaders(incoming.headers);
    this.#incoming = incoming;
    this.body = Readable.toWeb(incoming) as ReadableStream<Uint8Array>;
  }

  get bodyUsed(): boolean {
    return this.body.locked;
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    const chunks: Uint8Array[] = [];
    for await (const chunk of this.body) chunks.push(chunk);
    return new Uint8Array(Buffer.concat(chunks));
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return (await this.bytes()).buffer;
  }

  async text(): Promise<string> {
    return new TextDecoder().decode(await this.bytes());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async blob(): Promise<Blob> {
    return new Blob([await this.bytes()], { type: this.headers.get('content-type') ?? '' });
  }

  // Form data and cloning would need undici's implementations; the client asks for neither.
  formData(): Promise<FormData> {
    return Promise.reject(new TypeError('transport: form data bodies are not supported'));
  }

  clone(): Response {
    throw new TypeError('transport: responses cannot be cloned');
  }

  /** Stops reading: the connection is closed rather than drained. */
  discard(): void {
    this.#incoming.destroy();
  }
}

export function transportFetch(input: RequestInfo, init: RequestInit = {}): Promise<Response> {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  return new Promise((resolve, reject) => {
    const { signal } = init;
    if (signal?.aborted) return reject(abortError(signal));
    const headers = new TransportHeaders(init.headers);
    const body = requestBody(init.body);
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
      resolve(new TransportResponse(url.href, incoming));
    });
    request.end(body);
  });
}

/** The bodies the client sends: text (ofetch serializes JSON) or bytes. */
function requestBody(body: RequestInit['body']): Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return body;
  throw new TypeError('transport: only text and byte bodies are supported');
}

function abortError(signal: AbortSignal | null | undefined): Error {
  const error = new Error('The request was aborted', { cause: signal?.reason });
  error.name = 'AbortError';
  return error;
}

/** Drops a body that will not be read, so the connection is closed rather than drained. */
export function discardBody(response: Response): void {
  if (response instanceof TransportResponse) response.discard();
  else void response.body?.cancel();
}
