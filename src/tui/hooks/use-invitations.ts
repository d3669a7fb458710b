// One source of an org's invitations for the whole TUI: the "already pending" flags, the
// pre-flight, and Browse all read it, and whatever changes invitations (a send, a revoke, `r`)
// invalidates it, so no screen keeps a stale copy of its own. The members list (use-members.ts)
// is kept the same way.
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { InvitationsClient, ListProgress } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import type { Invitation } from '../../api/schemas.js';
import { useClient } from '../services.js';
import { isMissingEndpoint, type Resource } from './use-api-resource.js';

interface Entry<T> {
  resource: Resource<T[]>;
  /** Set by invalidate: load again, showing what is known meanwhile. */
  stale: boolean;
  controller: AbortController | undefined;
}

const LOADING: Resource<never[]> = { status: 'loading' };

/** One list per organization (its invitations, its members), loaded once and shared by every screen. */
export class OrgListStore<T> {
  private entries = new Map<string, Entry<T>>();
  private listeners = new Set<() => void>();

  constructor(private readonly load: (org: string, signal: AbortSignal) => Promise<Resource<T[]>>) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  get(org: string): Resource<T[]> {
    return this.entries.get(org)?.resource ?? LOADING;
  }

  /** Loads the org's list unless it is loaded (or loading) and still fresh. */
  ensure(org: string): void {
    const entry = this.entries.get(org);
    if (entry && !entry.stale) return;
    entry?.controller?.abort();
    const controller = new AbortController();
    this.entries.set(org, { resource: entry?.resource ?? LOADING, stale: false, controller });
    void this.load(org, controller.signal).then((resource) => {
      if (controller.signal.aborted) return;
      this.entries.set(org, { resource, stale: false, controller: undefined });
      this.notify();
    });
  }

  /** What the TUI knows of the org's list changed: load it again. */
  invalidate(org: string): void {
    const entry = this.entries.get(org);
    if (!entry) return;
    entry.stale = true;
    this.ensure(org);
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

export class InvitationsStore extends OrgListStore<Invitation> {
  constructor(client: InvitationsClient) {
    super((org, signal) =>
      loadOrgList(client, org, signal, 'list invitations', (onPage) =>
        client.listInvitations(org, {}, { signal, onPage }),
      ),
    );
  }
}

/**
 * Every page of one org's list as a resource: `partial` when it stopped at the page cap, and
 * `missing` where the server does not offer it, with why in words if `offer` names it for a screen
 * to say (which may take one more request).
 */
export async function loadOrgList<T>(
  client: InvitationsClient,
  org: string,
  signal: AbortSignal,
  offer: string | undefined,
  list: (onPage: (progress: ListProgress) => void) => Promise<T[]>,
): Promise<Resource<T[]>> {
  try {
    let partial = false;
    const data = await list((progress) => (partial = progress.truncated));
    return { status: 'ready', data, partial };
  } catch (error) {
    if (isMissingEndpoint(error))
      return offer
        ? { status: 'missing', why: await whyMissing(client, org, error, offer, signal) }
        : { status: 'missing' };
    const failure = error instanceof ApiError ? error : new ApiError({ kind: 'network', detail: 'The request failed' });
    return { status: 'error', error: failure };
  }
}

/** A 405 says the route is missing; a 404 could be either, unless the org's own details answer. */
async function whyMissing(client: InvitationsClient, org: string, error: unknown, offer: string, signal: AbortSignal) {
  const notOffered = `This server does not ${offer}.`;
  if (error instanceof ApiError && error.status === 405) return notOffered;
  try {
    await client.getOrg(org, { signal });
    return notOffered;
  } catch {
    return `${org}: no such organization, or this server does not ${offer}.`;
  }
}

export const InvitationsContext = createContext<InvitationsStore | undefined>(undefined);

/** One store per client, for the App to provide. */
export function useInvitationsStore(): InvitationsStore {
  const client = useClient();
  return useMemo(() => new InvitationsStore(client), [client]);
}

/** The org's invitations (newest first, as the server sends them) and a way to load them again. */
export function useInvitations(org: string | undefined) {
  return useOrgList(useContext(InvitationsContext), org, 'useInvitations() needs an <InvitationsContext.Provider>');
}

/** One org's list from its store: loading until an org is chosen, and a way to load it again. */
export function useOrgList<T>(store: OrgListStore<T> | undefined, org: string | undefined, missingProvider: string) {
  if (!store) throw new Error(missingProvider);
  const resource = useSyncExternalStore(store.subscribe, () => (org === undefined ? LOADING : store.get(org)));
  useEffect(() => {
    if (org !== undefined) store.ensure(org);
  }, [org, store]);
  return { resource, invalidate: () => org !== undefined && store.invalidate(org) };
}
