import { useEffect, useMemo, useState } from 'react';
import type * as Addresses from '../../invites/addresses.js';
import type { AddressList, ParsedAddress } from '../../invites/addresses.js';
import type * as Preflight from '../../invites/preflight.js';
import { useServices } from '../services.js';
import type { Resource } from './use-api-resource.js';
import { useInvitations } from './use-invitations.js';
import { useMembers } from './use-members.js';

interface SendRules {
  addresses: typeof Addresses;
  preflight: typeof Preflight;
}
const EMPTY: AddressList = { valid: [], invalid: [], duplicates: 0 };
let rules: SendRules | undefined;

/**
 * The address parser and the pre-flight's rules (and zod with them) load after the first frame;
 * no screen before the addresses step needs them. Until there is text to parse, their arrival
 * re-renders nothing: a render then would hold back the org list's frame by Ink's render throttle.
 */
function useSendRules(needed: boolean): SendRules | undefined {
  const [loaded, setLoaded] = useState(rules);
  useEffect(() => {
    if (loaded) return;
    let live = true;
    void Promise.all([import('../../invites/addresses.js'), import('../../invites/preflight.js')]).then(
      ([addresses, preflight]) => {
        rules = { addresses, preflight };
        if (live && needed) setLoaded(rules);
      },
    );
    return () => {
      live = false;
    };
  }, [loaded, needed]);
  return loaded ?? rules;
}

export interface SkippedAddress {
  address: ParsedAddress;
  /** Why it is not sent, in the CLI's words ("already a member", …). */
  reason: string;
}

export interface AddressTriage {
  list: AddressList;
  /** Valid addresses that will be sent. */
  sendable: ParsedAddress[];
  /** Valid addresses already there (a member, or a pending invitation): flagged, and skipped when sending. */
  skipped: SkippedAddress[];
  /** Of those, the ones with a pending invitation. */
  alreadyPending: ParsedAddress[];
  /** Of those, the organization's members. */
  alreadyMembers: ParsedAddress[];
  /** Checks that could not be made (the server does not list that, the list failed or is too long): the server decides. */
  notChecked: string[];
}

/**
 * What typed text would send: parsed, de-duplicated, and checked against the org's members and
 * pending invitations by the pre-flight's rules, the same as `send`. Until the lists load,
 * nothing is skipped: a send then gets the server's own 409 for an address already there.
 */
export function useAddressTriage(org: string | undefined, addressText: string): AddressTriage {
  const loaded = useSendRules(addressText !== '');
  const { now } = useServices();
  const { resource: invitations } = useInvitations(org);
  const { resource: members } = useMembers(org);
  const checks = useMemo(() => {
    if (!loaded) return undefined;
    const { pendingKeys, memberKeys } = loaded.preflight;
    return {
      // Each invitation's own status and expiry decide: a server may ignore a status filter.
      pending: usable(invitations) ? pendingKeys(invitations.data, now()) : undefined,
      members: usable(members) ? memberKeys(members.data) : undefined,
    };
  }, [loaded, invitations, members, now]);
  return useMemo(() => {
    const list = loaded ? loaded.addresses.parseAddressList(addressText) : EMPTY;
    const triage: AddressTriage = {
      list,
      sendable: [],
      skipped: [],
      alreadyPending: [],
      alreadyMembers: [],
      notChecked: [],
    };
    for (const address of list.valid) {
      const kind = checks && loaded?.preflight.alreadyThere(address.key, checks);
      if (!kind || !loaded) triage.sendable.push(address);
      else {
        triage.skipped.push({ address, reason: loaded.preflight.SKIP_REASON[kind] });
        (kind === 'member' ? triage.alreadyMembers : triage.alreadyPending).push(address);
      }
    }
    if (loaded && unchecked(invitations)) triage.notChecked.push(loaded.preflight.CHECKED.pending);
    if (loaded && unchecked(members)) triage.notChecked.push(loaded.preflight.CHECKED.members);
    return triage;
  }, [loaded, addressText, checks, invitations, members]);
}

/** A list that can skip addresses: loaded whole. */
function usable<T>(resource: Resource<T[]>): resource is { status: 'ready'; data: T[] } {
  return resource.status === 'ready' && !resource.partial;
}

/** A list that will not be known: missing, failed, or cut off at the page cap. */
function unchecked<T>(resource: Resource<T[]>): boolean {
  return resource.status !== 'loading' && !usable(resource);
}
