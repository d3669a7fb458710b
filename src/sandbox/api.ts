// The invitations API as the sandbox implements it (API.md parts A and B and the invitee's
// side), on plain request data so the rules read without HTTP plumbing around them.
import { INVITATION_STATUSES, type Role } from '../api/constants.js';
import { errorResponse, notFound, validationError, type SandboxResponse } from './envelope.js';
import { checkInvitationAllowed } from './invite-rules.js';
import { arraySource, listAnswer, newestFirst } from './pages.js';
import { RateLimiter } from './rate-limiter.js';
import {
  effectiveStatus,
  INVITATION_LIFETIME_MS,
  SANDBOX_INVITER,
  type SandboxOrg,
  type StoredInvitation,
} from './seed.js';
import type * as BodyRulesModule from './body-rules.js';
import type { IdempotencyRecord, SandboxStore } from './store.js';

type BodyRules = typeof BodyRulesModule;

/** The sandbox's fixed demo tokens and the role each has in every organization. */
const SANDBOX_TOKENS: ReadonlyMap<string, Role> = new Map<string, Role>([
  ['demo-owner', 'owner'],
  ['demo-reader', 'reader'],
]);
/** `demo-invitee:<address>` acts as that person: sees and answers their own invitations. */
const INVITEE_TOKEN_PREFIX = 'demo-invitee:';

/**
 * What the server offers: `full` is parts A and B as API.md describes them; `platform` exactly
 * what the real platform documents (part A, org details, members, the invitee's side); `minimal`
 * part A alone. Anything a mode does not offer is a 404 in the error envelope.
 */
export type SandboxMode = 'full' | 'platform' | 'minimal';

export interface ApiRequest {
  method: string;
  /** Path segments, already percent-decoded. */
  segments: string[];
  query: URLSearchParams;
  authorization: string | undefined;
  userAgent: string | undefined;
  idempotencyKey: string | undefined;
  contentType: string | undefined;
  body: string;
}

export interface ApiOptions {
  store: SandboxStore;
  clock: () => number;
  rate?: number | undefined;
  minClientVersion?: string | undefined;
  mode?: SandboxMode | undefined;
  /** Serve every list in pages, the way the platform's SDK shows them. */
  paginate?: boolean | undefined;
  /** A new invitation's id; time plus random bytes unless a fixed clock wants ids that repeat. */
  invitationIds?: ((now: number) => string) | undefined;
  /** 409 for an address already pending (default true). */
  pendingConflict?: boolean | undefined;
  /** Every POST creates, a repeated Idempotency-Key too. */
  ignoreIdempotencyKey?: boolean | undefined;
}

interface Caller {
  token: string;
  /** The caller's own address: invitations to it are theirs to answer. */
  address: string;
  /** The demo tokens' role in every org; an invitee has the role they were made a member with. */
  role: Role | undefined;
}

interface Route {
  method: string;
  /** Literal segments, and `:name` for a path parameter. */
  path: string[];
  modes: readonly SandboxMode[];
  handle(params: string[], request: ApiRequest, caller: Caller): SandboxResponse;
}

const EVERY_MODE: readonly SandboxMode[] = ['full', 'platform', 'minimal'];
const PLATFORM: readonly SandboxMode[] = ['full', 'platform'];
const FULL: readonly SandboxMode[] = ['full'];
const NO_ROUTE = 'Not found';

