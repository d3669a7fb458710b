import { useMemo } from 'react';
import { parseAddressList, type AddressList, type ParsedAddress } from '../../invites/addresses.js';
import { useInvitations } from './use-invitations.js';

export interface SendPlan {
  list: AddressList;
  /** Valid addresses that will be sent. */
  sendable: ParsedAddress[];
  /** Valid addresses that already have a pending invitation: flagged, and skipped when sending. */
  alreadyPending: ParsedAddress[];
  /** Whether the pending check could run (the list endpoint exists and answered). */
  checked: boolean;
}

/** What typed text would send: parsed, de-duplicated, and checked against pending invitations. */
export function useSendPlan(org: string | undefined, addressText: string): SendPlan {
  const [pendingInvitations] = useInvitations(org, 'pending');
  const pending = useMemo(
    () => new Set(pendingInvitations.status === 'ready' ? pendingInvitations.data.map((invitation) => (invitation.email ?? '').toLowerCase()) : []),
    [pendingInvitations],
  );
  return useMemo(() => {
    const list = parseAddressList(addressText);
    const isPending = (address: ParsedAddress) => pending.has(address.email.toLowerCase());
    return {
      list,
      sendable: list.valid.filter((address) => !isPending(address)),
      alreadyPending: list.valid.filter(isPending),
      checked: pendingInvitations.status === 'ready',
    };
  }, [addressText, pending, pendingInvitations.status]);
}
