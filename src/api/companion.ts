// What a failed companion call means. Only the invite endpoint is documented for certain
// (API.md part A); a server may offer none of the others. There a 404 cannot tell "no such
// organization" from "no such route", so both are said; only a 405, or a 404 from the one
// companion path without a parameter (the organization list), says plainly "not offered".
import type { ApiCallName, ApiError } from './errors.js';

const OFFERS: Record<Exclude<ApiCallName, 'createInvitation'>, string> = {
  listOrgs: 'list organizations',
  getOrg: 'describe organizations',
  listInvitations: 'list invitations',
  listMembers: 'list members',
  revokeInvitation: 'revoke invitations',
};

export interface CompanionFailure {
  /** One sentence for people, naming the organization where there is one. */
  sentence: string;
  /** True when the server says it does not offer the call at all (exit code 12). */
  unsupported: boolean;
}

/** The meaning of a 404 or 405 from a companion call; undefined for every other failure. */
export function companionFailure(error: ApiError): CompanionFailure | undefined {
  const call = error.call;
  if (!call || call.name === 'createInvitation' || error.kind !== 'http') return undefined;
  const offer = OFFERS[call.name];
  if (error.status === 405 || (error.status === 404 && call.name === 'listOrgs')) {
    return { sentence: `This server does not ${offer}.`, unsupported: true };
  }
  if (error.status !== 404) return undefined;
  const subject = call.name === 'revokeInvitation' ? 'no such invitation or organization' : 'no such organization';
  return {
    sentence: `${call.org ?? 'This organization'}: ${subject}, or this server does not ${offer}.`,
    unsupported: false,
  };
}

/**
 * Whether a failed pre-flight call only means "this cannot be checked here": the check is skipped
 * and the invite's own answer decides. A bad token or a too-old client would fail every invite
 * too, and no answer at all means the server is unreachable, so those stop the command instead.
 */
export function cannotCheck(error: ApiError): boolean {
  return error.kind === 'http' && error.status !== 401 && error.status !== 426;
}
