// All of the send flow's state, changed only here. Pure: effects live in hooks, which
// dispatch what happened (bubbletea's update(state, msg), in React's reducer form).
import type { ApiError } from '../../api/errors.js';
import type { Invitation, Role } from '../../api/schemas.js';

export type Step = 'org' | 'emails' | 'role' | 'review' | 'sending' | 'result' | 'browse';
export type SendStep = Exclude<Step, 'browse'>;

export interface OrgChoice {
  key: string;
  name?: string | undefined;
  /** The caller's own role; undefined when the org was typed, not listed. */
  role?: string | undefined;
  /** Typed by the person (the server has no list): checked in the background, never a wall. */
  typed?: boolean;
}

export type SendOutcome =
  | { state: 'queued' }
  | { state: 'sending' }
  | { state: 'sent'; invitation: Invitation }
  | { state: 'skipped'; reason: string }
  | { state: 'failed'; error: ApiError };

export interface SendRow {
  email: string;
  display: string;
  outcome: SendOutcome;
  /** Something to know about how it was sent (e.g. an earlier attempt's key reused). */
  note?: string | undefined;
}

export interface FieldMessage {
  field: 'emails' | 'role';
  message: string;
}

export interface FlowState {
  step: Step;
  /** The step Tab (or Esc) from Browse returns to. */
  returnStep: SendStep;
  org: OrgChoice | undefined;
  addressText: string;
  role: Role;
  sendEmail: boolean;
  rows: SendRow[];
  sendingStartedAt: number | undefined;
  rateLimitedUntil: number | undefined;
  cancelling: boolean;
  fieldMessage: FieldMessage | undefined;
  /** The text filter Browse opens with (the address of a 409). */
  browseInitialFilter: string | undefined;
  /** The org the org list starts on: the one opened last, in this session or (at start-up) a previous one. */
  preselectedOrg: string | undefined;
}

/** What the TUI knows as it starts: an org already open (tests), or the key of the one used last time. */
export interface FlowStart {
  org?: OrgChoice;
  rememberedOrg?: string | undefined;
}

export type FlowAction =
  /** An org was picked: the reducer decides whether sending or only Browse comes next. */
  | { type: 'orgOpened'; org: OrgChoice }
  | { type: 'addressTextChanged'; text: string }
  | { type: 'addressesConfirmed' }
  | { type: 'roleChosen'; role: Role }
  | { type: 'sendEmailToggled' }
  | { type: 'back' }
  | { type: 'sendStarted'; rows: SendRow[]; at: number }
  | { type: 'rowSending'; email: string }
  | { type: 'rowFinished'; email: string; outcome: SendOutcome }
  | { type: 'rateLimited'; until: number }
  | { type: 'cancelRequested' }
  | { type: 'sendFinished' }
  /** Back to the field the server named, with only the rows it refused (`addressText`). */
  | { type: 'fixField'; field: FieldMessage['field']; message: string; addressText?: string }
  | { type: 'browseOpened'; filter?: string | undefined }
  | { type: 'browseClosed' }
  | { type: 'newInvitation' }
  | { type: 'orgChangeRequested' };

export function initialFlowState({ org, rememberedOrg }: FlowStart = {}): FlowState {
  return {
    step: 'org',
    returnStep: 'org',
    org,
    addressText: '',
    role: 'reader',
    sendEmail: true,
    rows: [],
    sendingStartedAt: undefined,
    rateLimitedUntil: undefined,
    cancelling: false,
    fieldMessage: undefined,
    browseInitialFilter: undefined,
    preselectedOrg: org?.key ?? rememberedOrg,
  };
}

/** Whether the server stated a role for the caller that cannot send or revoke (an unknown role can try). */
export function isReadOnly(org: OrgChoice | undefined): boolean {
  return org?.role !== undefined && org.role !== 'owner';
}

/** An address as the triage of the typed text holds it (`AddressTriage`). */
export interface Addressee {
  email: string;
  display: string;
}

/** The rows a send starts with: the addresses to send, queued, then those already there, skipped with why. */
export function rowsToSend(triage: {
  sendable: readonly Addressee[];
  skipped: readonly { address: Addressee; reason: string }[];
}): SendRow[] {
  return [
    ...triage.sendable.map(({ email, display }): SendRow => ({ email, display, outcome: { state: 'queued' } })),
    ...triage.skipped.map(({ address: { email, display }, reason }): SendRow => ({
      email,
      display,
      outcome: { state: 'skipped', reason },
    })),
  ];
}

