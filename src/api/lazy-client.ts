// A client that stands in for one still loading: the TUI draws its first frame before the API
// client's code (ofetch, zod, the transport) has loaded and while the demo sandbox may still be
// starting, and a `--demo` command starts its sandbox on first use. Every call simply waits for
// the real client.
import type { InvitationsClient } from './client.js';
import { ApiError } from './errors.js';

/**
 * `quit` aborts every request still in flight when the TUI quits, so a second Ctrl-C does not
 * wait for them (nor does Node, for their sockets).
 */
export function lazyClient(ready: Promise<InvitationsClient>, quit?: AbortSignal): InvitationsClient {
  const call = <C extends { signal?: AbortSignal }>(options: C | undefined): C | undefined => {
    if (!quit) return options;
    return { ...options, signal: options?.signal ? AbortSignal.any([options.signal, quit]) : quit } as C;
  };
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
    listOrgs: async (options) => (await client).listOrgs(call(options)),
    getOrg: async (org, options) => (await client).getOrg(org, call(options)),
    listInvitations: async (org, filter, options) => (await client).listInvitations(org, filter, call(options)),
    listMembers: async (org, options) => (await client).listMembers(org, call(options)),
    createInvitation: async (org, invite, options) => (await client).createInvitation(org, invite, call(options)),
    revokeInvitation: async (org, id, options) => (await client).revokeInvitation(org, id, call(options)),
  };
}
