// The rules a real server applies to an invitation: who may invite whom, and when.
import type { z } from 'zod/mini';
import { inviteRequestSchema, type FieldError, type InviteRequest } from '../api/schemas.js';
import { errorResponse, validationError, type SandboxResponse } from './envelope.js';
import { countSeatsTaken, effectiveStatus, type SandboxOrg, type StoredInvitation } from './seed.js';

/** Parses and validates a request body: 400 for malformed JSON, 422 with field errors otherwise. */
export function parseInviteBody(raw: string): InviteRequest | SandboxResponse {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return errorResponse(400, 'invalid_request', 'The request body is not valid JSON');
  }
  const result = inviteRequestSchema.safeParse(json);
  if (result.success) return result.data;
  return validationError(result.error.issues.map(toFieldError));
}

function toFieldError(issue: z.core.$ZodIssue): FieldError {
  const loc = ['body', ...issue.path.map((part) => (typeof part === 'number' ? part : String(part)))];
  if (issue.code === 'invalid_type' && issue.input === undefined)
    return { loc, msg: 'Field required', type: 'missing' };
  if (issue.code === 'invalid_value')
    return { loc, msg: `Input should be ${issue.values.map((v) => `'${String(v)}'`).join(', ')}`, type: 'enum' };
  if (issue.code === 'invalid_type')
    return { loc, msg: `Input should be a valid ${issue.expected}`, type: 'type_error' };
  return { loc, msg: issue.message, type: 'value_error' };
}

/** 403 / 409 when the invitation may not be created; undefined when it may. */
export function checkInvitationAllowed(
  org: SandboxOrg,
  invitations: StoredInvitation[],
  email: string,
  now: number,
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
  if (org.members.some((member) => member.toLowerCase() === address)) {
    return errorResponse(409, 'already_exists', `${email} is already a member of ${org.key}`);
  }
  const pending = invitations.find((i) => i.email.toLowerCase() === address && effectiveStatus(i, now) === 'pending');
  if (pending) {
    return errorResponse(
      409,
      'already_exists',
      `${email} already has a pending invitation to ${org.key} (${pending.id})`,
    );
  }
  if (org.members.length + countSeatsTaken(invitations, now) >= org.member_limit) {
    return errorResponse(
      403,
      'member_limit_reached',
      `${org.key} has reached its member limit of ${org.member_limit} (members and pending invitations)`,
    );
  }
  return undefined;
}
