// Turning what a person pastes into addresses the API will accept. Shared by the TUI and the
// scriptable commands. Pure: no I/O.
import { domainToASCII, domainToUnicode } from 'node:url';
import { emailSchema } from '../api/schemas.js';

export interface ParsedAddress {
  /** What was typed, for messages. */
  input: string;
  /** The address to send: domain lower-cased and, if international, in its ASCII (punycode) form. */
  email: string;
  /** The address as people read it (Unicode domain). */
  display: string;
}

export interface RejectedAddress {
  input: string;
  reason: string;
}

export interface AddressList {
  valid: ParsedAddress[];
  invalid: RejectedAddress[];
  /** How many repeats of an earlier address were dropped. */
  duplicates: number;
}

const SEPARATORS = /[,;\r\n\t]+/;
const BRACKETED = /<([^<>]*)>/g;

/** Splits pasted text on commas, semicolons, whitespace and newlines; accepts `Name <addr>`. */
export function parseAddressList(text: string): AddressList {
  const list: AddressList = { valid: [], invalid: [], duplicates: 0 };
  const seen = new Set<string>();
  for (const candidate of candidates(text)) {
    const result = parseAddress(candidate);
    if ('reason' in result) list.invalid.push(result);
    else if (seen.has(result.email)) list.duplicates++;
    else {
      seen.add(result.email);
      list.valid.push(result);
    }
  }
  return list;
}

function candidates(text: string): string[] {
  return text.split(SEPARATORS).flatMap((chunk) => {
    const bracketed = [...chunk.matchAll(BRACKETED)].map((match) => match[1] ?? '');
    if (bracketed.length === 0) return chunk.split(/\s+/).filter(Boolean);
    // `Name <addr>`: the name is dropped; stray addresses beside it are kept.
    const rest = chunk
      .replace(BRACKETED, ' ')
      .split(/\s+/)
      .filter((word) => word.includes('@'));
    return [...bracketed.map((address) => address.trim()), ...rest];
  });
}

export function parseAddress(input: string): ParsedAddress | RejectedAddress {
  const trimmed = input
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/^["']|["']$/g, '');
  const at = trimmed.lastIndexOf('@');
  const reject = (reason: string): RejectedAddress => ({ input, reason });
  if (at < 0) return reject('missing @');
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1);
  if (!local) return reject('nothing before @');
  if (!domain) return reject('no domain after @');
  // International domains are deliberate: sent in ASCII (punycode), shown in Unicode.
  // Non-ASCII local parts need SMTPUTF8, which the API's validation does not accept.
  if (/[^\x20-\x7e]/.test(local)) return reject('non-ASCII characters before @ are not supported');
  const asciiDomain = domainToASCII(domain);
  if (!asciiDomain) return reject(`"${domain}" is not a valid domain`);
  if (!asciiDomain.includes('.')) return reject(`the domain needs a dot, e.g. ${asciiDomain}.com`);
  const email = `${local}@${asciiDomain}`;
  const result = emailSchema.safeParse(email);
  if (!result.success) return reject(result.error.issues[0]?.message ?? 'not a valid email address');
  return { input, email, display: `${local}@${domainToUnicode(asciiDomain)}` };
}
