// `--data FILE` as an append-only log: the first line is a snapshot of the whole state, every
// later line one change. A change costs one short append and an fdatasync, shared by every change
// queued meanwhile (group commit); the server answers only once its change is on disk. When the
// log has grown past the snapshot, it is compacted: a new snapshot is written to a temp file in
// the same directory, flushed and renamed over the log, so a crash leaves the old log or the new
// one, never a mix. A kill -9 mid-append leaves a cut-off last line, which loading ignores (its
// change was never acknowledged); a kill -9 mid-compaction leaves a temp file, which start-up
// removes.
import {
  closeSync,
  fdatasync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  unlinkSync,
  write,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readTextIfExists } from '../files.js';

/**
 * Compaction waits for at least this many changes, and for as many as the snapshot holds, so
 * its cost per change stays constant whatever the size.
 */
const MIN_CHANGES_BEFORE_COMPACTION = 256;

/** The data file cannot be used: its message names the file and says why, for a person. */
export class DataFileError extends Error {}

const REASONS: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of its path is not a folder',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
};

function dataFileError(file: string, doing: string, error: unknown): DataFileError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const reason = Object.hasOwn(REASONS, code) ? REASONS[code] : (error as Error).message;
  return new DataFileError(`cannot ${doing} ${file}: ${reason}`);
}

export interface LoadedLog<S, C> {
  snapshot: S;
  changes: C[];
}

export class DataLog {
  private fd: number;
  private queue: string[] = [];
  private appended = 0;
  /** Changes up to here are on disk, or failed and were answered so. */
  private synced = 0;
  private flushing = false;
  /** A write failed: the file may end in part of a line. */
  private damaged = false;
  private changesSinceSnapshot = 0;
  private snapshotSize = 0;
  private waiters: { upTo: number; resolve: () => void; reject: (error: Error) => void }[] = [];

  /**
   * Opens `file` for appending after writing `snapshot` as its new first line (start-up always
   * compacts: it drops a cut-off last line and gives later appends a clean end to follow).
   */
  constructor(
    private readonly file: string,
    private readonly snapshot: () => { text: string; size: number },
    private readonly minChangesBeforeCompaction = MIN_CHANGES_BEFORE_COMPACTION,
  ) {
    try {
      this.fd = this.compact();
    } catch (error) {
      throw dataFileError(file, 'write', error);
    }
  }

  /**
   * Reads a log: its snapshot and the changes after it. Removes temp files a killed compaction
   * left behind. `undefined` when the file does not exist.
   */
  static load<S, C>(file: string, isSnapshot: (value: unknown) => value is S): LoadedLog<S, C> | undefined {
    let text: string | undefined;
    try {
      removeStrayTempFiles(file);
      text = readTextIfExists(file);
    } catch (error) {
      throw dataFileError(file, 'read', error);
    }
    if (text === undefined) return undefined;
    const lines = text.split('\n');
    // Only complete lines count: whatever follows the last newline was cut off mid-append.
    lines.pop();
    const [first, ...rest] = lines;
    const snapshot = parseLine(first ?? '');
    if (!isSnapshot(snapshot)) throw new DataFileError(`${file} is not a sandbox data file`);
    const changes = rest.map((line, index) => {
      const change = parseLine(line);
      if (change === undefined) throw new DataFileError(`${file} is damaged at line ${index + 2}`);
      return change as C;
    });
    return { snapshot, changes };
  }

  /** Queues a change; `durable()` says when it is on disk. */
  append(change: unknown): void {
    this.queue.push(`${JSON.stringify(change)}\n`);
    this.appended++;
    this.flush();
  }

  /** Resolves once every change appended so far is on disk; undefined when it already is. */
  durable(): Promise<void> | undefined {
    if (this.synced >= this.appended) return undefined;
    return new Promise((resolve, reject) => this.waiters.push({ upTo: this.appended, resolve, reject }));
  }

  async close(): Promise<void> {
    await this.durable();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.flushing || this.queue.length === 0) return;
    if (this.damaged && !this.reopenCompacted()) {
      // Nothing more may follow a partial line: refuse these changes until a snapshot can be written.
      this.queue = [];
      return this.settle(this.appended, new Error(`cannot write ${this.file}`));
    }
    if (this.queue.length === 0) return; // the new snapshot holds them
    this.flushing = true;
    const text = this.queue.join('');
    const lines = this.queue.length;
    const upTo = this.appended;
    this.queue = [];
    const done = (error: Error | null) => {
      this.flushing = false;
      if (error) {
        this.settle(upTo, error);
        // The file may now end in part of a line: the next change rewrites it whole first.
        this.damaged = true;
      } else {
        this.changesSinceSnapshot += lines;
        this.settle(upTo);
        if (this.changesSinceSnapshot >= Math.max(this.minChangesBeforeCompaction, this.snapshotSize)) {
          this.reopenCompacted();
        }
      }
      this.flush();
    };
    const bytes = Buffer.byteLength(text);
    write(this.fd, text, null, 'utf8', (writeError, written) => {
      if (writeError || written < bytes) return done(writeError ?? new Error(`short write to ${this.file}`));
      fdatasync(this.fd, (syncError) => done(syncError));
    });
  }

  /** Answers the waiters up to `upTo`: done, or failed (then nobody waits for those changes any longer). */
  private settle(upTo: number, error?: Error): void {
    this.synced = Math.max(this.synced, upTo);
    const waiting: typeof this.waiters = [];
    for (const waiter of this.waiters) {
      if (waiter.upTo > upTo) waiting.push(waiter);
      else if (error) waiter.reject(error);
      else waiter.resolve();
    }
    this.waiters = waiting;
  }

  /** Compacts between flushes: the snapshot holds every change made so far, queued ones included. */
  private reopenCompacted(): boolean {
    let fd: number;
    try {
      fd = this.compact();
    } catch {
      // An undamaged log stays valid (the temp file is removed on the next start): go on
      // appending, and try again after as many changes.
      this.changesSinceSnapshot = 0;
      return false;
    }
    closeQuietly(this.fd);
    this.fd = fd;
    this.damaged = false;
    this.queue = [];
    this.settle(this.appended);
    return true;
  }

  /** Writes the snapshot to a temp file, flushes it, renames it over the log; returns it opened for appending. */
  private compact(): number {
    const { text, size } = this.snapshot();
    const temp = `${this.file}.${process.pid}.compact.tmp`;
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, `${text}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.file);
    syncDirectory(dirname(this.file));
    this.snapshotSize = size;
    this.changesSinceSnapshot = 0;
    return openSync(this.file, 'a');
  }
}

/** Closes a descriptor whose writes may already have failed; what matters is the new one. */
function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already unusable
  }
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

/** Temp files are named after the data file: `FILE.<pid>.compact.tmp` (and older `FILE.*.tmp`). */
function removeStrayTempFiles(file: string): void {
  const dir = dirname(file);
  const prefix = `${basename(file)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) if (name.startsWith(prefix) && name.endsWith('.tmp')) unlinkSync(join(dir, name));
}

/** Makes a rename in `dir` durable. */
function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
