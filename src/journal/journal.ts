// The local record of every invitation sent, from the TUI and the commands alike (JSON Lines).
// Each send is written before the request, with its Idempotency-Key, and again with its outcome.
// It never holds the token.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stateDir } from '../config/paths.js';
import { readTextIfExists } from '../files.js';

export interface JournalEntry {
  at: string;
  /** The API's base URL: the same address at another server is another invitation. */
  api: string;
  event: 'attempt' | 'sent' | 'failed';
  org: string;
  email: string;
  role: string;
  idempotency_key: string;
  source: 'tui' | 'send';
  /** Which bulk run (a hash of its input) the row belongs to, for resuming it. */
  run?: string | undefined;
  invitation_id?: string | undefined;
  status?: number | undefined;
  error_type?: string | undefined;
}

export interface Journal {
  append(entry: Omit<JournalEntry, 'at'>): void;
}

export function defaultJournalPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'journal.jsonl');
}

export function fileJournal(path: string): Journal {
  let ready = false;
  return {
    append(entry) {
      if (!ready) {
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        ready = true;
      }
      appendFileSync(path, `${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`, { mode: 0o600 });
    },
  };
}

export function memoryJournal(): Journal & { entries: Omit<JournalEntry, 'at'>[] } {
  const entries: Omit<JournalEntry, 'at'>[] = [];
  return { entries, append: (entry) => void entries.push(entry) };
}

/** Every entry of a journal file; a line cut short by a crash is ignored. */
export function readJournal(path: string): JournalEntry[] {
  const text = readTextIfExists(path) ?? '';
  return text.split('\n').flatMap((line) => {
    try {
      return line ? [JSON.parse(line) as JournalEntry] : [];
    } catch {
      return [];
    }
  });
}
