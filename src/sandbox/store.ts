// The sandbox's state, with an index for every rule, so no request walks all invitations: a
// member by org and address, pending invitations by org and address, seats taken per org,
// invitations by id, idempotency keys by caller and key. Every change goes through `commit`,
// one change object at a time, which is also the line `--data` appends to its log.
import { DataLog } from './data-log.js';
import { ExpiryQueue } from './expiry-queue.js';
import type { SandboxResponse } from './envelope.js';
import {
  seedData,
  type SandboxData,
  type SandboxMember,
  type SandboxOrg,
  type SeedOptions,
  type StoredInvitation,
} from './seed.js';

export interface IdempotencyRecord {
  /** The request body the key was first used with; a different body is refused. */
  requestBody: string;
  response: SandboxResponse;
  at: number;
}

export interface RememberedKey {
  key: string;
  record: IdempotencyRecord;
}

/** One change to the state: what `commit` applies and persistence records. */
export type Change =
  | { op: 'invite'; invitation: StoredInvitation; remember?: RememberedKey | undefined }
  | ({ op: 'remember' } & RememberedKey)
  | { op: 'respond'; id: string; status: 'accepted' | 'rejected'; member?: SandboxMember | undefined }
  | { op: 'revoke'; id: string };

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const FORMAT_VERSION = 2;

interface Snapshot extends SandboxData {
  version: number;
  idempotency: [string, IdempotencyRecord][];
}

export class SandboxStore {
  /** The organizations, in the order they are listed; tests may remove one to simulate a deletion. */
  readonly state: { orgs: SandboxOrg[] };
  private readonly log: DataLog | undefined;
  private readonly members = new Map<string, Map<string, SandboxMember>>();
  /** Per org, oldest first: appending is O(1) and a page of the newest is a slice from the end. */
  private readonly invitationsByOrg = new Map<string, StoredInvitation[]>();
  private readonly invitationsById = new Map<string, StoredInvitation>();
  /** Stored-pending invitations by id, unexpired when last swept. */
  private readonly pending = new Map<string, StoredInvitation>();
  private readonly pendingExpiry = new ExpiryQueue<StoredInvitation>();
  private readonly pendingByAddress = new Map<string, StoredInvitation[]>();
  private readonly seatsTakenByOrg = new Map<string, number>();
  /** Keyed by `${token}\n${key}`: keys belong to the caller who sent them. */
  private readonly idempotency = new Map<string, IdempotencyRecord>();
  private readonly idempotencyExpiry = new ExpiryQueue<RememberedKey>();

  constructor(options: SeedOptions & { dataFile?: string | undefined }) {
    const loaded = options.dataFile ? DataLog.load<Snapshot, Change>(options.dataFile, isSnapshot) : undefined;
    const snapshot = loaded?.snapshot ?? { ...seedData(options), version: FORMAT_VERSION, idempotency: [] };
    this.state = { orgs: snapshot.orgs };
    for (const org of snapshot.orgs) {
      this.invitationsByOrg.set(org.key, []);
      this.members.set(org.key, new Map());
      const members = Object.hasOwn(snapshot.members, org.key) ? snapshot.members[org.key] : undefined;
      for (const member of members ?? []) this.addMember(org.key, member);
    }
    const pendingByExpiry = snapshot.invitations
      .filter((invitation) => invitation.status === 'pending')
      .map((invitation) => ({ invitation, expires: Date.parse(invitation.expires_at) }))
      .sort((a, b) => a.expires - b.expires);
    for (const { invitation } of pendingByExpiry) this.indexPending(invitation);
    for (const invitation of snapshot.invitations) this.addInvitation(invitation);
    const keysByAge = [...snapshot.idempotency].sort(([, a], [, b]) => a.at - b.at);
    for (const [key, record] of keysByAge) this.remember({ key, record });
    for (const change of loaded?.changes ?? []) this.apply(change);
    this.sweepExpired(options.now);
    this.log = options.dataFile
      ? new DataLog(options.dataFile, () => ({
          text: JSON.stringify(this.snapshot()),
          size: this.invitationsById.size + this.idempotency.size,
        }))
      : undefined;
  }

  org(key: string): SandboxOrg | undefined {
    return this.state.orgs.find((org) => org.key === key);
  }

  member(orgKey: string, address: string): SandboxMember | undefined {
    return this.members.get(orgKey)?.get(address.toLowerCase());
  }

  membersOf(orgKey: string): SandboxMember[] {
    return [...(this.members.get(orgKey)?.values() ?? [])];
  }

  memberCount(orgKey: string): number {
    return this.members.get(orgKey)?.size ?? 0;
  }

  /** The org's invitations, oldest first. Read-only: change them through `commit`. */
  invitationsOf(orgKey: string): readonly StoredInvitation[] {
    return this.invitationsByOrg.get(orgKey) ?? [];
  }

  invitation(id: string): StoredInvitation | undefined {
    return this.invitationsById.get(id);
  }

  /** The address's invitations to the org that are pending and unexpired at `now`. */
  pendingFor(orgKey: string, address: string, now: number): readonly StoredInvitation[] {
    this.sweepExpired(now);
    return this.pendingByAddress.get(pendingKey(orgKey, address)) ?? [];
  }