const PREVIOUS: Record<SendStep, SendStep> = {
  org: 'org',
  emails: 'org',
  role: 'emails',
  review: 'role',
  sending: 'sending',
  result: 'review',
};

export function flowReducer(state: FlowState, action: FlowAction): FlowState {
  switch (action.type) {
    case 'orgOpened': {
      // A role other than owner cannot send: Browse is all there is, and leaving it picks another org.
      const opened = {
        ...state,
        org: action.org,
        preselectedOrg: action.org.key,
        rows: [],
        browseInitialFilter: undefined,
      };
      return isReadOnly(action.org) ? { ...opened, step: 'browse', returnStep: 'org' } : toStep(opened, 'emails');
    }
    case 'addressTextChanged':
      return {
        ...state,
        addressText: action.text,
        fieldMessage: state.fieldMessage?.field === 'emails' ? undefined : state.fieldMessage,
      };
    case 'addressesConfirmed':
      return toStep(state, 'role');
    case 'roleChosen':
      return toStep({ ...state, role: action.role, fieldMessage: undefined }, 'review');
    case 'sendEmailToggled':
      return { ...state, sendEmail: !state.sendEmail };
    case 'back':
      if (state.step === 'browse') return toStep(state, state.returnStep);
      return toStep(state, PREVIOUS[state.step]);
    case 'sendStarted': {
      // A retry replaces only the rows it sends again; the rest keep their outcome.
      const resent = new Map(action.rows.map((row) => [row.email, row]));
      const kept = state.step === 'result' ? state.rows.filter((row) => !resent.has(row.email)) : [];
      const rows = [...kept, ...action.rows];
      rows.sort((a, b) => order(state.rows, a.email) - order(state.rows, b.email));
      return {
        ...toStep(state, 'sending'),
        rows,
        sendingStartedAt: action.at,
        rateLimitedUntil: undefined,
        cancelling: false,
      };
    }
    case 'rowSending':
      return updateRow(state, action.email, { state: 'sending' });
    case 'rowFinished':
      return updateRow(state, action.email, action.outcome);
    case 'rateLimited':
      return { ...state, rateLimitedUntil: Math.max(state.rateLimitedUntil ?? 0, action.until) };
    case 'cancelRequested':
      return { ...state, cancelling: true };
    case 'sendFinished':
      return { ...toStep(state, 'result'), rateLimitedUntil: undefined };
    case 'fixField':
      return {
        ...toStep(state, action.field),
        addressText: action.addressText ?? state.addressText,
        fieldMessage: { field: action.field, message: action.message },
      };
    case 'browseOpened':
      return { ...state, step: 'browse', browseInitialFilter: action.filter };
    case 'browseClosed':
      return toStep({ ...state, browseInitialFilter: undefined }, state.returnStep);
    case 'newInvitation':
      return { ...toStep(state, 'emails'), addressText: '', rows: [], fieldMessage: undefined };
    case 'orgChangeRequested':
      return toStep(state, 'org');
  }
}

function toStep(state: FlowState, step: SendStep): FlowState {
  return { ...state, step, returnStep: step };
}

function updateRow(state: FlowState, email: string, outcome: SendOutcome): FlowState {
  return { ...state, rows: state.rows.map((row) => (row.email === email ? { ...row, outcome } : row)) };
}

/** Rows keep the order the addresses were typed in; new ones go last. */
function order(rows: SendRow[], email: string): number {
  const index = rows.findIndex((row) => row.email === email);
  return index < 0 ? Number.MAX_SAFE_INTEGER : index;
}

/** Counts for progress and summaries. */
export function tally(rows: SendRow[]) {
  const count = (state: SendOutcome['state']) => rows.filter((row) => row.outcome.state === state).length;
  const sent = count('sent');
  const failed = count('failed');
  const skipped = count('skipped');
  return {
    total: rows.length,
    sent,
    failed,
    skipped,
    done: sent + failed + skipped,
    notSent: count('queued') + count('sending'),
  };
}
