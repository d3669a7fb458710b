// The invitations API as the sandbox implements it (API.md parts A and B), on plain request data
// so the rules read without HTTP plumbing around them.
import { randomBytes } from 'node:crypto';
import { INVITATION_STATUSES, type Role } from '../api/constants.js';
import { errorResponse, notFound, validationError, type SandboxResponse } from './envelope.js';
import { checkInvitationAllowed, parseInviteBody } from './invite-rules.js';
import { RateLimiter } from './rate-limiter.js';
import {
  effectiveStatus,
  INVITATION_LIFETIME_MS,
  SANDBOX_INVITER,
  type SandboxOrg,
  type StoredInvitation,
} from './seed.js';
import type { SandboxStore } from './store.js';

/** The sandbox's fixed demo tokens and the role each has in every organization. */
export const SANDBOX_TOKENS: Record<string, Role> = { 'demo-owner': 'owner', 'demo-reader': 'reader' };

export interface ApiRequest {
  method: string;
  /** Path segments, already percent-decoded. */
  segments: string[];
  query: URLSearchParams;
  authorization: string | undefined;
  userAgent: string | undefined;
  idempotencyKey: string | undefined;
  body: string;
}

export interface ApiOptions {
  store: SandboxStore;
  clock: () => number;
  rate?: number | undefined;
  minClientVersion?: string | undefined;
  /** Only part A and GET /org/{org}: the listing and revoking endpoints answer 404. */
  minimal?: boolean | undefined;
}

