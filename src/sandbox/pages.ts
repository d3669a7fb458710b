// Lists served whole, or in pages the way the platform's SDK shows them:
// `{<items|resource>: [...], total, page, limit, total_pages, has_next, has_previous}`.
import { validationError, type SandboxResponse } from './envelope.js';

/** Items `start` to `end` (exclusive) of a list and its total, reading only what the page needs. */
export type ListSource<T> = (start: number, end: number) => { total: number; items: T[] };

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;

/**
 * A list answer: a bare array, or with `paginate` one page of it under `field` (`items` for some
 * lists and the resource's name for others, as on the platform, so clients must read both).
 */
export function listAnswer<T>(
  source: ListSource<T>,
  options: { paginate: boolean; field: string; query: URLSearchParams },
): SandboxResponse {
  if (!options.paginate) return { status: 200, body: source(0, Infinity).items };
  const page = pageParameter(options.query, 'page', 1, Infinity);
  const limit = pageParameter(options.query, 'limit', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  if (typeof page !== 'number') return page;
  if (typeof limit !== 'number') return limit;
  const start = (page - 1) * limit;
  const { total, items } = source(start, start + limit);
  const total_pages = Math.ceil(total / limit);
  return {
    status: 200,
    body: {
      [options.field]: items,
      total,
      page,
      limit,
      total_pages,
      has_next: page < total_pages,
      has_previous: page > 1,
    },
  };
}

function pageParameter(
  query: URLSearchParams,
  name: string,
  fallback: number,
  maximum: number,
): number | SandboxResponse {
  const text = query.get(name);
  if (text === null) return fallback;
  const value = Number(text);
  if (/^\d+$/.test(text) && value >= 1 && value <= maximum) return value;
  const range = maximum === Infinity ? 'at least 1' : `from 1 to ${maximum}`;
  return validationError([
    { loc: ['query', name], msg: `Input should be a whole number ${range}`, type: 'value_error' },
  ]);
}

export function arraySource<T>(items: readonly T[]): ListSource<T> {
  return (start, end) => ({ total: items.length, items: items.slice(start, end) });
}

/**
 * A stored list kept oldest first, served newest first: unfiltered, a page is a slice from the
 * end; filtered, one pass counts the matches and keeps only the page's.
 */
export function newestFirst<T, U>(
  oldestFirst: readonly T[],
  toView: (item: T) => U,
  keep?: (item: T) => boolean,
): ListSource<U> {
  return (start, end) => {
    const items: U[] = [];
    if (!keep) {
      const last = oldestFirst.length - 1;
      for (let i = start; i < end && i <= last; i++) items.push(toView(oldestFirst[last - i] as T));
      return { total: oldestFirst.length, items };
    }
    let total = 0;
    for (let i = oldestFirst.length - 1; i >= 0; i--) {
      const item = oldestFirst[i] as T;
      if (!keep(item)) continue;
      if (total >= start && total < end) items.push(toView(item));
      total++;
    }
    return { total, items };
  };
}