  /** Pending, unexpired invitations: each holds a seat against the member limit. */
  seatsTaken(orgKey: string, now: number): number {
    this.sweepExpired(now);
    return this.seatsTakenByOrg.get(orgKey) ?? 0;
  }

  /** The record of an idempotency key still within its 24 hours, if any. */
  idempotencyRecord(key: string, now: number): IdempotencyRecord | undefined {
    this.idempotencyExpiry.expireUntil(now, (expired) => {
      // Unless the key was used again since: then a later entry expires it.
      if (this.idempotency.get(expired.key) === expired.record) this.idempotency.delete(expired.key);
    });
    const record = this.idempotency.get(key);
    return record && now - record.at <= IDEMPOTENCY_TTL_MS ? record : undefined;
  }

  /** Applies a change and, with a data file, queues it for the log: answer only once `durable()` says so. */
  commit(change: Change): void {
    this.apply(change);
    this.log?.append(change);
  }

  /** Resolves once every change committed so far is on disk; undefined when nothing is waiting. */
  durable(): Promise<void> | undefined {
    return this.log?.durable();
  }

  async close(): Promise<void> {
    await this.log?.close();
  }

  private apply(change: Change): void {
    switch (change.op) {
      case 'invite':
        this.indexPending(change.invitation);
        this.addInvitation(change.invitation);
        if (change.remember) this.remember(change.remember);
        return;
      case 'remember':
        this.remember(change);
        return;
      case 'respond': {
        const invitation = this.invitationsById.get(change.id);
        if (!invitation) return;
        this.unindexPending(invitation);
        invitation.status = change.status;
        if (change.member && !this.member(invitation.org, change.member.email))
          this.addMember(invitation.org, change.member);
        return;
      }
      case 'revoke': {
        const invitation = this.invitationsById.get(change.id);
        if (!invitation) return;
        this.unindexPending(invitation);
        this.invitationsById.delete(change.id);
        const list = this.invitationsByOrg.get(invitation.org);
        // Revoking is rare and done by a person: the one O(n) step in the store.
        list?.splice(list.lastIndexOf(invitation), 1);
        return;
      }
    }
  }

  private remember({ key, record }: RememberedKey): void {
    this.idempotency.set(key, record);
    this.idempotencyExpiry.add({ key, record }, record.at + IDEMPOTENCY_TTL_MS + 1);
  }

  private addMember(orgKey: string, member: SandboxMember): void {
    let members = this.members.get(orgKey);
    if (!members) this.members.set(orgKey, (members = new Map()));
    members.set(member.email.toLowerCase(), member);
  }

  private addInvitation(invitation: StoredInvitation): void {
    let list = this.invitationsByOrg.get(invitation.org);
    if (!list) this.invitationsByOrg.set(invitation.org, (list = []));
    list.push(invitation);
    this.invitationsById.set(invitation.id, invitation);
  }

  private indexPending(invitation: StoredInvitation): void {
    if (invitation.status !== 'pending' || this.pending.has(invitation.id)) return;
    this.pending.set(invitation.id, invitation);
    this.pendingExpiry.add(invitation, Date.parse(invitation.expires_at));
    const key = pendingKey(invitation.org, invitation.email);
    const sameAddress = this.pendingByAddress.get(key);
    if (sameAddress) sameAddress.push(invitation);
    else this.pendingByAddress.set(key, [invitation]);
    this.seatsTakenByOrg.set(invitation.org, (this.seatsTakenByOrg.get(invitation.org) ?? 0) + 1);
  }

  private unindexPending(invitation: StoredInvitation): void {
    if (!this.pending.delete(invitation.id)) return;
    const key = pendingKey(invitation.org, invitation.email);
    const sameAddress = this.pendingByAddress.get(key) ?? [];
    // Almost always the only one: several exist only on a server that allows duplicate pending invitations.
    const rest = sameAddress.length === 1 ? [] : sameAddress.filter((other) => other !== invitation);
    if (rest.length > 0) this.pendingByAddress.set(key, rest);
    else this.pendingByAddress.delete(key);
    this.seatsTakenByOrg.set(invitation.org, (this.seatsTakenByOrg.get(invitation.org) ?? 1) - 1);
  }

  private sweepExpired(now: number): void {
    // An invitation answered or revoked before it expired is no longer in `pending`: a no-op.
    this.pendingExpiry.expireUntil(now, (invitation) => this.unindexPending(invitation));
  }

  private snapshot(): Snapshot {
    const members = Object.fromEntries(
      [...this.members].map(([orgKey, byAddress]) => [orgKey, [...byAddress.values()]]),
    );
    const invitations: StoredInvitation[] = [];
    for (const list of this.invitationsByOrg.values()) for (const invitation of list) invitations.push(invitation);
    return {
      version: FORMAT_VERSION,
      orgs: this.state.orgs,
      members,
      invitations,
      idempotency: [...this.idempotency],
    };
  }
}

function pendingKey(orgKey: string, address: string): string {
  return `${orgKey}\n${address.toLowerCase()}`;
}

function isSnapshot(value: unknown): value is Snapshot {
  const snapshot = value as Partial<Snapshot> | undefined;
  return (
    snapshot?.version === FORMAT_VERSION &&
    Array.isArray(snapshot.orgs) &&
    Array.isArray(snapshot.invitations) &&
    Array.isArray(snapshot.idempotency) &&
    typeof snapshot.members === 'object'
  );
}
