// Fault injection, so every error path can be demoed live and tested for real.
//
// A spec is a comma-separated list of rules: KIND[=ARG][@METHOD][TRIGGER]
//   TRIGGER  :P  with probability P (0..1)   #N  on the Nth matching request only
//            %N  on every Nth matching request           (none) on every matching request
// e.g. "502@POST%3,latency=200:0.5,escape"

export const FAULT_KINDS = {
  '422': 'answer 422 with a field error on body.email',
  '500': 'answer 500 with the error envelope',
  '502': 'answer 502 with an HTML page, as a proxy would',
  '503': 'answer 503 with the error envelope',
  '504': 'answer 504 with an HTML page, as a proxy would',
  '429': 'answer 429; ARG: Retry-After seconds (default 1), "none", or "date-N" for an HTTP-date N s ahead',
  latency: 'wait ARG ms (default 500) before answering',
  hang: 'never answer',
  drop: 'drop the connection without answering',
  'drop-after': 'do the work, then drop the connection instead of answering',
  '502-after': 'do the work, then answer 502 (HTML) instead',
  '504-after': 'do the work, then answer 504 (HTML) instead',
  truncate: 'cut the JSON answer in half',
  escape: 'lace names, details and messages with terminal escape sequences',
  'html-200': 'answer 200 with an HTML page and no content type',
  'json-html': 'answer 200 labelled application/json with an HTML body',
  'empty-200': 'answer 200 with an empty body',
  huge: 'answer 500 with a body of ARG MiB (default 5)',
  redirect: 'answer 302 to ARG (default http://127.0.0.1:9/)',
  'hang-body': 'send the headers, then nothing',
  trickle: 'send the answer one byte every ARG ms (default 200)',
} as const;

export type FaultKind = keyof typeof FAULT_KINDS;

export type FaultTrigger =
  { type: 'always' } | { type: 'probability'; p: number } | { type: 'nth'; n: number } | { type: 'every'; n: number };

export interface FaultRule {
  kind: FaultKind;
  arg: string | undefined;
  method: string | undefined;
  trigger: FaultTrigger;
}

// ARG may itself hold ':' (a redirect URL); a trailing :P, #N or %N is always the trigger.
const RULE = /^([a-z0-9-]+)(?:=(.+?))?(?:@([A-Za-z]+))?(?::([\d.]+)|#(\d+)|%(\d+))?$/;

export function parseFaultSpec(spec: string): FaultRule[] {
  return spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = RULE.exec(part);
      const kind = match?.[1];
      if (!match || !kind || !Object.hasOwn(FAULT_KINDS, kind)) {
        throw new Error(`Unknown fault "${part}". Faults: ${Object.keys(FAULT_KINDS).join(', ')}`);
      }
      const [, , arg, method, probability, nth, every] = match;
      let trigger: FaultTrigger = { type: 'always' };
      if (probability !== undefined) {
        const p = Number(probability);
        if (!(p >= 0 && p <= 1)) throw new Error(`Fault "${part}": a probability is between 0 and 1`);
        trigger = { type: 'probability', p };
      } else if (nth !== undefined) trigger = { type: 'nth', n: Number(nth) };
      else if (every !== undefined) trigger = { type: 'every', n: Math.max(1, Number(every)) };
      return { kind: kind as FaultKind, arg, method: method?.toUpperCase(), trigger };
    });
}

/** Decides, request by request, which faults fire. Counting is per rule, over matching requests. */
export class FaultInjector {
  private readonly counts: number[];

  constructor(
    private readonly rules: FaultRule[],
    private readonly random: () => number = Math.random,
  ) {
    this.counts = rules.map(() => 0);
  }

  faultsFor(method: string): Map<FaultKind, string | undefined> {
    const firing = new Map<FaultKind, string | undefined>();
    this.rules.forEach((rule, index) => {
      if (rule.method && rule.method !== method) return;
      const count = (this.counts[index] = (this.counts[index] ?? 0) + 1);
      if (fires(rule.trigger, count, this.random)) firing.set(rule.kind, rule.arg);
    });
    return firing;
  }
}

function fires(trigger: FaultTrigger, count: number, random: () => number): boolean {
  switch (trigger.type) {
    case 'always':
      return true;
    case 'probability':
      return random() < trigger.p;
    case 'nth':
      return count === trigger.n;
    case 'every':
      return count % trigger.n === 0;
  }
}

const ESCAPES =
  '\x1b]52;c;cHduZWQ=\x07\x1b]0;pwned\x07\x1b]8;;https://evil.example/\x07link\x1b]8;;\x07\x1b[2J\r\b\x07\x9b31m\u202e';
const LACED_FIELDS = new Set(['name', 'detail', 'msg', 'invited_by']);

/** Adds terminal escape sequences to the human-readable strings of a JSON answer. */
export function laceWithEscapes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(laceWithEscapes);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => [
        key,
        typeof field === 'string' && LACED_FIELDS.has(key) ? `${field}${ESCAPES}` : laceWithEscapes(field),
      ]),
    );
  }
  return value;
}

export function proxyErrorPage(status: 502 | 504): string {
  const title = status === 502 ? '502 Bad Gateway' : '504 Gateway Time-out';
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
