// The contract's fixed vocabularies, free of any library so the TUI's first frame can use them
// without loading zod. schemas.ts builds the validators from these.

export const ROLES = ['reader', 'contributor', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'full access: manage members, workspaces, billing, keys',
  contributor: 'create and manage workspaces and projects',
  reader: 'view workspaces, projects and traces',
};

export const INVITATION_STATUSES = ['pending', 'accepted', 'rejected', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** Organization keys: lowercase letters, digits and dashes, starting with a letter or digit. */
export const ORG_SLUG = /^[a-z0-9][a-z0-9-]*$/;
export const ORG_SLUG_MAX = 100;
export const ORG_SLUG_RULE = 'an organization key is lowercase letters, digits and dashes';

/** Why `value` is not an org key, or undefined when it is one. */
export function orgSlugProblem(value: string): string | undefined {
  if (value.length > ORG_SLUG_MAX) return `an organization key is at most ${ORG_SLUG_MAX} characters`;
  return ORG_SLUG.test(value) ? undefined : ORG_SLUG_RULE;
}
