// The single source of the API's types (API.md). Responses are parsed leniently: unknown
// fields are kept, and only what the client relies on is required.
// zod/mini: the same zod, functional API; it loads several times faster than the classic
// chained one, which every command and the TUI's first org list paid for (README, Performance).
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

import { ORG_SLUG, ORG_SLUG_MAX, ORG_SLUG_RULE, ROLES } from './constants.js';

export { INVITATION_STATUSES, ROLE_DESCRIPTIONS, ROLES, type InvitationStatus, type Role } from './constants.js';

// The English messages (mini loads none by default): they reach people in invalid_response errors.
z.config(en());

export const roleSchema = z.enum(ROLES);

export const orgSlugSchema = z
  .string()
  .check(
    z.maxLength(ORG_SLUG_MAX, `an organization key is at most ${ORG_SLUG_MAX} characters`),
    z.regex(ORG_SLUG, ORG_SLUG_RULE),
  );

/**
 * zod's own email rule, except that the top-level domain may also be an IDN in its ASCII form
 * (`xn--p1ai` is .рф): zod's default wants an all-letter TLD. Labels are at most 63 characters.
 */
const EMAIL_PATTERN =
  /^(?!\.)(?!.*\.\.)[A-Za-z0-9_'+\-.]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/** An address the API will accept: a valid email, local part ≤ 64 and whole address ≤ 254 characters. */
export const emailSchema = z.pipe(
  z.string().check(
    z.maxLength(254, 'an email address is at most 254 characters'),
    z.refine((value) => (value.split('@')[0] ?? '').length <= 64, 'the part before @ is at most 64 characters'),
  ),
  z.email({ pattern: EMAIL_PATTERN, message: 'value is not a valid email address' }),
);

export const inviteRequestSchema = z.object({
  email: emailSchema,
  role: roleSchema,
  send_email: z.optional(z.boolean()),
});
export type InviteRequest = z.infer<typeof inviteRequestSchema>;

export const invitationSchema = z.looseObject({
  role: z.string(),
  id: z.optional(z.string()),
  org: z.optional(z.string()),
  email: z.optional(z.string()),
  // An unknown status is shown as it is, never rejected.
  status: z.optional(z.string()),
  send_email: z.optional(z.boolean()),
  created_at: z.optional(z.string()),
  expires_at: z.optional(z.string()),
  invited_by: z.optional(z.string()),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const organizationSchema = z.looseObject({
  key: z.string(),
  name: z.optional(z.string()),
  role: z.optional(z.string()),
  allow_external_invites: z.optional(z.boolean()),
  member_limit: z.optional(z.number()),
  /** The platform SDK's name for the member limit. */
  max_members: z.optional(z.number()),
  member_count: z.optional(z.number()),
});
export type Organization = z.infer<typeof organizationSchema>;

/** The member limit, under either of its names. */
export function memberLimitOf(org: Organization): number | undefined {
  return org.member_limit ?? org.max_members;
}

/** A member, as the platform's `/members` is assumed to list them (its shape is not published). */
export const memberSchema = z.looseObject({
  email: z.optional(z.string()),
  role: z.optional(z.string()),
  user_id: z.optional(z.union([z.string(), z.number()])),
});
export type Member = z.infer<typeof memberSchema>;

const fieldErrorSchema = z.looseObject({
  loc: z.catch(z.array(z.union([z.string(), z.number()])), []),
  msg: z.catch(z.string(), ''),
  type: z.catch(z.string(), ''),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const errorEnvelopeSchema = z.looseObject({
  code: z.optional(z.number()),
  detail: z.string(),
  type: z.string(),
  errors: z.optional(z.array(fieldErrorSchema)),
});
