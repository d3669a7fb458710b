import type { FieldError } from './schemas.js';

/**
 * What went wrong, by cause rather than by status:
 * - `http`: the server answered with an error status (see `status`, `type`, `detail`);
 * - `network`: no answer (connection refused or reset, DNS failure);
 * - `timeout`: no complete answer in time;
 * - `invalid_response`: a success status whose body is not what the contract promises;
 * - `redirect`: the server redirected; redirects are never followed, so the token stays put;
 * - `refused`: the client declined to send (bad org key, token over plain http, ...);
 * - `cancelled`: the caller aborted the request.
 */
export type ApiErrorKind = 'http' | 'network' | 'timeout' | 'invalid_response' | 'redirect' | 'refused' | 'cancelled';

/** Which of the client's calls failed: a 404 means different things for the documented invite
 * endpoint and for the companion endpoints a server may not offer (see companion.ts). */
export type ApiCallName =
  'createInvitation' | 'listOrgs' | 'getOrg' | 'listInvitations' | 'listMembers' | 'revokeInvitation';

export interface ApiCall {
  name: ApiCallName;
  org?: string | undefined;
}

export interface ApiErrorInit {
  kind: ApiErrorKind;
  detail: string;
  status?: number;
  type?: string;
  fieldErrors?: FieldError[];
  retryAfterSeconds?: number;
  attempts?: number;
  call?: ApiCall | undefined;
}

/**
 * The one error every client call rejects with. It holds only data that is safe to print or
 * serialize: never the request's headers (which carry the token) and never a raw FetchError.
 * Server-sent strings (`type`, `detail`, `fieldErrors`) are kept as sent; sanitize to display.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  readonly status: number | undefined;
  readonly type: string | undefined;
  readonly detail: string;
  readonly fieldErrors: FieldError[];
  readonly retryAfterSeconds: number | undefined;
  readonly attempts: number;
  readonly call: ApiCall | undefined;

  constructor(init: ApiErrorInit) {
    super(init.status ? `${init.status} ${statusName(init.status)}: ${init.detail}` : init.detail);
    this.kind = init.kind;
    this.status = init.status;
    this.type = init.type;
    this.detail = init.detail;
    this.fieldErrors = init.fieldErrors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.attempts = init.attempts ?? 1;
    this.call = init.call;
  }

  withAttempts(attempts: number): ApiError {
    return new ApiError({ ...this.toJSON(), attempts });
  }

  /** The same error, told which call it came from. */
  from(call: ApiCall): ApiError {
    return new ApiError({ ...this.toJSON(), call });
  }

  toJSON(): Required<Omit<ApiErrorInit, 'status' | 'type' | 'retryAfterSeconds' | 'call'>> &
    Pick<ApiErrorInit, 'status' | 'type' | 'retryAfterSeconds' | 'call'> {
    return {
      kind: this.kind,
      status: this.status,
      type: this.type,
      detail: this.detail,
      fieldErrors: this.fieldErrors,
      retryAfterSeconds: this.retryAfterSeconds,
      attempts: this.attempts,
      call: this.call,
    };
  }
}

/** The reason phrase for an HTTP status, e.g. 404 → "Not Found". */
export function statusName(status: number): string {
  // Looked up when needed: importing node:http at load would delay every start, the TUI's first frame too.
  return process.getBuiltinModule('node:http').STATUS_CODES[status] ?? 'Unknown Status';
}