export function createSandboxApi({
  store,
  clock,
  rate,
  minClientVersion,
  mode = 'full',
  paginate = false,
  invitationIds,
  pendingConflict = true,
  ignoreIdempotencyKey = false,
}: ApiOptions) {
  // Pacing keeps real time, even when `clock` is fixed (--clock).
  const limiter = rate ? new RateLimiter(rate, Date.now) : undefined;
  const newId = invitationIds ?? newInvitationId;
  // zod and the API schemas load on the first request that validates something (a POST, an
  // invitee's token), not at start-up: the TUI's first org list does not wait for them.
  let bodyRules: BodyRules | undefined;
  let loadingBodyRules: Promise<BodyRules> | undefined;
  const loadBodyRules = () => (loadingBodyRules ??= import('./body-rules.js').then((loaded) => (bodyRules = loaded)));
  const rules = (): BodyRules => {
    if (!bodyRules) throw new Error('the body rules are not loaded');
    return bodyRules;
  };

  const routes: Route[] = [
    { method: 'POST', path: ['org', ':org', 'invitations'], modes: EVERY_MODE, handle: invite },
    { method: 'GET', path: ['org'], modes: FULL, handle: listOrgs },
    { method: 'GET', path: ['org', ':org'], modes: PLATFORM, handle: orgDetails },
    { method: 'GET', path: ['org', ':org', 'members'], modes: PLATFORM, handle: listMembers },
    { method: 'GET', path: ['org', ':org', 'invitations'], modes: FULL, handle: listInvitations },
    { method: 'DELETE', path: ['org', ':org', 'invitations', ':id'], modes: FULL, handle: revoke },
    { method: 'GET', path: ['invitations', 'me'], modes: PLATFORM, handle: myInvitations },
    { method: 'POST', path: ['invitations', ':id', 'respond'], modes: PLATFORM, handle: respond },
  ];

  /** The answer; a promise only while the body rules load, before anything else is done. */
  function handle(request: ApiRequest): SandboxResponse | Promise<SandboxResponse> {
    if (!bodyRules && validates(request)) return loadBodyRules().then(() => handle(request));
    const tooOld = minClientVersion && clientTooOld(request.userAgent, minClientVersion);
    if (tooOld)
      return errorResponse(
        426,
        'upgrade_required',
        `${tooOld} is too old for this server: upgrade to invite-tui ${minClientVersion} or later`,
      );
    const token = /^Bearer (.+)$/i.exec(request.authorization ?? '')?.[1];
    const caller = token === undefined ? undefined : callerFor(token);
    if (!caller) return errorResponse(401, 'authentication_error', 'Authentication failed');
    const wait = limiter?.take(caller.token);
    if (wait !== undefined) {
      return errorResponse(429, 'rate_limited', `Too many requests: at most ${rate} per second`, {
        headers: { 'retry-after': String(wait) },
      });
    }
    return dispatch(request, caller);
  }

  function dispatch(request: ApiRequest, caller: Caller): SandboxResponse {
    const [api, v1, ...path] = request.segments;
    if (api !== 'api' || v1 !== 'v1') return notFound(NO_ROUTE);
    const offered = routes.filter((route) => route.modes.includes(mode) && matches(route.path, path));
    const route = offered.find((candidate) => candidate.method === request.method);
    if (route) {
      const params = path.filter((_, i) => route.path[i]?.startsWith(':'));
      return route.handle(params, request, caller);
    }
    // A server that offers less knows nothing of the rest: a 404, like a missing org.
    if (offered.length === 0 || mode !== 'full') return notFound(NO_ROUTE);
    const methods = offered.map((candidate) => candidate.method);
    return errorResponse(
      405,
      'method_not_allowed',
      `${request.method} is not allowed here; use ${methods.join(' or ')}`,
    );
  }

  function callerFor(token: string): Caller | undefined {
    const role = SANDBOX_TOKENS.get(token);
    if (role) return { token, address: `${token}@sandbox.test`, role };
    if (!token.startsWith(INVITEE_TOKEN_PREFIX)) return undefined;
    const address = token.slice(INVITEE_TOKEN_PREFIX.length);
    return rules().isEmailAddress(address) ? { token, address: address.toLowerCase(), role: undefined } : undefined;
  }

  function roleIn(caller: Caller, org: SandboxOrg): Role | undefined {
    return caller.role ?? store.member(org.key, caller.address)?.role;
  }

  /** The org and the caller's role in it, or the 404 / 403 that answers instead. */
  function memberOf(orgKey: string | undefined, caller: Caller): { org: SandboxOrg; role: Role } | SandboxResponse {
    const org = store.org(orgKey ?? '');
    if (!org) return notFound(`Organization "${orgKey}" not found`);
    const role = roleIn(caller, org);
    if (!role) return errorResponse(403, 'forbidden', `You are not a member of ${org.key}`);
    return { org, role };
  }

  function listOrgs(_params: string[], request: ApiRequest, caller: Caller): SandboxResponse {
    const visible = store.state.orgs.flatMap((org) => {
      const role = roleIn(caller, org);
      return role ? [{ key: org.key, name: org.name, role }] : [];
    });
    return listAnswer(arraySource(visible), { paginate, field: 'organizations', query: request.query });
  }

  function orgDetails([orgKey]: string[], _request: ApiRequest, caller: Caller): SandboxResponse {
    const found = memberOf(orgKey, caller);
    if ('status' in found) return found;
    const { org, role } = found;
    const { id, key, name, description, allow_external_invites, member_limit, created_at } = org;
    if (mode === 'platform') {
      // The SDK's organization object: no caller role, no member count.
      const max_members = member_limit;
      const details = { id, key, name, description, is_active: true, allow_external_invites, max_members };
      return { status: 200, body: { ...details, created_at, updated_at: created_at } };
    }
    const member_count = store.memberCount(key);
    return { status: 200, body: { key, name, role, allow_external_invites, member_limit, member_count } };
  }

  function listMembers([orgKey]: string[], request: ApiRequest, caller: Caller): SandboxResponse {
    const found = memberOf(orgKey, caller);
    if ('status' in found) return found;
    const members = store.membersOf(found.org.key);
    return listAnswer(arraySource(members), { paginate, field: 'members', query: request.query });
  }

  function listInvitations([orgKey]: string[], request: ApiRequest, caller: Caller): SandboxResponse {
    const found = memberOf(orgKey, caller);
    if ('status' in found) return found;
    const status = request.query.get('status');
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
    const keep =
      status === null ? undefined : (invitation: StoredInvitation) => effectiveStatus(invitation, now) === status;
    const source = newestFirst(store.invitationsOf(found.org.key), (invitation) => view(invitation, now), keep);
    return listAnswer(source, { paginate, field: 'items', query: request.query });
  }

  function invite([orgKey]: string[], request: ApiRequest, caller: Caller): SandboxResponse {
    const unsupported = refuseNonJson(request);
    if (unsupported) return unsupported;
    const org = store.org(orgKey ?? '');
    if (!org) return notFound(`Organization "${orgKey}" not found`);
    const role = roleIn(caller, org);
    if (role !== 'owner') {
      const yours = role ? `your role is ${role}` : 'you are not a member';
      return errorResponse(403, 'forbidden', `Only owners of ${org.key} may invite; ${yours}`);
    }
    const key = !ignoreIdempotencyKey && request.idempotencyKey && `${caller.token}\n${request.idempotencyKey}`;
    const now = clock();
    if (key) {
      const replay = replayIdempotent(key, request.body, now);
      if (replay) return replay;
    }
    const { response, invitation } = createInvitation(org, request.body, now);
    const remember = key ? { key, record: { requestBody: request.body, response, at: now } } : undefined;
    // The invitation and the record of its key are one change: a retry can never create a second one.
    if (invitation) store.commit({ op: 'invite', invitation, remember });
    else if (remember) store.commit({ op: 'remember', ...remember });
    return response;
  }

  /** The idempotency rule: a key seen within 24 hours answers as it did the first time. */
  function replayIdempotent(key: string, body: string, now: number): SandboxResponse | undefined {
    const earlier: IdempotencyRecord | undefined = store.idempotencyRecord(key, now);
    if (!earlier) return undefined;
    if (earlier.requestBody === body) return earlier.response;
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

  function createInvitation(
    org: SandboxOrg,
    body: string,
    now: number,
  ): { response: SandboxResponse; invitation?: StoredInvitation } {
    const parsed = rules().parseInviteBody(body);
    if ('refusal' in parsed) return { response: parsed.refusal };
    const refusal = checkInvitationAllowed(store, org, parsed.data.email, now, pendingConflict);
    if (refusal) return { response: refusal };
    const invitation: StoredInvitation = {
      id: newId(now),
      org: org.key,
      email: parsed.data.email,
      role: parsed.data.role,
      status: 'pending',
      send_email: parsed.data.send_email ?? true,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + INVITATION_LIFETIME_MS).toISOString(),
      invited_by: SANDBOX_INVITER,
    };
    return { response: { status: 200, body: view(invitation, now) }, invitation };
  }

  function revoke([orgKey, id]: string[], _request: ApiRequest, caller: Caller): SandboxResponse {
    const found = memberOf(orgKey, caller);
    if ('status' in found) return found;
    const { org, role } = found;
    if (role !== 'owner')
      return errorResponse(403, 'forbidden', `Only owners of ${org.key} may revoke invitations; your role is ${role}`);
    const invitation = store.invitation(id ?? '');
    if (!invitation || invitation.org !== org.key) return notFound(`No invitation "${id}" in ${org.key}`);
    const status = effectiveStatus(invitation, clock());
    if (status !== 'pending')
      return errorResponse(
        409,
        'not_pending',
        `Invitation ${id} is ${status}, not pending: it can no longer be revoked`,
      );
    store.commit({ op: 'revoke', id: invitation.id });
    return { status: 204 };
  }

  /** The invitee's side: their pending invitations, to any org, as a bare array. */
  function myInvitations(_params: string[], _request: ApiRequest, caller: Caller): SandboxResponse {
    const now = clock();
    const mine = store.state.orgs.flatMap((org) => store.pendingFor(org.key, caller.address, now));
    return { status: 200, body: mine.map((invitation) => view(invitation, now)) };
  }

  function respond([id]: string[], request: ApiRequest, caller: Caller): SandboxResponse {
    const unsupported = refuseNonJson(request);
    if (unsupported) return unsupported;
    const invitation = store.invitation(id ?? '');
    // Someone else's invitation is as unknown to the caller as one that does not exist.
    if (!invitation || invitation.email.toLowerCase() !== caller.address)
      return notFound(`No invitation "${id}" for ${caller.address}`);
    const { parseBody, respondRequestSchema } = rules();
    const parsed = parseBody(request.body, respondRequestSchema);
    if ('refusal' in parsed) return parsed.refusal;
    const now = clock();
    const status = effectiveStatus(invitation, now);
    if (status !== 'pending')
      return errorResponse(
        409,
        'not_pending',
        `Invitation ${invitation.id} is ${status}: it can no longer be answered`,
      );
    const accept = parsed.data.accept;
    const member = accept
      ? { email: invitation.email, role: invitation.role, user_id: nodeCrypto().randomUUID() }
      : undefined;
    store.commit({ op: 'respond', id: invitation.id, status: accept ? 'accepted' : 'rejected', member });
    return { status: 200, body: view(invitation, now) };
  }

  return { handle };
}

