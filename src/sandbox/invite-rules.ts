// The rules a real server applies to an invitation: who may invite whom, and when.
import { errorResponse, type SandboxResponse } from './envelope.js';
import type { SandboxOrg } from './seed.js';
import type { SandboxStore } from './store.js';

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
