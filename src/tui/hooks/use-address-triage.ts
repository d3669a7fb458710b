import { useEffect, useMemo, useState } from 'react';
import type * as Addresses from '../../invites/addresses.js';
import type { AddressList, ParsedAddress } from '../../invites/addresses.js';
import { useInvitations } from './use-invitations.js';

type AddressParser = typeof Addresses;
const EMPTY: AddressList = { valid: [], invalid: [], duplicates: 0 };
let parser: AddressParser | undefined;

/**
 * The address parser (and zod with it) loads after the first frame; no screen before the
 * addresses step needs it. Until there is text to parse, its arrival re-renders nothing: a
 * render then would hold back the org list's frame by Ink's render throttle.
 */
function useAddressParser(needed: boolean): AddressParser | undefined {
  const [loaded, setLoaded] = useState(parser);
  useEffect(() => {
    if (loaded) return;
    let live = true;
    void import('../../invites/addresses.js').then((module) => {
      parser = module;
      if (live && needed) setLoaded(module);
    });
    return () => {
      live = false;
    };
  }, [loaded, needed]);
  return loaded ?? parser;
}

export interface AddressTriage {
  list: AddressList;
  /** Valid addresses that will be sent. */
  sendable: ParsedAddress[];
  /** Valid addresses that already have a pending invitation: flagged, and skipped when sending. */
  alreadyPending: ParsedAddress[];
  /** Whether the pending check could run (the list endpoint exists and answered). */
  checked: boolean;
}

/** What typed text would send: parsed, de-duplicated, and checked against pending invitations. */
export function useAddressTriage(org: string | undefined, addressText: string): AddressTriage {
  const addresses = useAddressParser(addressText !== '');
  const { resource: invitations } = useInvitations(org);
  // Each invitation's own status decides: a server may ignore a status filter.
  const pending = useMemo(
    () =>
      new Set(
        invitations.status === 'ready'
          ? invitations.data
              .filter((invitation) => invitation.status === 'pending')
              .map((invitation) => (invitation.email ?? '').toLowerCase())
          : [],
      ),
    [invitations],
  );
  return useMemo(() => {
    const list = addresses ? addresses.parseAddressList(addressText) : EMPTY;
    const isPending = (address: ParsedAddress) => pending.has(address.email.toLowerCase());
    return {
      list,
      sendable: list.valid.filter((address) => !isPending(address)),
      alreadyPending: list.valid.filter(isPending),
      checked: invitations.status === 'ready',
    };
  }, [addresses, addressText, pending, invitations.status]);
}
