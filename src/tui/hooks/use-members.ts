// The org's members, where the server lists them (the platform documents the endpoint; a
// part-A-only server does not have it): what "already a member" is known by before sending.
import { createContext, useContext, useMemo } from 'react';
import type { InvitationsClient } from '../../api/client.js';
import type { Member } from '../../api/schemas.js';
import { useClient } from '../services.js';
import { loadOrgList, OrgListStore, useOrgList } from './use-invitations.js';

export class MembersStore extends OrgListStore<Member> {
  constructor(client: InvitationsClient) {
    super((org, signal) =>
      // Review's note needs no why, so a missing list costs no second request.
      loadOrgList(client, org, signal, undefined, (onPage) => client.listMembers(org, { signal, onPage })),
    );
  }
}

export const MembersContext = createContext<MembersStore | undefined>(undefined);

/** One store per client, for the App to provide. */
export function useMembersStore(): MembersStore {
  const client = useClient();
  return useMemo(() => new MembersStore(client), [client]);
}

/** The org's members, loading until an org is chosen, and a way to load them again. */
export function useMembers(org: string | undefined) {
  return useOrgList(useContext(MembersContext), org, 'useMembers() needs a <MembersContext.Provider>');
}
