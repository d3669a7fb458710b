import type { ApiError } from '../api/errors.js';

/** Stable exit codes; documented in the README. */
export const EXIT = {
  ok: 0,
  usage: 2,
  auth: 3,
  permission: 4,
  notFound: 5,
  conflict: 6,
  validation: 7,
  upgrade: 8,
  rateLimited: 9,
  server: 10,
  partial: 11,
  /** The server does not offer that call (a 405, or no list of organizations at all). */
  unsupported: 12,
  /** Another live run is sending these rows. */
  busy: 13,
  /** Local state (the journal, a lock) cannot be written. */
  localState: 14,
  interrupted: 130,
} as const;

export function exitCodeFor(error: ApiError): number {
  if (error.kind === 'refused') return EXIT.usage;
  if (error.kind !== 'http') return EXIT.server;
  switch (error.status) {
    case 401:
      return EXIT.auth;
    case 403:
      return EXIT.permission;
    case 404:
      return EXIT.notFound;
    case 409:
      return EXIT.conflict;
    case 400:
    case 422:
      return EXIT.validation;
    case 426:
      return EXIT.upgrade;
    case 429:
      return EXIT.rateLimited;
    default:
      return EXIT.server;
  }
}

/** A bulk run: 0 when nothing failed, the family's code when every failure shares one, else 11. */
export function bulkExitCode(failureCodes: number[]): number {
  const families = new Set(failureCodes);
  if (families.size === 0) return EXIT.ok;
  return families.size === 1 ? (failureCodes[0] ?? EXIT.partial) : EXIT.partial;
}
