// File operations for local state: read without following links, replace atomically, and keep
// the directories they live in private (as ssh does with ~/.ssh).
import {
  chmodSync,
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';

/** How local-state warnings reach people: one line on stderr, which scripts keep apart from data. */
export const warnOnStderr = (message: string) => void process.stderr.write(`warning: ${message}\n`);

/** Local state that cannot be used as it is (a link, a directory, loose permissions). Exit code 14. */
export class LocalStateError extends Error {
  override readonly name = 'LocalStateError';
}

/** A file's text, or undefined when it does not exist (other errors are thrown). */
export function readTextIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Opens a state file (credentials, config, last org) for reading without following a symbolic
 * link at its own name: a link planted there could redirect what we read. Returns undefined when
 * the file does not exist; a link, a directory or another odd file is refused with a message
 * naming the file. (The journal opens its files itself, with the same O_NOFOLLOW.)
 */
function openStateFile(file: string): number | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP' || code === 'EMLINK')
      throw new LocalStateError(
        `${file} is a symbolic link; invite-tui does not follow links for its state: remove it`,
      );
    if (code === 'EISDIR') throw new LocalStateError(`${file} is a directory, not a file: remove it`);
    throw new LocalStateError(`Cannot open ${file}: ${(error as Error).message}`);
  }
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw new LocalStateError(`${file} is not a regular file: remove it`);
  }
  return fd;
}

/** A state file's text (see openStateFile), or undefined when it does not exist. */
export function readStateFile(file: string): string | undefined {
  const fd = openStateFile(file);
  if (fd === undefined) return undefined;
  try {
    return readFileSync(fd, 'utf8');
  } catch (error) {
    throw new LocalStateError(`Cannot read ${file}: ${(error as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces `file` so that a crash leaves the old or the new content, never a mix: a new temp
 * file is created owner-only (0600) before a byte is written, flushed, then renamed over it.
 * The rename replaces a link at `file` rather than writing through it.
 */
export function writeFileAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}

/**
 * Creates `dir` (0700) if missing (unless `create` is false); if others may write to it, anyone
 * could swap its files, so it is tightened to owner-only with a warning, or refused when it is
 * not ours.
 */
export function securePrivateDir(dir: string, warn: (message: string) => void, create = true): void {
  if (create) mkdirSync(dir, { recursive: true, mode: 0o700 });
  let stats;
  try {
    stats = statSync(dir);
  } catch (error) {
    if (!create && (error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (!stats.isDirectory()) throw new LocalStateError(`${dir} is not a directory: remove it`);
  const mode = stats.mode & 0o777;
  if ((mode & 0o022) === 0) return;
  const uid = process.getuid?.();
  if (uid !== undefined && stats.uid !== uid)
    throw new LocalStateError(
      `${dir} belongs to another user and others can write to it (mode ${mode.toString(8)}); not using it`,
    );
  chmodSync(dir, 0o700);
  warn(`${dir} could be written by others (mode ${mode.toString(8)}); tightened it to 700`);
}
