// Turning what a person pastes into addresses the API will accept. The one parser for the TUI
// and the scriptable commands. Pure: no I/O.
//
// Separators (commas, semicolons, spaces, new lines) count only outside "quotes" and <angle
// brackets>; a candidate with a display name or quoting goes to an RFC 5322 parser
// (email-addresses, in RFC 6532 mode so that internationalized domains survive), so
// `"Niaj, Jr." <niaj@example.com>` is one address. Domains may be Unicode or punycode: each
// address is sent with its domain in ASCII, compared case-insensitively, and shown as typed.
import emailAddresses from 'email-addresses';
import { domainToASCII } from 'node:url';
import { emailSchema } from '../api/schemas.js';

export interface ParsedAddress {
  /** What was typed, for messages. */
  input: string;
  /** The address to send: the domain lower-cased and, if international, in ASCII (punycode). */
  email: string;
  /** The address as typed (without a display name), for people. */
  display: string;
  /** What duplicates, pending invitations and members are compared by: see addressKey. */
  key: string;
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

/** Splits pasted text into addresses; accepts `Name <addr>` and `"Last, First" <addr>`. */
export function parseAddressList(text: string): AddressList {
  const list: AddressList = { valid: [], invalid: [], duplicates: 0 };
  const seen = new Set<string>();
  for (const candidate of candidates(text)) {
    const result = parseAddress(candidate);
    if ('reason' in result) list.invalid.push(result);
    else if (seen.has(result.key)) list.duplicates++;
    else {
      seen.add(result.key);
      list.valid.push(result);
    }
  }
  return list;
}

const HARD_SEPARATOR = /[,;\r\n]/;
const SPACE = /[ \t\f\v\u00a0]/;

/**
 * One pass over the text. Words are split at separators outside quotes and angle brackets; a
 * word with `<…>` takes the words before it as its display name, a word with an @ stands alone,
 * and other words are candidates of their own (to be reported, e.g. "missing @"). A new line
 * ends an unclosed quote or bracket, so one stray quote cannot swallow a whole paste.
 */
function candidates(text: string): string[] {
  const found: string[] = [];
  let name: string[] = [];
  let word = '';
  let quoted = false;
  let bracketed = false;
  const endWord = () => {
    if (!word) return;
    if (unquoted(word).includes('<')) {
      found.push([...name, word].join(' '));
      name = [];
    } else if (unquoted(word).includes('@')) {
      found.push(...name, word);
      name = [];
    } else name.push(word);
    word = '';
  };
  const endName = () => {
    endWord();
    found.push(...name);
    name = [];
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    if (char === '\n' || char === '\r') {
      quoted = bracketed = false;
      endName();
    } else if (quoted) {
      word += char;
      if (char === '\\') word += text[++i] ?? '';
      else if (char === '"') quoted = false;
    } else if (bracketed) {
      word += char;
      if (char === '>') bracketed = false;
    } else if (HARD_SEPARATOR.test(char)) endName();
    else if (SPACE.test(char)) endWord();
    else {
      word += char;
      if (char === '"') quoted = true;
      else if (char === '<') bracketed = true;
    }
  }
  endName();
  return found;
}

/** The text outside double quotes. */
const unquoted = (word: string) => word.replace(/"(?:[^"\\]|\\.)*"?/g, '');

export function parseAddress(input: string): ParsedAddress | RejectedAddress {
  const reject = (reason: string): RejectedAddress => ({ input, reason });
  let text = input.trim().replace(/^mailto:/i, '');
  // A whole address in quotes, as some exports write cells: "ada@example.com".
  const wrapped = /^(["'])([^"']*)\1$/.exec(text);
  if (wrapped) text = wrapped[2] ?? '';
  const split = /[<"(]/.test(text) ? splitRfc5322(text) : splitPlain(text);
  if ('reason' in split) return reject(split.reason);
  const { local, domain } = split;
  // Non-ASCII local parts need SMTPUTF8, which the API's validation does not accept.
  if (/[^\x20-\x7e]/.test(local)) return reject('non-ASCII characters before @ are not supported');
  const asciiDomain = asciiDomainOf(domain);
  if (!asciiDomain) return reject(`"${domain}" is not a valid domain`);
  if (!asciiDomain.includes('.')) return reject(`the domain needs a dot, e.g. ${asciiDomain}.com`);
  // RFC 1035 limits, on the form that is sent: 63 per label, 253 in all.
  if (asciiDomain.length > 253) return reject('the domain is at most 253 characters');
  if (asciiDomain.split('.').some((label) => label.length > 63))
    return reject('each part of the domain is at most 63 characters');
  const email = `${local}@${asciiDomain}`;
  const result = emailSchema.safeParse(email);
  if (!result.success) return reject(result.error.issues[0]?.message ?? 'not a valid email address');
  // The domain is ASCII already, so this is addressKey(email); the common all-lowercase address
  // is kept once, as one flat string: a large input keeps every row's.
  const key = email.toLowerCase();
  return { input, email: key === email ? key : email, display: `${local}@${domain}`, key };
}

/**
 * How two spellings of one address compare, for typed addresses and those a server lists alike:
 * case-insensitive, the domain in its ASCII form. A server's string is not parsed (it may hold
 * what the parser refuses), only normalized.
 */
export function addressKey(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 0) return email.toLowerCase();
  const domain = email.slice(at + 1);
  return `${email.slice(0, at)}@${asciiDomainOf(domain) || domain}`.toLowerCase();
}

/** Domains already converted: a large file names few domains many times, and the conversion is slow. */
const asciiDomains = new Map<string, string>();
const ASCII_DOMAINS_KEPT = 4096;

function asciiDomainOf(domain: string): string {
  let ascii = asciiDomains.get(domain);
  if (ascii === undefined) {
    ascii = domainToASCII(domain);
    if (asciiDomains.size >= ASCII_DOMAINS_KEPT) asciiDomains.clear();
    asciiDomains.set(domain, ascii);
  }
  return ascii;
}

type Split = { local: string; domain: string } | { reason: string };

function splitPlain(text: string): Split {
  const at = text.lastIndexOf('@');
  if (at < 0) return { reason: 'missing @' };
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  if (!local) return { reason: 'nothing before @' };
  if (!domain) return { reason: 'no domain after @' };
  return { local, domain };
}

/** A display name, quoting or comments: the RFC parser decides what the address is. */
function splitRfc5322(text: string): Split {
  let parsed: ReturnType<typeof emailAddresses.parseOneAddress> = null;
  try {
    parsed = emailAddresses.parseOneAddress({ input: text, rfc6532: true });
  } catch {
    parsed = null;
  }
  if (parsed?.type === 'mailbox') return { local: parsed.local, domain: parsed.domain };
  if (parsed?.type === 'group') return { reason: 'a group of addresses; list the addresses themselves' };
  // Not RFC 5322: say what is wrong with the part in brackets, if any, as with a plain address.
  const inBrackets = /<([^<>]*)>/.exec(text)?.[1];
  const plain = splitPlain((inBrackets ?? text).trim());
  if ('reason' in plain) return plain;
  return inBrackets === undefined ? { reason: 'check the quotes: not a valid address' } : plain;
}
