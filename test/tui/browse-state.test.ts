import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import type { Invitation } from '../../src/api/schemas.js';
import {
  browseReducer,
  clampCursor,
  initialBrowseState,
  visibleInvitations,
  type BrowseAction,
  type BrowseState,
  type Sort,
  type StatusFilter,
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

  it('asks before revoking, and n closes the question', () => {
    const asking = browseReducer(initialBrowseState(), { type: 'revokeAsked', id: 'inv_c' });
    expect(asking.confirmingRevoke).toBe('inv_c');
    expect(browseReducer(asking, { type: 'confirmationClosed' }).confirmingRevoke).toBeUndefined();
  });

  it('x on a row that cannot be revoked says why and asks nothing; the next question clears it', () => {
    const refused = browseReducer(initialBrowseState(), { type: 'revokeRefused', text: 'Only pending.' });
    expect(refused.notice).toEqual({ tone: 'warning', text: 'Only pending.' });
    expect(refused.confirmingRevoke).toBeUndefined();
    expect(browseReducer(refused, { type: 'revokeAsked', id: 'inv_c' }).notice).toBeUndefined();
  });
});

describe('which invitations Browse shows', () => {
  const shown = (
    all: readonly Invitation[],
    view: { text?: string; status?: StatusFilter; sort?: Sort } = {},
  ): (string | undefined)[] =>
    visibleInvitations(all, { text: '', status: 'all', sort: 'newest', ...view }).map((i) => i.email);

  it('a status filter keeps exactly the invitations in that status', () => {
    const mixed = [
      invitation('p1@x.test', 'pending', '2026-12-01'),
      invitation('a1@x.test', 'accepted', '2026-12-01'),
      invitation('r1@x.test', 'rejected', '2026-12-01'),
      invitation('e1@x.test', 'expired', '2026-12-01'),
      invitation('p2@x.test', 'pending', '2026-12-01'),
      { role: 'reader', email: 'nostatus@x.test' },
    ];
    expect(shown(mixed, { status: 'pending' })).toEqual(['p1@x.test', 'p2@x.test']);
    expect(shown(mixed, { status: 'accepted' })).toEqual(['a1@x.test']);
    expect(shown(mixed, { status: 'rejected' })).toEqual(['r1@x.test']);
    expect(shown(mixed, { status: 'expired' })).toEqual(['e1@x.test']);
    expect(shown(mixed)).toHaveLength(6);
  });

  it('text and status filters both apply', () => {
    expect(shown(ALL, { text: 'x.test', status: 'pending' })).toEqual(['cy@x.test']);
    expect(shown(ALL, { text: 'y.test', status: 'accepted' })).toEqual([]);
  });

  it('the text filter ignores case and surrounding spaces, and matches a role or an id as typed', () => {
    const rows: Invitation[] = [
      { id: 'inv_01JABC', email: 'Ada@Acme.test', role: 'owner', status: 'pending' },
      { id: 'inv_01JXYZ', email: 'bo@globex.test', role: 'contributor', status: 'pending' },
      { role: 'reader' },
    ];
    expect(shown(rows, { text: '  ada@ACME ' })).toEqual(['Ada@Acme.test']);
    expect(shown(rows, { text: 'contrib' })).toEqual(['bo@globex.test']);
    expect(shown(rows, { text: 'OWNER' })).toEqual(['Ada@Acme.test']);
    // Ids are as the server writes them (ULIDs are upper case): a pasted id finds its row.
    expect(shown(rows, { text: 'inv_01JXYZ' })).toEqual(['bo@globex.test']);
    expect(shown(rows, { text: 'inv_01jabc' })).toEqual(['Ada@Acme.test']);
    expect(shown(rows, { text: '   ' })).toHaveLength(3);
    expect(shown(rows, { text: 'nobody' })).toEqual([]);
    // A missing address or id matches nothing, not even a single letter.
    expect(shown([{ role: 'owner' }], { text: 'a' })).toEqual([]);
  });

  it('sorts rows missing an address or expiry first, and never reorders the input', () => {
    const rows: Invitation[] = [
      { role: 'reader', email: 'b@x.test', expires_at: '2026-12-02' },
      { role: 'reader', email: 'a@x.test' },
      { role: 'reader', expires_at: '2026-12-01' },
    ];
    expect(shown(rows, { sort: 'email' })).toEqual([undefined, 'a@x.test', 'b@x.test']);
    expect(shown(rows, { sort: 'expiry' })).toEqual(['a@x.test', undefined, 'b@x.test']);
    expect(shown(rows, { sort: 'oldest' })).toEqual([undefined, 'a@x.test', 'b@x.test']);
    expect(rows.map((row) => row.email)).toEqual(['b@x.test', 'a@x.test', undefined]);
  });
});

