import type { Organization } from '../../api/schemas.js';
import { useClient } from '../services.js';
import { isMissingEndpoint, useApiResource } from './use-api-resource.js';

/** The organizations the token can see; 'missing' when the server has no list (type a key instead). */
export function useOrgs() {
  const client = useClient();
  return useApiResource<Organization[]>('orgs', async (signal) => {
    try {
      return { status: 'ready', data: await client.listOrgs({ signal }) };
    } catch (error) {
      if (isMissingEndpoint(error)) return { status: 'missing' };
      throw error;
    }
  });
}
