// Browse's own state: cursor, filters, sort, and the revoke confirmation. Pure, like the flow reducer.
import { INVITATION_STATUSES, type InvitationStatus } from '../../api/constants.js';
import type { ApiError } from '../../api/errors.js';
import type { Invitation } from '../../api/schemas.js';
import { move, moveTo, START, type CursorMove, type ListCursor } from '../widgets/list-cursor.js';

export const SORTS = ['newest', 'oldest', 'email', 'expiry'] as const;
export type Sort = (typeof SORTS)[number];
export type StatusFilter = InvitationStatus | 'all';
const STATUS_CYCLE: StatusFilter[] = ['all', ...INVITATION_STATUSES];

export interface BrowseState {
  cursor: ListCursor;
  text: string;
  filtering: boolean;
  status: StatusFilter;
  sort: Sort;
  details: boolean;
  /** The invitation awaiting a yes/no before it is revoked. */
  confirmingRevoke: string | undefined;
  /** The invitation being revoked now. */
  revoking: string | undefined;
  notice: BrowseNotice | undefined;
}

export type BrowseNotice =
  { tone: 'success' | 'warning'; text: string } | { tone: 'error'; title: string; error: ApiError };

export type BrowseAction =
  | { type: 'move'; how: CursorMove; count: number; height: number }
  | { type: 'filterStarted' }
  | { type: 'filterChanged'; text: string }
  | { type: 'filterEnded'; clear: boolean }
  | { type: 'statusCycled' }
  | { type: 'sortCycled' }
  | { type: 'detailsToggled' }
  | { type: 'revokeAsked'; id: string }
  | { type: 'confirmationClosed' }
  | { type: 'revokeStarted'; id: string }
  | { type: 'revokeSucceeded'; id: string }
  | { type: 'revokeFailed'; id: string; error: ApiError }
  /** The list under the cursor changed (a revoke, a refresh, a resize): keep the cursor on it. */
  | { type: 'rowsChanged'; count: number; height: number }
  /** x on a row that cannot be revoked: say why instead of asking. */
  | { type: 'revokeRefused'; text: string };

export function initialBrowseState(text = ''): BrowseState {
  return {
    cursor: START,
    text,
    filtering: false,
    status: 'all',
    sort: 'newest',
    details: false,
    confirmingRevoke: undefined,
    revoking: undefined,
    notice: undefined,
  };
}

export function browseReducer(state: BrowseState, action: BrowseAction): BrowseState {
  switch (action.type) {
    case 'move':
      return { ...state, cursor: move(state.cursor, action.how, action.count, action.height) };
    case 'filterStarted':
      return { ...state, filtering: true };
    case 'filterChanged':
      return { ...state, text: action.text, cursor: START };
    case 'filterEnded':
      return { ...state, filtering: false, ...(action.clear ? { text: '', cursor: START } : {}) };
    case 'statusCycled':
      return { ...state, status: next(STATUS_CYCLE, state.status), cursor: START };
    case 'sortCycled':
      return { ...state, sort: next(SORTS, state.sort), cursor: START };
    case 'detailsToggled':
      return { ...state, details: !state.details };
    case 'revokeAsked':
      return { ...state, confirmingRevoke: action.id, notice: undefined };
    case 'confirmationClosed':
      return { ...state, confirmingRevoke: undefined };
    case 'revokeStarted':
      return { ...state, confirmingRevoke: undefined, revoking: action.id, notice: undefined };
    case 'revokeSucceeded':
      return { ...state, revoking: undefined, notice: { tone: 'success', text: `Revoked ${action.id}.` } };
    case 'revokeFailed':
      return {
        ...state,
        revoking: undefined,
        notice: { tone: 'error', title: `Could not revoke ${action.id}:`, error: action.error },
      };
    case 'revokeRefused':
      return { ...state, notice: { tone: 'warning', text: action.text } };
    case 'rowsChanged':
      return clampCursor(state, action.count, action.height);
  }
}

function next<T>(cycle: readonly T[], current: T): T {
  return cycle[(cycle.indexOf(current) + 1) % cycle.length] as T;
}

/** The invitations on screen: filtered by text and status, then sorted. */
export function visibleInvitations(
  all: readonly Invitation[],
  { text, status, sort }: Pick<BrowseState, 'text' | 'status' | 'sort'>,
): Invitation[] {
  const needle = text.trim().toLowerCase();
  // Case-blind on every field (ids are ULIDs in upper case); an empty needle matches every row.
  const matches = (field: string | undefined) => (field ?? '').toLowerCase().includes(needle);
  const matching = all.filter(
    (invitation) =>
      (status === 'all' || invitation.status === status) &&
      (matches(invitation.email) || matches(invitation.role) || matches(invitation.id)),
  );
  if (sort === 'newest') return matching; // the API's own order
  if (sort === 'oldest') return matching.reverse();
  const key = (invitation: Invitation) => (sort === 'email' ? (invitation.email ?? '') : (invitation.expires_at ?? ''));
  return matching.sort((a, b) => key(a).localeCompare(key(b)));
}

/** Keeps the cursor in range after the list under it changed (a revoke, a refresh). */
export function clampCursor(state: BrowseState, count: number, height: number): BrowseState {
  const cursor = moveTo(state.cursor, state.cursor.index, count, height);
  return cursor.index === state.cursor.index && cursor.offset === state.cursor.offset ? state : { ...state, cursor };
}