export function createSandboxApi({ store, clock, rate, minClientVersion, minimal }: ApiOptions) {
  const limiter = rate ? new RateLimiter(rate, clock) : undefined;

  function handle(request: ApiRequest): SandboxResponse {
    const tooOld = minClientVersion && clientTooOld(request.userAgent, minClientVersion);
    if (tooOld)
      return errorResponse(
        426,
        'upgrade_required',
        `${tooOld} is too old for this server: upgrade to invite-tui ${minClientVersion} or later`,
      );
    const token = /^Bearer (.+)$/i.exec(request.authorization ?? '')?.[1];
    const role = token === undefined ? undefined : SANDBOX_TOKENS[token];
    if (!token || !role) return errorResponse(401, 'authentication_error', 'Authentication failed');
    const wait = limiter?.take(token);
    if (wait !== undefined) {
      return errorResponse(429, 'rate_limited', `Too many requests: at most ${rate} per second`, {
        headers: { 'retry-after': String(wait) },
      });
    }
    return route(request, token, role);
  }

  function route(request: ApiRequest, token: string, role: Role): SandboxResponse {
    const [api, v1, resource, orgKey, collection, id, ...rest] = request.segments;
    if (api !== 'api' || v1 !== 'v1' || resource !== 'org' || rest.length > 0) return notFound('No such endpoint');
    const partB = orgKey === undefined || (collection === 'invitations' && request.method !== 'POST');
    if (minimal && partB) return notFound('No such endpoint');
    const allow = (methods: string[], handler: () => SandboxResponse) =>
      methods.includes(request.method)
        ? handler()
        : errorResponse(
            405,
            'method_not_allowed',
            `${request.method} is not allowed here; use ${methods.join(' or ')}`,
          );
    if (orgKey === undefined)
      return allow(['GET'], () => ({
        status: 200,
        body: store.state.orgs.map((org) => ({ key: org.key, name: org.name, role })),
      }));
    const org = store.state.orgs.find((candidate) => candidate.key === orgKey);
    if (!org) return notFound(`Organization "${orgKey}" not found`);
    if (collection === undefined) return allow(['GET'], () => ({ status: 200, body: orgDetails(org, role) }));
    if (collection !== 'invitations') return notFound('No such endpoint');
    if (id === undefined) {
      return allow(['GET', 'POST'], () =>
        request.method === 'GET' ? listInvitations(org, request.query) : invite(org, request, token, role),
      );
    }
    return allow(['DELETE'], () => revoke(org, id, role));
  }

  function orgDetails(org: SandboxOrg, role: Role) {
    const { key, name, allow_external_invites, member_limit, members } = org;
    return { key, name, role, allow_external_invites, member_limit, member_count: members.length };
  }

  function listInvitations(org: SandboxOrg, query: URLSearchParams): SandboxResponse {
    const status = query.get('status');
    if (status !== null && !(INVITATION_STATUSES as readonly string[]).includes(status)) {
      return validationError([
        {
          loc: ['query', 'status'],
          msg: `Input should be ${INVITATION_STATUSES.map((s) => `'${s}'`).join(', ')}`,
          type: 'enum',
        },
      ]);
    }
    const now = clock();
    const views = invitationsOf(org).map((invitation) => view(invitation, now));
    return { status: 200, body: status === null ? views : views.filter((invitation) => invitation.status === status) };
  }

  function invite(org: SandboxOrg, request: ApiRequest, token: string, role: Role): SandboxResponse {
    if (role !== 'owner')
      return errorResponse(403, 'forbidden', `Only owners of ${org.key} may invite; your role is ${role}`);
    const key = request.idempotencyKey && `${token}\n${request.idempotencyKey}`;
    const now = clock();
    store.forgetExpiredKeys(now);
    const earlier = key ? store.state.idempotency[key] : undefined;
    if (earlier) {
      if (earlier.requestBody === request.body) return earlier.response;
      return validationError(
        [
          {
            loc: ['header', 'Idempotency-Key'],
            msg: 'This key was already used with a different request body',
            type: 'idempotency_key_reused',
          },
        ],
        'Idempotency-Key reused with a different body',
      );
    }
    const response = createInvitation(org, request.body, now);
    // The invitation and the record of its key are saved together: a retry can never create a second one.
    store.update((state) => {
      if (key) state.idempotency[key] = { requestBody: request.body, response, at: now };
    });
    return response;
  }

  function createInvitation(org: SandboxOrg, body: string, now: number): SandboxResponse {
    const parsed = parseInviteBody(body);
    if ('status' in parsed) return parsed;
    const invitations = invitationsOf(org);
    const refusal = checkInvitationAllowed(org, invitations, parsed.email, now);
    if (refusal) return refusal;
    const invitation: StoredInvitation = {
      id: `inv_${now.toString(36)}${randomBytes(5).toString('hex')}`,
      org: org.key,
      email: parsed.email,
      role: parsed.role,
      status: 'pending',
      send_email: parsed.send_email ?? true,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + INVITATION_LIFETIME_MS).toISOString(),
      invited_by: SANDBOX_INVITER,
    };
    invitations.unshift(invitation);
    return { status: 200, body: view(invitation, now) };
  }

  function revoke(org: SandboxOrg, id: string, role: Role): SandboxResponse {
    if (role !== 'owner')
      return errorResponse(403, 'forbidden', `Only owners of ${org.key} may revoke invitations; your role is ${role}`);
    const invitations = invitationsOf(org);
    const index = invitations.findIndex((invitation) => invitation.id === id);
    const invitation = invitations[index];
    if (!invitation) return notFound(`No invitation "${id}" in ${org.key}`);
    const status = effectiveStatus(invitation, clock());
    if (status !== 'pending')
      return errorResponse(
        409,
        'not_pending',
        `Invitation ${id} is ${status}, not pending: it can no longer be revoked`,
      );
    store.update(() => invitations.splice(index, 1));
    return { status: 204 };
  }

  function invitationsOf(org: SandboxOrg): StoredInvitation[] {
    return (store.state.invitations[org.key] ??= []);
  }

  return { handle };
}

function view(invitation: StoredInvitation, now: number) {
  return { ...invitation, status: effectiveStatus(invitation, now) };
}

/** The client's name and version when its User-Agent says it is an invite-tui older than `minimum`. */
function clientTooOld(userAgent: string | undefined, minimum: string): string | undefined {
  const version = /invite-tui\/(\d+(?:\.\d+)*)/.exec(userAgent ?? '')?.[1];
  if (!version) return undefined;
  const have = version.split('.').map(Number);
  const need = minimum.split('.').map(Number);
  for (let i = 0; i < Math.max(have.length, need.length); i++) {
    const difference = (have[i] ?? 0) - (need[i] ?? 0);
    if (difference !== 0) return difference < 0 ? `invite-tui ${version}` : undefined;
  }
  return undefined;
}
