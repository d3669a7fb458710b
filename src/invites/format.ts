// Small formatting helpers for people: relative times and redacted addresses.

const UNITS: [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
];

/**
 * "3d", "5h", "12m", "now": rounded as people read a duration, to the nearest of the largest
 * unit it nearly reaches. An invitation made two minutes ago "expires in 7d" (6d 23h 58m), and
 * 23h 40m is "1d", not "24h" or "23h".
 */
export function shortDuration(ms: number): string {
  const abs = Math.abs(ms);
  for (const [unit, size] of UNITS) if (abs >= size - halfOfNextUnit(size)) return `${Math.round(abs / size)}${unit}`;
  return 'now';
}

function halfOfNextUnit(size: number): number {
  const smaller = UNITS.find(([, candidate]) => candidate < size);
  return (smaller ? smaller[1] : 60_000) / 2;
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
