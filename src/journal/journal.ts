// The local record of every invitation sent, from the TUI and the commands alike (JSON Lines).
// Each send is written before the request, with its Idempotency-Key, and again with its outcome.
// It never holds the token. Processes share it: every record is one write to a file opened with
// O_APPEND, so records never interleave; a line cut short by a crash is ended before the next
// record, and lines that are not records are skipped and counted, never fatal.
import { closeSync, constants, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stateDir } from '../config/paths.js';

/** One attempt or outcome of one row. */
export interface RowEntry {
  at: string;
  /** The API's base URL: the same address at another server is another invitation. */
  api: string;
  event: 'attempt' | 'sent' | 'failed';
  org: string;
  email: string;
  role: string;
  /** Absent in journals written before it was recorded; read as the default, true. */
  send_email?: boolean | undefined;
  idempotency_key: string;
  source: 'tui' | 'send';
  /** The bulk run the row belongs to (absent for the TUI). */
  run?: string | undefined;
  invitation_id?: string | undefined;
  status?: number | undefined;
  error_type?: string | undefined;
  /** The failure's ApiError kind (http, network, timeout …). */
  error_kind?: string | undefined;
}

/** A bulk run began, or ended with every row's outcome known. */
export interface RunEntry {
  at: string;
  api: string;
  event: 'start' | 'end';
  org: string;
  run: string;
  source: 'send';
}

export type JournalEntry = RowEntry | RunEntry;
type Unstamped<T> = T extends unknown ? Omit<T, 'at'> : never;
export type NewJournalEntry = Unstamped<JournalEntry>;

export interface Journal {
  /** Where the records go, for messages; undefined in memory. */
  readonly path?: string | undefined;
  /** Throws JournalWriteError when the record could not be written. */
  append(entry: NewJournalEntry): void;
  /**
   * Calls `onEntry` for every record it holds now (the active file, not the history), a chunk at
   * a time; returns how many lines were not records.
   */
  scan(onEntry: (entry: JournalEntry) => void): number;
}

export interface JournalRead {
  entries: JournalEntry[];
  /** Lines that were not records (garbage, `null`, a cut-off line). */
  skipped: number;
}

/** The journal could not be written: a full disk, a read-only or foreign directory, a symlink. */
export class JournalWriteError extends Error {
  override readonly name = 'JournalWriteError';
  constructor(
    readonly path: string,
    readonly code: string,
  ) {
    super(`cannot write the journal ${path} (${describeCode(code)})`);
  }
}

export function defaultJournalPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'journal.jsonl');
}

// Read and write: the last byte is read to see whether the previous line was cut short.
const APPEND_FLAGS = constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;

export function fileJournal(path: string): Journal {
  return appender(path, false);
}

/**
 * The journal for one bulk run: the file is opened once and kept until `close()`, so a record is
 * one write rather than an open, a write and a close. Only for while the run holds its claims:
 * compaction (which replaces the file) waits for every claim to be given back.
 */
export function runJournal(path: string): Journal & { close(): void } {
  return appender(path, true);
}

function appender(path: string, keepOpen: boolean): Journal & { close(): void } {
  let dirReady = false;
  let fd: number | undefined;
  return {
    path,
    append(entry) {
      const record = `${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`;
      try {
        if (!dirReady) {
          mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
          dirReady = true;
        }
        fd ??= openSync(path, APPEND_FLAGS, 0o600);
        try {
          appendRecord(fd, record);
        } finally {
          if (!keepOpen) {
            closeSync(fd);
            fd = undefined;
          }
        }
      } catch (error) {
        throw new JournalWriteError(path, (error as NodeJS.ErrnoException).code ?? 'EIO');
      }
    },
    scan: (onEntry) =>
      forEachLine(path, (line) => {
        const entry = parseRecord(line);
        if (entry) onEntry(entry);
        return entry !== undefined;
      }),
    close() {
      if (fd === undefined) return;
      const open = fd;
      fd = undefined;
      closeSync(open);
    },
  };
}

/**
 * One write per record; a file whose last line was cut short (another process killed mid-write)
 * gets its newline in that same write.
 */
function appendRecord(fd: number, record: string): void {
  const text = endsCutOff(fd) ? `\n${record}` : record;
  const bytes = Buffer.from(text);
  if (writeSync(fd, bytes) !== bytes.length) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
}

function endsCutOff(fd: number): boolean {
  const stats = fstatSync(fd);
  if (stats.size === 0 || !stats.isFile()) return false;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, stats.size - 1);
  return last[0] !== 0x0a;
}

/** A journal in memory, for tests: row records in `entries`, run records in `runs`. */
export function memoryJournal(): Journal & { entries: RowEntry[]; runs: RunEntry[] } {
  const entries: RowEntry[] = [];
  const runs: RunEntry[] = [];
  return {
    entries,
    runs,
    append(entry) {
      const at = new Date().toISOString();
      if (entry.event === 'start' || entry.event === 'end') runs.push({ at, ...entry } as RunEntry);
      else entries.push({ at, ...entry } as RowEntry);
    },
    scan(onEntry) {
      for (const entry of [...runs, ...entries]) onEntry(entry);
      return 0;
    },
  };
}

/** Every record of a journal file; lines that are not records are skipped. */
export function readJournal(path: string): JournalEntry[] {
  return readJournalFile(path).entries;
}

export function readJournalFile(path: string): JournalRead {
  const entries: JournalEntry[] = [];
  const skipped = forEachLine(path, (line) => {
    const entry = parseRecord(line);
    if (entry) entries.push(entry);
    return entry !== undefined;
  });
  return { entries, skipped };
}

/**
 * Calls `onLine` for every line of a regular file, a chunk at a time (the file may be large);
 * returns how many non-empty lines it refused. A missing file, or one that is not a regular
 * file, has no lines.
 */
export function forEachLine(path: string, onLine: (line: string) => boolean): number {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let refused = 0;
  try {
    if (!fstatSync(fd).isFile()) return 0;
    const chunk = Buffer.alloc(1 << 20);
    let rest = '';
    const take = (line: string) => {
      if (line && !onLine(line)) refused++;
    };
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
      const lines = (rest + chunk.toString('utf8', 0, read)).split('\n');
      rest = lines.pop() ?? '';
      lines.forEach(take);
    }
    take(rest);
  } finally {
    closeSync(fd);
  }
  return refused;
}

/** A line as a record, or undefined when it is not one. */
export function parseRecord(line: string): JournalEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.api !== 'string' || typeof record.org !== 'string') return undefined;
  if (record.event === 'start' || record.event === 'end')
    return typeof record.run === 'string' ? (record as unknown as RunEntry) : undefined;
  if (record.event !== 'attempt' && record.event !== 'sent' && record.event !== 'failed') return undefined;
  const rowFields = [record.email, record.role, record.idempotency_key];
  return rowFields.every((field) => typeof field === 'string') ? (record as unknown as RowEntry) : undefined;
}

export function isRowEntry(entry: JournalEntry): entry is RowEntry {
  return entry.event === 'attempt' || entry.event === 'sent' || entry.event === 'failed';
}

function describeCode(code: string): string {
  const meanings: Record<string, string> = {
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EROFS: 'the file system is read-only',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ELOOP: 'it is a symbolic link, which is not followed',
    ENOTDIR: 'a part of the path is not a directory',
    EISDIR: 'it is a directory',
  };
  return meanings[code] ? `${code}: ${meanings[code]}` : code;
}
