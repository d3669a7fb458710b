// Small formatting helpers for people: relative times and redacted addresses.

const UNITS: [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
];

/** "3d", "5h", "12m", "now": the largest whole unit of a duration. */
export function shortDuration(ms: number): string {
  // A minute of slack, so an invitation made a moment ago still "expires in 7d", not 6d.
  const abs = Math.abs(ms) + 60_000;
  for (const [unit, size] of UNITS) if (abs >= size) return `${Math.floor(abs / size)}${unit}`;
  return 'now';
}

/** "expires in 3d" / "expired 2d ago" for an expiry timestamp. */
export function describeExpiry(expiresAt: string | undefined, now: number): string {
  const at = expiresAt ? Date.parse(expiresAt) : Number.NaN;
  if (Number.isNaN(at)) return '';
  return at > now ? `expires in ${shortDuration(at - now)}` : `expired ${shortDuration(now - at)} ago`;
}

/** "2d ago" for a creation timestamp. */
export function describeAge(createdAt: string | undefined, now: number): string {
  const at = createdAt ? Date.parse(createdAt) : Number.NaN;
  if (Number.isNaN(at)) return '';
  const duration = shortDuration(now - at);
  return duration === 'now' || duration === '1m' ? 'just now' : `${duration} ago`;
}

const ADDRESS = /([^\s@<>"',;:()]+)@([^\s@<>"',;:()]+\.[^\s@<>"',;:()]+)/g;

/** Masks every address in a text for screen-shared demos: ada@acme.test → a•••@acme.test. */
export function redactAddresses(text: string): string {
  return text.replace(ADDRESS, (_match, local: string, domain: string) => `${Array.from(local)[0] ?? ''}•••@${domain}`);
}
