// Deterministic demo data: the same seed and clock give the same organizations, members and
// invitations, so demos, tests and benchmarks meet the same world every time.
import type { Role } from '../api/schemas.js';

/** An organization as the SDK describes it, plus the sandbox's own `domain` and `member_limit`. */
export interface SandboxOrg {
  id: string;
  key: string;
  name: string;
  description: string;
  domain: string;
  allow_external_invites: boolean;
  member_limit: number;
  created_at: string;
}

/** A member as the platform's `GET /org/{org}/members` is assumed to list them. */
export interface SandboxMember {
  email: string;
  role: Role;
  user_id: string;
}

export interface StoredInvitation {
  id: string;
  org: string;
  email: string;
  role: Role;
  /** Stored status; a pending invitation past `expires_at` is reported as expired. */
  status: 'pending' | 'accepted' | 'rejected';
  send_email: boolean;
  created_at: string;
  expires_at: string;
  invited_by: string;
}

export interface SandboxData {
  orgs: SandboxOrg[];
  /** Per org key. */
  members: Record<string, SandboxMember[]>;
  /** Every org's invitations, oldest first. */
  invitations: StoredInvitation[];
}

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const STATUS_CYCLE = ['pending', 'accepted', 'pending', 'rejected', 'accepted', 'pending'] as const;
const ROLES: Role[] = ['reader', 'reader', 'reader', 'contributor', 'contributor', 'owner'];
const FIRST_NAMES = [
  'ada',
  'alan',
  'grace',
  'linus',
  'margaret',
  'dennis',
  'barbara',
  'ken',
  'frances',
  'edsger',
  'radia',
  'john',
  'katherine',
  'tim',
  'hedy',
  'donald',
  'sophie',
  'guido',
  'anita',
  'bjarne',
];
const LAST_NAMES = [
  'lovelace',
  'turing',
  'hopper',
  'torvalds',
  'hamilton',
  'ritchie',
  'liskov',
  'thompson',
  'allen',
  'dijkstra',
  'perlman',
  'mccarthy',
  'johnson',
  'berners-lee',
  'lamarr',
  'knuth',
  'wilson',
  'van-rossum',
  'borg',
  'stroustrup',
];
const EXTERNAL_DOMAINS = ['example.com', 'mail.example.org', 'contractor.example.net'];

interface OrgTemplate extends Pick<SandboxOrg, 'key' | 'name' | 'description' | 'domain' | 'allow_external_invites'> {
  memberCount: number;
  invitationCount: number;
  /** A fixed limit, or one computed to leave this many seats free after seeding. */
  limit: { members: number } | { seatsLeft: number };
}

const ORG_TEMPLATES: OrgTemplate[] = [
  {
    key: 'acme',
    name: 'Acme Corp',
    description: 'Makers of everything',
    domain: 'acme.test',
    allow_external_invites: true,
    memberCount: 42,
    invitationCount: 24,
    limit: { members: 500 },
  },
  // External invites switched off: inviting an outside address is refused with 403.
  {
    key: 'globex',
    name: 'Globex Corporation',
    description: 'External invites are off here',
    domain: 'globex.test',
    allow_external_invites: false,
    memberCount: 18,
    invitationCount: 16,
    limit: { members: 500 },
  },
  // One seat left below its member limit (members plus pending invitations count).
  {
    key: 'initech',
    name: 'Initech',
    description: 'One seat below its member limit',
    domain: 'initech.test',
    allow_external_invites: true,
    memberCount: 21,
    invitationCount: 10,
    limit: { seatsLeft: 1 },
  },
];

/** mulberry32: a tiny, well-known seeded PRNG. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A version-4-shaped UUID from the seeded generator, so ids repeat with the seed. */
function seededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

export interface SeedOptions {
  seed: number;
  now: number;
  /** Seeds exactly this many invitations into the first organization, for scale work. */
  invitations?: number | undefined;
  /** Overrides every organization's member limit, for bulk runs larger than 500. */
  memberLimit?: number | undefined;
}

export const SANDBOX_INVITER = 'demo-owner@sandbox.test';

export function seedData({ seed, now, invitations, memberLimit }: SeedOptions): SandboxData {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  // Member roles and ids come from a second stream, so the invitations stay what they always were.
  const extra = seededRandom(seed ^ 0x5eed);
  const data: SandboxData = { orgs: [], members: {}, invitations: [] };

  ORG_TEMPLATES.forEach((template, index) => {
    const { invitationCount, memberCount, limit, ...org } = template;
    const members = Array.from({ length: memberCount }, (_, i) => ({
      email: personAddress(i, org.domain),
      // The first member owns the org; the rest are spread over every role.
      role: i === 0 ? ('owner' as const) : (ROLES[Math.floor(extra() * ROLES.length)] ?? 'reader'),
      user_id: seededUuid(extra),
    }));
    const count = index === 0 && invitations !== undefined ? invitations : invitationCount;
    const list: StoredInvitation[] = [];
    for (let i = 0; i < count; i++) {
      // Spread over the last 20 days, so some pending invitations have expired.
      const createdAt = now - Math.floor(((i + random()) / Math.max(count, 1)) * 20 * DAY_MS) - 60_000;
      const external = org.allow_external_invites && random() < 0.2;
      const email = personAddress(memberCount + i, external ? pick(EXTERNAL_DOMAINS) : org.domain);
      // Every status in every org; older pending ones have expired.
      const status = STATUS_CYCLE[i % STATUS_CYCLE.length] ?? 'pending';
      list.push({
        id: `inv_${org.key}_${i.toString(36).padStart(4, '0')}${Math.floor(random() * 36 ** 4)
          .toString(36)
          .padStart(4, '0')}`,
        org: org.key,
        email,
        role: pick(ROLES),
        status,
        send_email: random() > 0.1,
        created_at: new Date(createdAt).toISOString(),
        expires_at: new Date(createdAt + INVITATION_LIFETIME_MS).toISOString(),
        invited_by: SANDBOX_INVITER,
      });
    }
    // Generated newest first; stored oldest first.
    for (let i = list.length - 1; i >= 0; i--) data.invitations.push(list[i] as StoredInvitation);
    data.members[org.key] = members;
    const member_limit =
      memberLimit ??
      ('members' in limit ? limit.members : members.length + countSeatsTaken(list, now) + limit.seatsLeft);
    const created_at = new Date(now - 400 * DAY_MS).toISOString();
    data.orgs.push({ id: seededUuid(extra), ...org, member_limit, created_at });
  });
  return data;
}

/** Pending, unexpired invitations hold a seat against the member limit. */
function countSeatsTaken(invitations: StoredInvitation[], now: number): number {
  return invitations.filter((invitation) => effectiveStatus(invitation, now) === 'pending').length;
}

export function effectiveStatus(invitation: StoredInvitation, now: number): StoredInvitation['status'] | 'expired' {
  return invitation.status === 'pending' && Date.parse(invitation.expires_at) <= now ? 'expired' : invitation.status;
}

/** first.last@domain, unique for every index (a numeric suffix once the name pairs run out). */
function personAddress(index: number, domain: string): string {
  const turn = Math.floor(index / FIRST_NAMES.length);
  const first = FIRST_NAMES[index % FIRST_NAMES.length];
  // Stepping the last name by 7 mixes the pairs; each (first, last) pair still comes once per round.
  const last = LAST_NAMES[(turn + 7 * (index % FIRST_NAMES.length)) % LAST_NAMES.length];
  const round = Math.floor(index / (FIRST_NAMES.length * LAST_NAMES.length));
  return `${first}.${last}${round ? round : ''}@${domain}`;
}
