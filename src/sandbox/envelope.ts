import type { FieldError } from '../api/schemas.js';

export interface SandboxResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** An answer in the API's canonical error envelope. */
export function errorResponse(
  status: number,
  type: string,
  detail: string,
  extra: { errors?: FieldError[]; headers?: Record<string, string> } = {},
): SandboxResponse {
  const body = { code: status, detail, type, ...(extra.errors ? { errors: extra.errors } : {}) };
  return { status, body, ...(extra.headers ? { headers: extra.headers } : {}) };
}

export function validationError(errors: FieldError[], detail = 'Validation error'): SandboxResponse {
  return errorResponse(422, 'validation_error', detail, { errors });
}

export function notFound(detail: string): SandboxResponse {
  return errorResponse(404, 'not_found', detail);
}
