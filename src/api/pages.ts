// Lists as servers really send them: a bare array, or the platform SDK's paginated object
// ({items | <resource>: [...], total, page, limit, total_pages, has_next, has_previous}).

export const PAGE_LIMIT = 100;
export const MAX_PAGES = 1_000;

export interface ListPage {
  items: unknown[];
  /** Whether the server says (or its numbers imply) that another page follows. */
  hasNext: boolean;
  total: number | undefined;
  totalPages: number | undefined;
}

/** Reads one answer of a list call; undefined when it holds no list at all. */
export function readListPage(value: unknown, resource: string, page: number, received: number): ListPage | undefined {
  if (Array.isArray(value)) return { items: value, hasNext: false, total: value.length, totalPages: 1 };
  if (typeof value !== 'object' || value === null) return undefined;
  const fields = value as Record<string, unknown>;
  const items = listField(fields, resource);
  if (!items) return undefined;
  const total = wholeNumber(fields.total);
  const totalPages = wholeNumber(fields.total_pages);
  const limit = wholeNumber(fields.limit) ?? PAGE_LIMIT;
  let hasNext: boolean;
  if (items.length === 0) hasNext = false;
  else if (typeof fields.has_next === 'boolean') hasNext = fields.has_next;
  else if (totalPages !== undefined) hasNext = page < totalPages;
  else if (total !== undefined) hasNext = received + items.length < total;
  else hasNext = items.length >= limit;
  return { items, hasNext, total, totalPages };
}

/** `items`, else the field named after the resource, else the only array-valued field. */
function listField(fields: Record<string, unknown>, resource: string): unknown[] | undefined {
  if (Array.isArray(fields.items)) return fields.items;
  if (Object.hasOwn(fields, resource) && Array.isArray(fields[resource])) return fields[resource];
  const arrays = Object.values(fields).filter(Array.isArray);
  return arrays.length === 1 ? arrays[0] : undefined;
}

function wholeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}
