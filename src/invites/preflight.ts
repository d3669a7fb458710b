// What can be known before sending: who already has a pending invitation, who is already a
// member, how many seats are left. Each check needs a companion endpoint that a server may not
// offer (API.md part B); a check that cannot be made is skipped and said, never a reason to stop.
import type { InvitationsClient, ListProgress } from '../api/client.js';
import { cannotCheck, companionFailure } from '../api/companion.js';
import { ApiError } from '../api/errors.js';
import { memberLimitOf, type Invitation, type Member } from '../api/schemas.js';
import { addressKey } from './addresses.js';

export { addressKey };

export interface Preflight {
  /** Address keys (see addressKey) with an invitation that is pending by its own status and expiry. */
  pending: Set<string>;
  /** Address keys of the organization's members. */
  members: Set<string>;
  /** Seats the member limit leaves, where the server gives both the limit and the member count. */
  seatsLeft: { left: number; limit: number } | undefined;
  /** One sentence per check that could not be made, for the person to read. */
  skipped: string[];
}

export interface PreflightOptions {
  /** Check pending invitations and members (off with --force: the server decides every row). */
  duplicates: boolean;
  /** Also read the organization's member limit (the dry run's seat count). */
  seats: boolean;
  now: number;
  onProgress?: (what: string, progress: ListProgress) => void;
}

export async function preflight(client: InvitationsClient, org: string, options: PreflightOptions): Promise<Preflight> {
  const result: Preflight = { pending: new Set(), members: new Set(), seatsLeft: undefined, skipped: [] };
  let pendingCount: number | undefined;
  if (options.duplicates) {
    const invitations = await attempt(
      result,
      CHECKED.pending,
      (onPage) => client.listInvitations(org, { status: 'pending' }, { onPage }),
      options,
    );
    if (invitations) {
      result.pending = pendingKeys(invitations, options.now);
      pendingCount = invitations.filter((invitation) => isPending(invitation, options.now)).length;
    }
    const members = await attempt(result, CHECKED.members, (onPage) => client.listMembers(org, { onPage }), options);
    if (members) result.members = memberKeys(members);
  }
  if (options.seats) {
    const details = await attempt(result, 'the member limit', async () => [await client.getOrg(org)], options);
    const limit = details?.[0] && memberLimitOf(details[0]);
    const count = details?.[0]?.member_count;
    if (limit !== undefined && count !== undefined) {
      result.seatsLeft = { left: Math.max(0, limit - count - (pendingCount ?? 0)), limit };
    } else if (details) {
      result.skipped.push(
        'the member limit: the server does not say both the limit and how many members count against it',
      );
    }
  }
  return result;
}

/** What each duplicate check reads, in words. */
export const CHECKED = { pending: 'pending invitations', members: 'members' } as const;

/** Why an address is not sent: the same words in the CLI and the TUI. */
export const SKIP_REASON = { member: 'already a member', pending: 'already has a pending invitation' } as const;

/**
 * Whether an address (its addressKey) is already there: a member first, then a pending
 * invitation. The one rule for `send` and the TUI's Review.
 */
export function alreadyThere(
  key: string,
  checks: { pending?: Set<string> | undefined; members?: Set<string> | undefined },
): keyof typeof SKIP_REASON | undefined {
  if (checks.members?.has(key)) return 'member';
  if (checks.pending?.has(key)) return 'pending';
  return undefined;
}

/** Address keys with an invitation pending by its own status and expiry. */
export function pendingKeys(invitations: Invitation[], now: number): Set<string> {
  return new Set(
    invitations
      .filter((invitation) => isPending(invitation, now))
      .map((invitation) => addressKey(invitation.email ?? '')),
  );
}

/** Address keys of members. */
export function memberKeys(members: Member[]): Set<string> {
  return new Set(members.map((member) => addressKey(member.email ?? '')));
}

/** Said for a list cut off at the page cap: nothing is skipped on the strength of part of it. */
const truncatedNote = (what: string) =>
  `${what}: the list is longer than the client reads, so nothing is skipped on its strength`;

/** Pending by its own status: a server may ignore `?status=pending`, and an expiry may have passed. */
export function isPending(invitation: Invitation, now: number): boolean {
  if (invitation.status !== 'pending') return false;
  const expires = invitation.expires_at ? Date.parse(invitation.expires_at) : NaN;
  return Number.isNaN(expires) || expires > now;
}

async function attempt<T>(
  result: Preflight,
  what: string,
  load: (onPage: (progress: ListProgress) => void) => Promise<T[]>,
  options: PreflightOptions,
): Promise<T[] | undefined> {
  let truncated = false;
  try {
    const items = await load((progress) => {
      truncated = progress.truncated;
      options.onProgress?.(what, progress);
    });
    if (!truncated) return items;
    result.skipped.push(truncatedNote(what));
    return undefined;
  } catch (error) {
    if (!(error instanceof ApiError) || !cannotCheck(error)) throw error;
    const meaning = companionFailure(error)?.sentence ?? `${error.status ?? ''} ${error.detail}`.trim();
    result.skipped.push(`${what}: ${meaning.replace(/\.$/, '')}`);
    return undefined;
  }
}
