// One source of an org's invitations for the whole TUI: the "already pending" flags, the
// pre-flight, and Browse all read it, and whatever changes invitations (a send, a revoke, `r`)
// invalidates it, so no screen keeps a stale copy of its own.
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { InvitationsClient } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import type { Invitation } from '../../api/schemas.js';
import { useClient } from '../services.js';
import { isMissingEndpoint, type Resource } from './use-api-resource.js';

interface Entry {
  resource: Resource<Invitation[]>;
  /** Set by invalidate: load again, showing what is known meanwhile. */
  stale: boolean;
  controller: AbortController | undefined;
}

const LOADING: Resource<Invitation[]> = { status: 'loading' };

export class InvitationsStore {
  private entries = new Map<string, Entry>();
  private listeners = new Set<() => void>();

  constructor(private readonly client: InvitationsClient) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  get(org: string): Resource<Invitation[]> {
    return this.entries.get(org)?.resource ?? LOADING;
  }

  /** Loads the org's invitations unless they are loaded (or loading) and still fresh. */
  ensure(org: string): void {
    const entry = this.entries.get(org);
    if (entry && !entry.stale) return;
    entry?.controller?.abort();
    const controller = new AbortController();
    this.entries.set(org, { resource: entry?.resource ?? LOADING, stale: false, controller });
    void loadInvitations(this.client, org, controller.signal).then((resource) => {
      if (controller.signal.aborted) return;
      this.entries.set(org, { resource, stale: false, controller: undefined });
      this.notify();
    });
  }

  /** What the TUI knows of the org's invitations changed: load them again. */
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

async function loadInvitations(
  client: InvitationsClient,
  org: string,
  signal: AbortSignal,
): Promise<Resource<Invitation[]>> {
  try {
    return { status: 'ready', data: await client.listInvitations(org, {}, { signal }) };
  } catch (error) {
    if (isMissingEndpoint(error)) return { status: 'missing', why: await whyMissing(client, org, error, signal) };
    const failure = error instanceof ApiError ? error : new ApiError({ kind: 'network', detail: 'The request failed' });
    return { status: 'error', error: failure };
  }
}

/** A 405 says the route is missing; a 404 could be either, unless the org's own details answer. */
async function whyMissing(client: InvitationsClient, org: string, error: unknown, signal: AbortSignal) {
  const notListed = 'This server does not list invitations.';
  if (error instanceof ApiError && error.status === 405) return notListed;
  try {
    await client.getOrg(org, { signal });
    return notListed;
  } catch {
    return `${org}: no such organization, or this server does not list invitations.`;
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
  const store = useContext(InvitationsContext);
  if (!store) throw new Error('useInvitations() needs an <InvitationsContext.Provider>');
  const resource = useSyncExternalStore(store.subscribe, () => (org === undefined ? LOADING : store.get(org)));
  useEffect(() => {
    if (org !== undefined) store.ensure(org);
  }, [org, store]);
  return { resource, invalidate: () => org !== undefined && store.invalidate(org) };
}
