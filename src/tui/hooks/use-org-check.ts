import type { ApiError } from '../../api/errors.js';
import type { Organization } from '../../api/schemas.js';
import { useClient } from '../services.js';
import { useApiResource } from './use-api-resource.js';

export type OrgCheck =
  | { status: 'checking' }
  | { status: 'found'; org: Organization }
  /** The check could not confirm the key: said on screen, and the invitation's own answer decides. */
  | { status: 'unconfirmed'; note: string };

/**
 * A typed org key, checked with GET /org/{key} where the server offers it. A server that offers
 * only the invite endpoint answers 404 here for every key, so a failed check is never a wall.
 */
export function useOrgCheck(org: string | undefined): OrgCheck | undefined {
  const client = useClient();
  const [resource] = useApiResource<Organization>(org, async (signal) => ({
    status: 'ready',
    data: await client.getOrg(org ?? '', { signal }),
  }));
  if (org === undefined) return undefined;
  if (resource.status === 'loading') return { status: 'checking' };
  if (resource.status === 'ready') return { status: 'found', org: resource.data };
  return {
    status: 'unconfirmed',
    note: unconfirmedNote(org, resource.status === 'error' ? resource.error : undefined),
  };
}

function unconfirmedNote(org: string, error: ApiError | undefined): string {
  const then = 'sending will tell.';
  if (error?.status === 404)
    return `${org}: no such organization, or this server does not offer organization details; ${then}`;
  if (error?.status === 405) return `This server does not offer organization details, so ${org} is unchecked; ${then}`;
  return `Could not check ${org} (${error?.detail ?? 'no answer'}); ${then}`;
}
