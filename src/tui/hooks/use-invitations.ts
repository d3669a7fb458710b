import type { Invitation, InvitationStatus } from '../../api/schemas.js';
import { useClient } from '../services.js';
import { isMissingEndpoint, useApiResource } from './use-api-resource.js';

/**
 * An org's invitations, newest first. A 404 means either an unknown org or a server without the
 * list endpoint; asking for the org itself tells which.
 */
export function useInvitations(org: string | undefined, status?: InvitationStatus) {
  const client = useClient();
  return useApiResource<Invitation[]>(org === undefined ? undefined : `${org}?${status ?? ''}`, async (signal) => {
    if (org === undefined) return { status: 'missing' };
    try {
      return { status: 'ready', data: await client.listInvitations(org, status ? { status } : {}, { signal }) };
    } catch (error) {
      if (!isMissingEndpoint(error)) throw error;
      await client.getOrg(org, { signal });
      return { status: 'missing' };
    }
  });
}
