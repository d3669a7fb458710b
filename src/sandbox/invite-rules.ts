// The rules a real server applies to an invitation: who may invite whom, and when.
// A namespace import: the named `z` export is zod's whole namespace object, which keeps every
// locale (~600 KB) in the chunk the client and the TUI load too.
import * as z from 'zod/mini';
import { inviteRequestSchema, type FieldError, type InviteRequest } from '../api/schemas.js';
import { errorResponse, validationError, type SandboxResponse } from './envelope.js';
import type { SandboxOrg } from './seed.js';
import type { SandboxStore } from './store.js';

export const respondRequestSchema = z.object({ accept: z.boolean() });

/** A request body, or the answer refusing it. */
export type Parsed<T> = { data: T } | { refusal: SandboxResponse };

/** Parses and validates a request body: 400 for malformed JSON, 422 with field errors otherwise. */
export function parseBody<T>(raw: string, schema: z.ZodMiniType<T>): Parsed<T> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { refusal: errorResponse(400, 'invalid_request', 'The request body is not valid JSON') };
  }
  // zod 4 reports the offending value only when asked; without it a wrong type reads as missing.
  const result = schema.safeParse(json, { reportInput: true });
  if (result.success) return { data: result.data };
  return { refusal: validationError(result.error.issues.map(toFieldError)) };
}

export function parseInviteBody(raw: string): Parsed<InviteRequest> {
  return parseBody(raw, inviteRequestSchema);
}

function toFieldError(issue: z.core.$ZodIssue): FieldError {
  const loc = ['body', ...issue.path.map((part) => (typeof part === 'number' ? part : String(part)))];
  // JSON has no undefined: a value reported as undefined was not sent at all.
  if (issue.input === undefined && issue.path.length > 0) return { loc, msg: 'Field required', type: 'missing' };
  if (issue.code === 'invalid_value')
    return { loc, msg: `Input should be ${issue.values.map((v) => `'${String(v)}'`).join(', ')}`, type: 'enum' };
  if (issue.code === 'invalid_type') {
    const got = issue.input === null ? 'null' : Array.isArray(issue.input) ? 'an array' : typeof issue.input;
    return { loc, msg: `Input should be a valid ${issue.expected} (got ${got})`, type: 'type_error' };
  }
  return { loc, msg: issue.message, type: 'value_error' };
}

/** 403 / 409 when the invitation may not be created; undefined when it may. */
export function checkInvitationAllowed(
  store: SandboxStore,
  org: SandboxOrg,
  email: string,
  now: number,
  refusePending = true,
): SandboxResponse | undefined {
  const address = email.toLowerCase();
  const domain = address.slice(address.lastIndexOf('@') + 1);
  if (!org.allow_external_invites && domain !== org.domain) {
    return errorResponse(
      403,
      'forbidden',
      `External invitations are switched off for ${org.key}: only @${org.domain} addresses can be invited`,
    );
  }
  if (store.member(org.key, address)) {
    return errorResponse(409, 'already_exists', `${email} is already a member of ${org.key}`);
  }
  const conflict = refusePending && pendingConflict(store, org, email, now);
  if (conflict) return conflict;
  if (store.memberCount(org.key) + store.seatsTaken(org.key, now) >= org.member_limit) {
    return errorResponse(
      403,
      'member_limit_reached',
      `${org.key} has reached its member limit of ${org.member_limit} (members and pending invitations)`,
    );
  }
  return undefined;
}

/** The pending rule: an address with a pending, unexpired invitation to the org gets 409. */
export function pendingConflict(
  store: SandboxStore,
  org: SandboxOrg,
  email: string,
  now: number,
): SandboxResponse | undefined {
  const pending = store.pendingFor(org.key, email, now)[0];
  if (!pending) return undefined;
  return errorResponse(
    409,
    'already_exists',
    `${email} already has a pending invitation to ${org.key} (${pending.id})`,
  );
}
