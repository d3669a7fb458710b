import { describe, expect, it } from 'vitest';
import type { Invitation } from '../../src/api/schemas.js';
import {
  browseReducer,
  clampCursor,
  initialBrowseState,
  visibleInvitations,
} from '../../src/tui/screens/browse-state.js';

const invitation = (email: string, status: string, expires_at: string): Invitation => ({
  email,
  status,
  role: 'reader',
  id: `inv_${email[0]}`,
  expires_at,
});
const ALL = [
  invitation('cy@x.test', 'pending', '2026-12-03'),
  invitation('al@x.test', 'accepted', '2026-12-01'),
  invitation('bo@y.test', 'pending', '2026-12-02'),
  invitation('di@x.test', 'weird', '2026-11-30'),
];

describe('browse state', () => {
  it('filters by text over address, role and id', () => {
    expect(visibleInvitations(ALL, { text: 'Y.TEST', status: 'all', sort: 'newest' }).map((i) => i.email)).toEqual([
      'bo@y.test',
    ]);
  });

  it('cycles status filters through all, then each status; an unknown status shows under all only', () => {
    let state = initialBrowseState();
    const seen = [];
    for (let i = 0; i < 6; i++) {
      seen.push(state.status);
      state = browseReducer(state, { type: 'statusCycled' });
    }
    expect(seen).toEqual(['all', 'pending', 'accepted', 'rejected', 'expired', 'all']);
    expect(visibleInvitations(ALL, { text: '', status: 'pending', sort: 'newest' })).toHaveLength(2);
    expect(visibleInvitations(ALL, { text: '', status: 'all', sort: 'newest' })).toHaveLength(4);
  });

  it('sorts newest (the API order), oldest, by address and by expiry, without touching the input', () => {
    const emails = (sort: 'newest' | 'oldest' | 'email' | 'expiry') =>
      visibleInvitations(ALL, { text: '', status: 'all', sort }).map((i) => i.email?.slice(0, 2));
    expect(emails('newest')).toEqual(['cy', 'al', 'bo', 'di']);
    expect(emails('oldest')).toEqual(['di', 'bo', 'al', 'cy']);
    expect(emails('email')).toEqual(['al', 'bo', 'cy', 'di']);
    expect(emails('expiry')).toEqual(['di', 'al', 'bo', 'cy']);
    expect(ALL.map((i) => i.email?.slice(0, 2))).toEqual(['cy', 'al', 'bo', 'di']);
  });

  it('resets the cursor when the filter changes and clamps it when rows disappear', () => {
    const moved = browseReducer(initialBrowseState(), { type: 'move', how: 'end', count: 4, height: 10 });
    expect(moved.cursor.index).toBe(3);
    expect(browseReducer(moved, { type: 'filterChanged', text: 'a' }).cursor.index).toBe(0);
    expect(clampCursor(moved, 2, 10).cursor.index).toBe(1);
  });

  it('asks before revoking, and settles either way', () => {
    const asking = browseReducer(initialBrowseState(), { type: 'revokeAsked', id: 'inv_c' });
    expect(asking.confirmingRevoke).toBe('inv_c');
    expect(browseReducer(asking, { type: 'confirmationClosed' }).confirmingRevoke).toBeUndefined();
  });
});
