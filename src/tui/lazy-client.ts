// The TUI draws its first frame before the API client exists: the client (ofetch, zod, the
// transport) loads right after, and the demo sandbox may still be starting. This stands in for
// the client meanwhile; every call simply waits for the real one.
import type { InvitationsClient } from '../api/client.js';
import { ApiError } from '../api/errors.js';

export function lazyClient(ready: Promise<InvitationsClient>): InvitationsClient {
  let baseUrl = '';
  const client = ready.then(
    (real) => {
      baseUrl = real.baseUrl;
      return real;
    },
    (error: unknown) => {
      throw error instanceof ApiError
        ? error
        : new ApiError({
            kind: 'network',
            detail: `Could not connect: ${error instanceof Error ? error.message : String(error)}`,
          });
    },
  );
  client.catch(() => undefined); // each call reports the failure; this promise must not go unhandled
  return {
    get baseUrl() {
      return baseUrl;
    },
    listOrgs: async (...args) => (await client).listOrgs(...args),
    getOrg: async (...args) => (await client).getOrg(...args),
    listInvitations: async (...args) => (await client).listInvitations(...args),
    listMembers: async (...args) => (await client).listMembers(...args),
    createInvitation: async (...args) => (await client).createInvitation(...args),
    revokeInvitation: async (...args) => (await client).revokeInvitation(...args),
  };
}
