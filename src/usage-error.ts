/** A mistake in how a command was called: its message is shown as is, and the exit code is 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** No token for the API: nothing was sent, so no status code applies. Exit code 3, as for a 401. */
export class NoTokenError extends Error {
  override readonly name = 'NoTokenError';
}

/** The person pressed Ctrl-C at a prompt. Exit code 130, as for SIGINT. */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
}

/** The valid name nearest to what was typed, when it is near enough to be a likely typo. */
export function nearest(typed: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(typed.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  // A third of the word may be wrong (at least one edit), or the typed text starts the name.
  const nearEnough =
    best !== undefined &&
    (bestDistance <= Math.max(1, Math.floor(best.length / 3)) || (typed.length >= 3 && best.startsWith(typed)));
  return nearEnough ? best : undefined;
}

/** Edit distance counting a swap of neighbours as one edit (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const above = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}
