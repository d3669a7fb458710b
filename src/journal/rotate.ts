// Keeps the journal a send reads small: records of finished runs and resolved intents move to a
// history file beside it, so a send reads only what can still matter. History is kept, not
// deleted: `<journal>.history` grows to HISTORY_LIMIT_BYTES, then becomes `<journal>.history.1`
// (replacing the one before), so the newest 64–128 MiB of history are always on disk.
import { closeSync, constants, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { forEachLine, parseRecord } from './journal.js';
import { JournalIndex } from './intents.js';

const HISTORY_LIMIT_BYTES = 64 * 1024 * 1024;
/** Below this size the whole journal is read faster than it is rewritten. */
const COMPACT_FROM_BYTES = 64 * 1024;
const WRITE_CHUNK_BYTES = 1 << 20;

export interface LoadedJournal {
  index: JournalIndex;
  /** Lines that were not records (garbage, `null`, a cut-off line). */
  skipped: number;
  /** Lines moved to the history by this load, when it compacted. */
  moved: number;
}

/**
 * Reads the journal a chunk at a time into an index. When it is not tiny and `whileAlone` lets
 * it (no other process is sending), the records that no longer matter move to the history.
 */
export function loadJournal(
  path: string,
  whileAlone?: (work: () => void) => boolean,
  onCompacting?: (bytes: number) => void,
): LoadedJournal {
  const index = new JournalIndex();
  const skipped = forEachLine(path, (line) => {
    const entry = parseRecord(line);
    if (entry) index.add(entry);
    return entry !== undefined;
  });
  let moved = 0;
  const size = sizeOf(path);
  if (whileAlone && size >= COMPACT_FROM_BYTES)
    whileAlone(() => {
      onCompacting?.(size);
      moved = compactJournal(path, index).moved;
    });
  return { index, skipped, moved };
}

export function historyPath(journalPath: string): string {
  return `${journalPath}.history`;
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * Moves every line that no longer matters (and every unreadable one) to the history, and
 * replaces the journal with the rest. The caller makes sure nobody appends meanwhile (see
 * RowClaims.whileAlone). A crash leaves the old journal whole; at worst some lines are then in
 * both files.
 */
function compactJournal(path: string, index: JournalIndex): { moved: number; kept: number } {
  const history = historyPath(path);
  rotateHistoryIfFull(history);
  const temp = `${path}.${process.pid}.compacting`;
  const kept = new ChunkedWriter(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_EXCL);
  const moved = new ChunkedWriter(history, constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND);
  try {
    const live = liveLineTest(index);
    forEachLine(path, (line) => {
      (live(line) ? kept : moved).write(line);
      return true;
    });
    moved.close();
    kept.close();
    renameSync(temp, path);
  } catch (error) {
    moved.close();
    kept.close(true);
    throw error;
  }
  return { moved: moved.lines, kept: kept.lines };
}

/**
 * Whether a line still matters, parsing only the few that might: most lines of a large journal
 * belong to finished runs and resolved intents, which their run id and key alone tell.
 */
function liveLineTest(index: JournalIndex): (line: string) => boolean {
  const openKeys = index.openKeys();
  return (line) => {
    if (line.includes('\\')) return isLiveRecord(index, line);
    const run = /"run":"([^"]*)"/.exec(line)?.[1];
    if (run !== undefined && index.isOpenRun(run)) return true;
    const key = /"idempotency_key":"([^"]*)"/.exec(line)?.[1];
    return key !== undefined && openKeys.has(key) && isLiveRecord(index, line);
  };
}

function isLiveRecord(index: JournalIndex, line: string): boolean {
  const entry = parseRecord(line);
  return entry !== undefined && index.isLive(entry);
}

function rotateHistoryIfFull(history: string): void {
  try {
    if (statSync(history).size >= HISTORY_LIMIT_BYTES) renameSync(history, `${history}.1`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Lines out in large writes: a 100 MB migration is a hundred writes, not a million. */
class ChunkedWriter {
  lines = 0;
  private readonly fd: number;
  private buffer: string[] = [];
  private size = 0;
  private closed = false;

  constructor(
    private readonly path: string,
    flags: number,
  ) {
    this.fd = openSync(path, flags | constants.O_NOFOLLOW, 0o600);
  }

  write(line: string): void {
    this.buffer.push(line, '\n');
    this.size += line.length + 1;
    this.lines++;
    if (this.size >= WRITE_CHUNK_BYTES) this.flush();
  }

  close(discard = false): void {
    if (this.closed) return;
    this.closed = true;
    try {
      if (!discard) this.flush();
    } finally {
      closeSync(this.fd);
    }
    if (discard) {
      try {
        renameSync(this.path, `${this.path}.failed`);
      } catch {
        // Nothing to set aside.
      }
    }
  }

  private flush(): void {
    if (this.size === 0) return;
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }
}
