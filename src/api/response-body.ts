// Reading and interpreting response bodies that may be anything: JSON, an HTML page from a
// proxy, nothing at all, or megabytes. Every outcome is data, never an exception.

/** An error body only has to carry a message: anything past 1 MiB is noise (or an attack). */
export const MAX_ERROR_BODY_BYTES = 1024 * 1024;
/** A success body may be a long list (10,000 invitations are about 3 MB), but not unbounded. */
export const MAX_SUCCESS_BODY_BYTES = 64 * 1024 * 1024;

export interface BodyText {
  text: string;
  /** The body was longer than the cap; `text` holds its beginning. */
  truncated: boolean;
  /** The cap that applied, for the message. */
  limit?: number;
}

/** Reads at most `limit` bytes of a body, then drops the rest of the stream. */
export async function readBodyCapped(body: AsyncIterable<Uint8Array> | null, limit: number): Promise<BodyText> {
  if (!body) return { text: '', truncated: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  // Leaving the loop early closes the stream: the rest of an oversized body is never read.
  for await (const value of body) {
    const room = limit - size;
    chunks.push(value.byteLength > room ? value.subarray(0, room) : value);
    size += Math.min(value.byteLength, room);
    if (value.byteLength > room) {
      truncated = true;
      break;
    }
  }
  return { text: new TextDecoder().decode(Buffer.concat(chunks)), truncated, limit };
}

export type ParsedBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'empty' }
  | { kind: 'html'; title: string | undefined }
  | { kind: 'unreadable'; reason: string };

/** Parses a body as JSON whatever its content type claims, and says what it was if not JSON. */
export function parseBody(body: BodyText): ParsedBody {
  const text = body.text.trim();
  if (text === '') return { kind: 'empty' };
  if (body.truncated)
    return { kind: 'unreadable', reason: `the body is larger than ${(body.limit ?? 0) / 1024 / 1024} MiB` };
  if (/^<(?:!doctype|html|head|body|title|h1|center)\b/i.test(text)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    return { kind: 'html', title: title || undefined };
  }
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch {
    return { kind: 'unreadable', reason: 'the body is not valid JSON (truncated or garbled)' };
  }
}

/** A short human description of a body that is not what was expected. */
export function describeUnexpectedBody(parsed: ParsedBody): string {
  switch (parsed.kind) {
    case 'empty':
      return 'the response body is empty';
    case 'html':
      return parsed.title
        ? `the server sent an HTML page ("${parsed.title.slice(0, 120)}"), not JSON; a proxy or gateway may be in the way`
        : 'the server sent an HTML page, not JSON; a proxy or gateway may be in the way';
    case 'unreadable':
      return parsed.reason;
    case 'json':
      return 'the response does not match the API contract';
  }
}
