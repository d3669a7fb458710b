// Property tests: whatever the input, nothing throws, every rejection says why, and the
// sanitizer's output never holds a control a terminal would act on.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client.js';
import { ApiError } from '../../src/api/errors.js';
import { orgSlugSchema } from '../../src/api/schemas.js';
import { parseAddressList } from '../../src/invites/addresses.js';
import { parseInviteFile } from '../../src/invites/input-rows.js';
import { UsageError } from '../../src/usage-error.js';
import { safeJson } from '../../src/text/json-output.js';
import { sanitizeServerText } from '../../src/text/sanitize.js';

const RUNS = { numRuns: 500 };
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
// Text rich in what a hostile server sends: escapes, C1 controls, bidi marks, and ordinary text.
const hostileText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom(
        '\x1b',
        '\x1b[',
        '\x1b]',
        '\x1b]52;c;',
        '\x1bP',
        '\x07',
        '\x1b\\',
        '\x9b',
        '\x9d',
        '\x9c',
        '\r',
        '\b',
        '\u202e',
        '\u2066',
        '[2J',
        '31m',
        ';',
      ),
      fc.string({ unit: fc.integer({ min: 0, max: 0x2100 }).map((code) => String.fromCharCode(code)) }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('sanitizeServerText', () => {
  it('never returns ESC, C0 (but tab and newline), DEL, C1 or bidi controls', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const clean = sanitizeServerText(text);
        expect(clean).not.toMatch(UNSAFE);
        expect(sanitizeServerText(clean)).toBe(clean);
      }),
      RUNS,
    );
  });

  it('respects the length cap in code points', () => {
    fc.assert(
      fc.property(hostileText, fc.integer({ min: 1, max: 50 }), (text, maxLength) => {
        expect(Array.from(sanitizeServerText(text, { maxLength })).length).toBeLessThanOrEqual(maxLength);
      }),
      RUNS,
    );
  });
});

describe('safeJson', () => {
  it('escapes every terminal control and still round-trips', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const json = safeJson({ detail: text });
        expect(json).not.toMatch(UNSAFE);
        expect(JSON.parse(json)).toEqual({ detail: text });
      }),
      RUNS,
    );
  });
});

describe('parseAddressList', () => {
  it('never throws; every address is either valid or rejected with a reason', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileText,
          fc.array(fc.emailAddress(), { maxLength: 5 }).map((list) => list.join(', ')),
        ),
        (text) => {
          const list = parseAddressList(text);
          for (const rejected of list.invalid) expect(rejected.reason.length).toBeGreaterThan(0);
          for (const address of list.valid) expect(address.email).toMatch(/^[^@\s]+@[^@\s]+\.[^@\s]+$/);
        },
      ),
      RUNS,
    );
  });

  it('accepts what fast-check calls an email address, or says why not', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const list = parseAddressList(email);
        expect(list.valid.length + list.invalid.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });
});

describe('parseInviteFile', () => {
  it('never throws but a UsageError naming the line; every rejected row has a line number and a reason', async () => {
    const line = fc.oneof(
      hostileText,
      fc.emailAddress(),
      fc.constantFrom('', 'email,role', 'a@b.co,owner', 'x@y.test,boss', '"q, r" <q@r.test>,reader', '"open'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 20 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        async (lines, newline, bom) => {
          const parsed = await parseInviteFile(`${bom ? '\uFEFF' : ''}${lines.join(newline)}`, 'reader').catch(
            (error: unknown) => {
              expect(error).toBeInstanceOf(UsageError);
              expect((error as Error).message).toMatch(/line \d+|CSV without an email column/);
              return undefined;
            },
          );
          for (const rejected of parsed?.rejected ?? []) {
            expect(rejected.line).toBeGreaterThan(0);
            expect(rejected.reason.length).toBeGreaterThan(0);
          }
        },
      ),
      RUNS,
    );
  });
});

describe('org keys', () => {
  const client = createClient({ baseUrl: 'http://127.0.0.1:9', token: 't', retry: { maxAttempts: 1 }, timeoutMs: 50 });

  it('a key the slug check rejects is refused before any request, with a reason', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileText.filter((text) => !orgSlugSchema.safeParse(text).success),
        async (slug) => {
          const error = await client.getOrg(slug).catch((caught: unknown) => caught);
          expect(error).toBeInstanceOf(ApiError);
          expect(error).toMatchObject({ kind: 'refused' });
          expect((error as ApiError).detail).toMatch(/is not an organization key: .+/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a key the slug check accepts can never leave its path segment', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        if (!orgSlugSchema.safeParse(text).success) return;
        expect(text).not.toMatch(/[/?#%.]/);
      }),
      RUNS,
    );
  });
});