describe('a Browse session', () => {
  const step = (state: BrowseState, ...actions: BrowseAction[]) => actions.reduce(browseReducer, state);
  const failure = new ApiError({ kind: 'http', status: 409, detail: 'not pending' });

  it('opens on the filter it was given (a 409’s address), at the top, with nothing asked', () => {
    expect(initialBrowseState('a@x.test')).toEqual({
      cursor: { index: 0, offset: 0 },
      text: 'a@x.test',
      filtering: false,
      status: 'all',
      sort: 'newest',
      details: false,
      confirmingRevoke: undefined,
      revoking: undefined,
      notice: undefined,
    });
    expect(initialBrowseState().text).toBe('');
  });

  it('/ types a filter; Enter keeps it, Esc clears it, each back at the top', () => {
    const scrolled = step(initialBrowseState(), { type: 'move', how: 'end', count: 50, height: 10 });
    expect(scrolled.cursor).toEqual({ index: 49, offset: 40 });
    const typing = step(scrolled, { type: 'filterStarted' }, { type: 'filterChanged', text: 'acme' });
    expect(typing).toMatchObject({ filtering: true, text: 'acme', cursor: { index: 0, offset: 0 } });
    const moved = step(typing, { type: 'move', how: 'down', count: 5, height: 10 });
    const kept = step(moved, { type: 'filterEnded', clear: false });
    expect(kept).toMatchObject({ filtering: false, text: 'acme', cursor: { index: 1, offset: 0 } });
    const cleared = step(moved, { type: 'filterEnded', clear: true });
    expect(cleared).toMatchObject({ filtering: false, text: '', cursor: { index: 0, offset: 0 } });
  });

  it('s cycles the sort through every order and back, and a new sort or status starts at the top', () => {
    let state = step(initialBrowseState(), { type: 'move', how: 'end', count: 5, height: 10 });
    const sorts: Sort[] = [];
    for (let i = 0; i < 5; i++) {
      sorts.push(state.sort);
      state = step(state, { type: 'sortCycled' });
      expect(state.cursor.index).toBe(0);
    }
    expect(sorts).toEqual(['newest', 'oldest', 'email', 'expiry', 'newest']);
    const bottom = step(initialBrowseState(), { type: 'move', how: 'end', count: 5, height: 10 });
    expect(step(bottom, { type: 'statusCycled' }).cursor.index).toBe(0);
  });

  it('d shows and hides the details', () => {
    const shown = step(initialBrowseState(), { type: 'detailsToggled' });
    expect(shown.details).toBe(true);
    expect(step(shown, { type: 'detailsToggled' }).details).toBe(false);
  });

  it('a revoke asked, confirmed and done: the old notice goes, the new one says so', () => {
    const earlier = step(
      initialBrowseState(),
      { type: 'revokeStarted', id: 'inv_0' },
      { type: 'revokeSucceeded', id: 'inv_0' },
    );
    expect(earlier.notice).toEqual({ tone: 'success', text: 'Revoked inv_0.' });
    const asking = step(earlier, { type: 'revokeAsked', id: 'inv_1' });
    expect(asking).toMatchObject({ confirmingRevoke: 'inv_1', notice: undefined });
    const revoking = step(asking, { type: 'revokeStarted', id: 'inv_1' });
    expect(revoking).toMatchObject({ confirmingRevoke: undefined, revoking: 'inv_1', notice: undefined });
    expect(step(revoking, { type: 'revokeSucceeded', id: 'inv_1' })).toMatchObject({
      revoking: undefined,
      notice: { tone: 'success', text: 'Revoked inv_1.' },
    });
  });

  it('a failed revoke shows the error, and n keeps the invitation without a request', () => {
    const revoking = step(
      initialBrowseState(),
      { type: 'revokeAsked', id: 'inv_2' },
      { type: 'revokeStarted', id: 'inv_2' },
    );
    expect(step(revoking, { type: 'revokeFailed', id: 'inv_2', error: failure })).toMatchObject({
      revoking: undefined,
      notice: { tone: 'error', title: 'Could not revoke inv_2:', error: failure },
    });
    const kept = step(initialBrowseState(), { type: 'revokeAsked', id: 'inv_3' }, { type: 'confirmationClosed' });
    expect(kept).toMatchObject({ confirmingRevoke: undefined, revoking: undefined });
  });

  it('when the list under the cursor shrinks, the cursor stays on the last row and the window scrolls back', () => {
    const bottom = step(initialBrowseState(), { type: 'move', how: 'end', count: 30, height: 10 });
    expect(bottom.cursor).toEqual({ index: 29, offset: 20 });
    expect(step(bottom, { type: 'rowsChanged', count: 25, height: 10 }).cursor).toEqual({ index: 24, offset: 15 });
    expect(step(bottom, { type: 'rowsChanged', count: 0, height: 10 }).cursor).toEqual({ index: 0, offset: 0 });
    // A taller terminal shows more rows above the cursor.
    expect(step(bottom, { type: 'rowsChanged', count: 30, height: 20 }).cursor).toEqual({ index: 29, offset: 10 });
    // Nothing moved: the same state, so React skips the render.
    expect(step(bottom, { type: 'rowsChanged', count: 30, height: 10 })).toBe(bottom);
  });
});
