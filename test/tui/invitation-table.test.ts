import { describe, expect, it } from 'vitest';
import { tableColumns } from '../../src/tui/screens/invitation-table.js';

describe('Browse table columns', () => {
  it('fit the width at every size, shrinking alike when narrow', () => {
    for (let width = 36; width <= 200; width++) {
      const { showExpiry, email, role, status, created } = tableColumns(width);
      expect(2 + email + role + status + created + (showExpiry ? 16 : 0)).toBeLessThanOrEqual(width);
    }
    expect(tableColumns(80)).toEqual({ showExpiry: true, email: 31, role: 12, status: 10, created: 9 });
    const narrow = tableColumns(40);
    expect(narrow.email).toBeGreaterThanOrEqual(12);
    expect(narrow.role).toBeLessThan(12);
    expect(narrow.created).toBeLessThan(9);
  });
});
