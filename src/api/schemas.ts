// The single source of the API's types (API.md). Responses are parsed leniently: unknown
// fields are kept, and only what the client relies on is required.
import * as z from 'zod';

import { ORG_SLUG, ORG_SLUG_MAX, ORG_SLUG_RULE, ROLES } from './constants.js';

export { INVITATION_STATUSES, ROLE_DESCRIPTIONS, ROLES, type InvitationStatus, type Role } from './constants.js';

export const roleSchema = z.enum(ROLES);

export const orgSlugSchema = z.string().max(ORG_SLUG_MAX, `an organization key is at most ${ORG_SLUG_MAX} characters`).regex(ORG_SLUG, ORG_SLUG_RULE);

/** An address the API will accept: a valid email, local part ≤ 64 and whole address ≤ 254 characters. */
export const emailSchema = z
  .string()
  .max(254, 'an email address is at most 254 characters')
  .refine((value) => (value.split('@')[0] ?? '').length <= 64, 'the part before @ is at most 64 characters')
  .pipe(z.email({ message: 'value is not a valid email address' }));

export const inviteRequestSchema = z.object({
  email: emailSchema,
  role: roleSchema,
  send_email: z.boolean().optional(),
});
export type InviteRequest = z.infer<typeof inviteRequestSchema>;

export const invitationSchema = z.looseObject({
  role: z.string(),
  id: z.string().optional(),
  org: z.string().optional(),
  email: z.string().optional(),
  // An unknown status is shown as it is, never rejected.
  status: z.string().optional(),
  send_email: z.boolean().optional(),
  created_at: z.string().optional(),
  expires_at: z.string().optional(),
  invited_by: z.string().optional(),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const organizationSchema = z.looseObject({
  key: z.string(),
  name: z.string().optional(),
  role: z.string().optional(),
  allow_external_invites: z.boolean().optional(),
  member_limit: z.number().optional(),
  member_count: z.number().optional(),
});
export type Organization = z.infer<typeof organizationSchema>;

export const fieldErrorSchema = z.looseObject({
  loc: z.array(z.union([z.string(), z.number()])).catch([]),
  msg: z.string().catch(''),
  type: z.string().catch(''),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const errorEnvelopeSchema = z.looseObject({
  code: z.number().optional(),
  detail: z.string(),
  type: z.string(),
  errors: z.array(fieldErrorSchema).optional(),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;
