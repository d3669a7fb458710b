import { useCallback, type Dispatch } from 'react';
import { ApiError } from '../../api/errors.js';
import { keyName } from '../keys.js';
import type { BrowseAction } from '../screens/browse-state.js';
import { useClient } from '../services.js';

/** Revokes an invitation, turning each stage into a Browse action; every failure is shown, whatever it is. */
export function useRevoke(org: string, dispatch: Dispatch<BrowseAction>, onRevoked: () => void) {
  const client = useClient();
  return useCallback(
    async (id: string) => {
      dispatch({ type: 'revokeStarted', id });
      try {
        await client.revokeInvitation(org, id);
        dispatch({ type: 'revokeSucceeded', id });
        onRevoked();
      } catch (error) {
        const failure =
          error instanceof ApiError
            ? error
            : new ApiError({ kind: 'network', detail: error instanceof Error ? error.message : String(error) });
        dispatch({ type: 'revokeFailed', id, error: failure });
      }
    },
    [client, dispatch, onRevoked, org],
  );
}

/** What a failed revoke means, in revoke's own words. */
export function revokeAdvice(error: ApiError): string {
  if (error.status === 404) return 'No such invitation here any more (or this server does not offer revoking).';
  if (error.status === 405) return 'This server does not offer revoking invitations.';
  if (error.status === 409) return 'It is no longer pending: accepted, rejected or expired meanwhile.';
  if (error.status === 403) return 'Only owners can revoke invitations.';
  return `The invitation was not revoked; press ${keyName('refresh')} to reload and try again.`;
}
