import * as z from 'zod/mini';
import { USER_AGENT } from '../version.js';
import { parseBaseUrl } from './base-url.js';
import { createFetch, type FetchResponse } from './ofetch.js';
import { discardBody, TransportHeaders, transportFetch } from './transport.js';
import { ApiError, type ApiCall } from './errors.js';
import { newIdempotencyKey } from './idempotency.js';
import { MAX_PAGES, PAGE_LIMIT, readListPage } from './pages.js';
import { httpError, redirectError, sleep, TimeoutMarker, transportError } from './failures.js';
import {
  describeUnexpectedBody,
  MAX_ERROR_BODY_BYTES,
  MAX_SUCCESS_BODY_BYTES,
  parseBody,
  readBodyCapped,
} from './response-body.js';
import {
  DEFAULT_RETRY_POLICY,
  isRetryable,
  parseRetryAfter,
  retryDelay,
  type HttpMethod,
  type RetryPolicy,
} from './retry-policy.js';
import {
  invitationSchema,
  memberSchema,
  orgSlugSchema,
  organizationSchema,
  type Invitation,
  type InvitationStatus,
  type InviteRequest,
  type Member,
  type Organization,
} from './schemas.js';

export interface RetryWait {
  /** The attempt that just failed (1-based). */
  attempt: number;
  delayMs: number;
  /** Epoch milliseconds at which the next attempt starts: what a countdown counts to. */
  until: number;
  reason: ApiError;
  /** The server asked for longer than the cap (see `requestedMs`). */
  capped: boolean;
  requestedMs: number | undefined;
}

export interface ClientOptions {
  baseUrl: string;
  token?: string | undefined;
  /** Per attempt, covering headers and body. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Told about every wait before a retry, for every call (a call's own observer is told too). */
  onRetryWait?: ((wait: RetryWait) => void) | undefined;
  random?: () => number;
}

export interface CallOptions {
  signal?: AbortSignal;
  onRetryWait?: (wait: RetryWait) => void;
}

export interface ListProgress {
  /** Pages read so far. */
  page: number;
  /** Items received so far. */
  received: number;
  /** What the server says there is in all, when it says. */
  total: number | undefined;
  /** True on the last report when the list stopped at the page cap before its end. */
  truncated: boolean;
}

export interface ListOptions extends CallOptions {
  /** Told after every page; the last report has `truncated` set if the list is incomplete. */
  onPage?: (progress: ListProgress) => void;
}

export interface CreateInvitationOptions extends CallOptions {
  /** Reuse the same key on every retry of the same invitation, across runs too. */
  idempotencyKey?: string;
}

export type InvitationsClient = ReturnType<typeof createClient>;
export { newIdempotencyKey };