/** Whether answering may need the body rules: a body to parse, or an invitee's address to check. */
function validates(request: ApiRequest): boolean {
  const readOnly = request.method === 'GET' || request.method === 'DELETE';
  return !readOnly || (request.authorization ?? '').includes(INVITEE_TOKEN_PREFIX);
}

function matches(pattern: string[], path: string[]): boolean {
  return pattern.length === path.length && pattern.every((part, i) => part.startsWith(':') || part === path[i]);
}

/**
 * 400 for a body that does not say it is JSON: part A documents no 415, and 400 is its "invalid
 * request"; the detail names what to send.
 */
function refuseNonJson(request: ApiRequest): SandboxResponse | undefined {
  const mediaType = request.contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/json' || mediaType?.endsWith('+json')) return undefined;
  return errorResponse(
    400,
    'invalid_request',
    `Send the body with Content-Type: application/json (got ${mediaType ? mediaType : 'no Content-Type'})`,
  );
}

let randomPool = Buffer.alloc(0);
let randomOffset = 0;

function newInvitationId(now: number): string {
  // Random bytes drawn a page at a time: one call into the CSPRNG per request showed in profiles.
  if (randomOffset + 5 > randomPool.length) {
    randomPool = nodeCrypto().randomBytes(4096);
    randomOffset = 0;
  }
  const random = randomPool.toString('hex', randomOffset, (randomOffset += 5));
  return `inv_${now.toString(36)}${random}`;
}

/** node:crypto, loaded when an id is first needed rather than before the sandbox listens. */
function nodeCrypto() {
  return process.getBuiltinModule('node:crypto');
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
