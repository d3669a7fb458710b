// The sandbox's request validation: JSON bodies against the API's schemas, and invitee addresses.
// Only this module loads zod and src/api/schemas.ts, and the sandbox loads it on the first request
// that needs it (api.ts), so start-up and the read-only requests never build the schemas.
// A namespace import: the named `z` export is zod's whole namespace object, which keeps every
// locale (~600 KB) in the chunk the client and the TUI load too.
import * as z from 'zod/mini';
import { emailSchema, inviteRequestSchema, type FieldError, type InviteRequest } from '../api/schemas.js';
import { errorResponse, validationError, type SandboxResponse } from './envelope.js';

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

/** An address the API would accept in an invitation. */
export function isEmailAddress(address: string): boolean {
  return emailSchema.safeParse(address).success;
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