const DEFAULT_TIMEOUT_MS = 15_000;
const INVITATION_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function createClient(options: ClientOptions) {
  const baseUrl = parseBaseUrl(options.baseUrl);
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const http = createFetch({ fetch: transportFetch, Headers: TransportHeaders }).create({
    baseURL: baseUrl.href.replace(/\/$/, ''),
    headers: {
      accept: 'application/json',
      'user-agent': USER_AGENT,
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    // Retries, redirects, timeouts and status handling are ours (see retry-policy.ts).
    retry: false,
    redirect: 'manual',
    ignoreResponseError: true,
    responseType: 'stream',
  });

  interface Request {
    call: ApiCall;
    method: HttpMethod;
    path: string;
    query?: Record<string, string>;
    body?: Record<string, unknown>;
    headers?: Record<string, string>;
  }

  async function attempt(request: Request, signal: AbortSignal | undefined): Promise<unknown> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new TimeoutMarker()), timeoutMs);
    const onCallerAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      let response: FetchResponse<unknown>;
      try {
        response = await http.raw(request.path, {
          method: request.method,
          query: request.query,
          body: request.body,
          headers: request.headers,
          signal: controller.signal,
        });
      } catch (caught) {
        throw transportError(caught, controller.signal, baseUrl);
      }
      return await interpret(response, controller.signal);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  async function interpret(response: FetchResponse<unknown>, signal: AbortSignal): Promise<unknown> {
    const { status } = response;
    if (status >= 300 && status < 400) {
      discardBody(response);
      throw redirectError(status, response.headers.get('location'), baseUrl);
    }
    let body;
    try {
      body = await readBodyCapped(response.body, status >= 400 ? MAX_ERROR_BODY_BYTES : MAX_SUCCESS_BODY_BYTES);
    } catch (caught) {
      throw transportError(caught, signal, baseUrl);
    }
    if (status === 204) return undefined;
    const parsed = parseBody(body);
    if (status >= 200 && status < 300) {
      const contentType = response.headers.get('content-type') ?? '';
      if (parsed.kind !== 'json') {
        throw new ApiError({
          kind: 'invalid_response',
          status,
          detail: `Unexpected answer: ${describeUnexpectedBody(parsed)}`,
        });
      }
      if (contentType && !/json/i.test(contentType)) {
        throw new ApiError({
          kind: 'invalid_response',
          status,
          detail: `Unexpected answer: the content type is ${contentType}, not JSON`,
        });
      }
      return parsed.value;
    }
    throw httpError(status, parsed, parseRetryAfter(response.headers.get('retry-after')));
  }

  async function send(request: Request, call: CallOptions = {}): Promise<unknown> {
    for (let attemptNumber = 1; ; attemptNumber++) {
      try {
        return await attempt(request, call.signal);
      } catch (caught) {
        const error =
          caught instanceof ApiError ? caught : new ApiError({ kind: 'network', detail: 'The request failed' });
        if (attemptNumber >= policy.maxAttempts || !isRetryable(request.method, error) || call.signal?.aborted) {
          throw new ApiError({ ...error.toJSON(), attempts: attemptNumber, call: request.call });
        }
        const delay = retryDelay(error, attemptNumber, policy, options.random);
        const wait: RetryWait = {
          attempt: attemptNumber,
          delayMs: delay.delayMs,
          until: Date.now() + delay.delayMs,
          reason: error,
          capped: delay.capped,
          requestedMs: delay.requestedMs,
        };
        options.onRetryWait?.(wait);
        call.onRetryWait?.(wait);
        await sleep(delay.delayMs, call.signal);
      }
    }
  }

  async function get<T>(call: ApiCall, path: string, schema: z.ZodMiniType<T>, options?: CallOptions): Promise<T> {
    return validated(await send({ call, method: 'GET', path }, options), schema, call);
  }

  /** Every page of a list, bare or paginated, up to MAX_PAGES pages. */
  async function list<T>(
    call: ApiCall,
    path: string,
    resource: string,
    itemSchema: z.ZodMiniType<T>,
    options: ListOptions = {},
    filter: Record<string, string> = {},
  ): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; ; page++) {
      const query = { ...filter, page: String(page), limit: String(PAGE_LIMIT) };
      const answer = await send({ call, method: 'GET', path, query }, options);
      const read = readListPage(answer, resource, page, items.length);
      if (!read) throw contractError(` (expected a list of ${resource})`, call);
      items.push(...validated(read.items, z.array(itemSchema), call));
      const truncated = read.hasNext && page >= MAX_PAGES;
      options.onPage?.({ page, received: items.length, total: read.total, truncated });
      if (!read.hasNext || truncated) return items;
    }
  }

  return {
    baseUrl: baseUrl.href,

    // Every method is async, so a refusal (a bad org key) is a rejection, never a synchronous throw.
    async listOrgs(options?: ListOptions): Promise<Organization[]> {
      return list({ name: 'listOrgs' }, '/api/v1/org', 'organizations', organizationSchema, options);
    },

    async getOrg(org: string, options?: CallOptions): Promise<Organization> {
      const call: ApiCall = { name: 'getOrg', org };
      return get(call, `/api/v1/org/${orgSegment(org)}`, organizationSchema, options);
    },

    /** Every invitation (or those with `filter.status`, which a server may ignore: check each one's own). */
    async listInvitations(
      org: string,
      filter: { status?: InvitationStatus } = {},
      options?: ListOptions,
    ): Promise<Invitation[]> {
      const call: ApiCall = { name: 'listInvitations', org };
      const query: Record<string, string> = filter.status ? { status: filter.status } : {};
      return list(call, `/api/v1/org/${orgSegment(org)}/invitations`, 'invitations', invitationSchema, options, query);
    },

    async listMembers(org: string, options?: ListOptions): Promise<Member[]> {
      const call: ApiCall = { name: 'listMembers', org };
      return list(call, `/api/v1/org/${orgSegment(org)}/members`, 'members', memberSchema, options);
    },

    async createInvitation(
      org: string,
      invite: InviteRequest,
      call: CreateInvitationOptions = {},
    ): Promise<Invitation> {
      const request: Request = {
        call: { name: 'createInvitation', org },
        method: 'POST',
        path: `/api/v1/org/${orgSegment(org)}/invitations`,
        body: invite,
        headers: { 'idempotency-key': call.idempotencyKey ?? newIdempotencyKey() },
      };
      return validated(await send(request, call), invitationSchema, request.call);
    },

    async revokeInvitation(org: string, id: string, call?: CallOptions): Promise<void> {
      if (!INVITATION_ID.test(id)) {
        throw new ApiError({ kind: 'refused', detail: `"${id.slice(0, 80)}" is not a valid invitation id` });
      }
      const path = `/api/v1/org/${orgSegment(org)}/invitations/${encodeURIComponent(id)}`;
      await send({ call: { name: 'revokeInvitation', org }, method: 'DELETE', path }, call);
    },
  };
}

/** Checks an org key before it goes into a URL; encodes it anyway, so nothing can reach another path. */
function orgSegment(org: string): string {
  const result = orgSlugSchema.safeParse(org);
  if (!result.success) {
    throw new ApiError({
      kind: 'refused',
      detail: `"${org.slice(0, 80)}" is not an organization key: ${result.error.issues[0]?.message ?? 'invalid'}`,
    });
  }
  return encodeURIComponent(result.data);
}

function validated<T>(value: unknown, schema: z.ZodMiniType<T>, call: ApiCall): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  throw contractError(`${where} (${issue?.message ?? 'invalid'})`, call);
}

function contractError(problem: string, call: ApiCall): ApiError {
  return new ApiError({
    kind: 'invalid_response',
    detail: `Unexpected answer: the response does not match the API contract${problem}`,
    call,
  });
}
