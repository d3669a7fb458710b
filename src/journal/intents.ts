// What the journal says about each intent (one send of one address with one role and email
// setting, to one org at one API) and each bulk run: which key is still unresolved, which rows a
// run already sent, which runs are still open.
import { sendAgainWithSameKey } from '../api/retry-policy.js';
import { isRowEntry, type JournalEntry, type RowEntry } from './journal.js';

export interface Intent {
  api: string;
  org: string;
  email: string;
  role: string;
  sendEmail: boolean;
}

/** A row's identity: the same intent in any run, any order, any line of any file. */
export function intentId(intent: Intent): string {
  return identity(intent.api, intent.org, intent.email, intent.role, intent.sendEmail);
}

// Built field by field (no object spread, no JSON): it runs for every line of a large journal.
function identity(api: string, org: string, email: string, role: string, sendEmail: boolean): string {
  return `${api}\n${org}\n${email.toLowerCase()}\n${role}\n${sendEmail}`;
}

function entryIntentId(entry: RowEntry): string {
  return identity(entry.api, entry.org, entry.email, entry.role, entry.send_email ?? true);
}

/**
 * The latest key of an intent and what became of it: `sent`; `refused` (a definitive answer, so
 * a later send is a new intent); `open` (no outcome, or one the same key may repeat).
 */
/** The ApiError kind of a journaled failure; older journals kept only `type ?? kind`. */
function failureKind(entry: RowEntry): string | undefined {
  if (entry.error_kind) return entry.error_kind;
  if (entry.status === undefined) return entry.error_type;
  return entry.status < 300 ? 'invalid_response' : 'http';
}

export interface IntentState {
  key: string;
  state: 'sent' | 'refused' | 'open';
  /** When the key was first used (an ISO time, read as a number only when needed). */
  firstAt: string;
  run: string | undefined;
  invitationId: string | undefined;
}

export interface RunState {
  run: string;
  api: string;
  org: string;
  ended: boolean;
  /** Written by a version that records run starts and ends. */
  started: boolean;
  /** ISO time of its latest record. */
  lastAt: string;
  hasOpenRow: boolean;
}

export class JournalIndex {
  readonly intents = new Map<string, IntentState>();
  readonly runs = new Map<string, RunState>();
  /** Invitation ids the journal has seen created, for telling a replayed answer from a new one. */
  readonly invitationIds = new Set<string>();
  private settled = true;

  static of(entries: Iterable<JournalEntry>): JournalIndex {
    const index = new JournalIndex();
    for (const entry of entries) index.add(entry);
    return index;
  }

  add(entry: JournalEntry): void {
    this.settled = false;
    const at = typeof entry.at === 'string' ? entry.at : '';
    const runId = entry.run;
    if (runId !== undefined) {
      const run = this.runs.get(runId) ?? {
        run: runId,
        api: entry.api,
        org: entry.org,
        ended: false,
        started: false,
        lastAt: at,
        hasOpenRow: false,
      };
      if (at > run.lastAt) run.lastAt = at;
      if (entry.event === 'start') run.started = true;
      if (entry.event === 'end') run.ended = true;
      this.runs.set(runId, run);
    }
    if (!isRowEntry(entry)) return;
    const id = entryIntentId(entry);
    const previous = this.intents.get(id);
    const sameKey = previous?.key === entry.idempotency_key;
    const state: IntentState = {
      key: entry.idempotency_key,
      state: 'open',
      firstAt: sameKey ? previous.firstAt : at,
      run: entry.run,
      invitationId: undefined,
    };
    if (entry.event === 'sent') {
      state.state = 'sent';
      state.invitationId = entry.invitation_id;
      if (entry.invitation_id) this.invitationIds.add(entry.invitation_id);
    } else if (entry.event === 'failed') {
      const again = sendAgainWithSameKey({ kind: failureKind(entry), type: entry.error_type, status: entry.status });
      state.state = again === 'never' ? 'refused' : 'open';
    }
    this.intents.set(id, state);
  }

  /** The key of the intent's last attempt when its outcome is still unknown. */
  openIntent(intent: Intent): IntentState | undefined {
    const state = this.intents.get(intentId(intent));
    return state?.state === 'open' ? state : undefined;
  }

  /** Runs not yet finished: no end record, and (for older journals) some row without an outcome. */
  openRuns(): RunState[] {
    this.settle();
    return [...this.runs.values()].filter((run) => !run.ended && (run.started || run.hasOpenRow));
  }

  isOpenRun(run: string | undefined): boolean {
    this.settle();
    const state = run === undefined ? undefined : this.runs.get(run);
    return state !== undefined && !state.ended && (state.started || state.hasOpenRow);
  }

  /** Whether a record still matters to a send: its run is open, or it is an open intent's last key. */
  isLive(entry: JournalEntry): boolean {
    if (this.isOpenRun(entry.run)) return true;
    if (!isRowEntry(entry)) return false;
    const state = this.intents.get(entryIntentId(entry));
    return state?.state === 'open' && state.key === entry.idempotency_key;
  }

  /** The keys of every intent whose outcome is unknown. */
  openKeys(): Set<string> {
    const keys = new Set<string>();
    for (const state of this.intents.values()) if (state.state === 'open') keys.add(state.key);
    return keys;
  }

  private settle(): void {
    if (this.settled) return;
    for (const run of this.runs.values()) run.hasOpenRow = false;
    for (const state of this.intents.values()) {
      const run = state.state === 'open' && state.run !== undefined ? this.runs.get(state.run) : undefined;
      if (run) run.hasOpenRow = true;
    }
    this.settled = true;
  }
}
