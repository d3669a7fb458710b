// What can be known before sending: who already has a pending invitation, who is already a
// member, how many seats are left. Each check needs a companion endpoint that a server may not
// offer (API.md part B); a check that cannot be made is skipped and said, never a reason to stop.
import type { InvitationsClient, ListProgress } from '../api/client.js';
import { cannotCheck, companionFailure } from '../api/companion.js';
import { ApiError } from '../api/errors.js';
import { memberLimitOf, type Invitation } from '../api/schemas.js';
import { domainToASCII } from 'node:url';

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
      'pending invitations',
      (onPage) => client.listInvitations(org, { status: 'pending' }, { onPage }),
      options,
    );
    if (invitations) {
      const pending = invitations.filter((invitation) => isPending(invitation, options.now));
      pendingCount = pending.length;
      for (const invitation of pending) result.pending.add(addressKey(invitation.email ?? ''));
    }
    const members = await attempt(result, 'members', (onPage) => client.listMembers(org, { onPage }), options);
    for (const member of members ?? []) result.members.add(addressKey(member.email ?? ''));
  }
  if (options.seats) {
    const details = await attempt(result, 'the member limit', async () => [await client.getOrg(org)], options);
    const limit = details?.[0] && memberLimitOf(details[0]);
    const count = details?.[0]?.member_count;
    if (limit !== undefined && count !== undefined) {
      result.seatsLeft = { left: Math.max(0, limit - count - (pendingCount ?? 0)), limit };
    } else if (details) {
      result.skipped.push('the member limit: the server does not give both the limit and the member count');
    }
  }
  return result;
}

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
    result.skipped.push(`${what}: the list is longer than the client reads, so nothing is skipped on its strength`);
    return undefined;
  } catch (error) {
    if (!(error instanceof ApiError) || !cannotCheck(error)) throw error;
    const meaning = companionFailure(error)?.sentence ?? `${error.status ?? ''} ${error.detail}`.trim();
    result.skipped.push(`${what}: ${meaning.replace(/\.$/, '')}`);
    return undefined;
  }
}

/** How two spellings of one address compare: case-insensitive, the domain in its ASCII form. */
export function addressKey(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 0) return email.toLowerCase();
  const domain = email.slice(at + 1);
  return `${email.slice(0, at)}@${domainToASCII(domain) || domain}`.toLowerCase();
}
