// Claims on rows, so two processes (two runs of one file, a run and the TUI) never send the same
// row at once. A claim is a file created with O_EXCL in the state directory, named by a hash of
// the row's identity and holding the claimant's pid and host; a claim whose process is gone (a
// kill -9) is stale and taken over. Journal compaction takes a claim on the journal itself and
// runs only when no other live process holds any claim.
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { sleep } from '../api/sleep.js';
import { stateDir } from '../config/paths.js';
import { JournalWriteError } from './journal.js';

export interface Holder {
  pid: number;
  host: string;
  since: string;
}

export type ClaimResult = { ok: true } | { ok: false; holder: Holder | undefined };

/** A claim file still empty after this long was left by a process killed while writing it. */
const EMPTY_CLAIM_STALE_MS = 10_000;
const COMPACTING = 'compacting.lock';
const COMPACTION_POLL_MS = 50;

export function defaultClaimsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'claims');
}

export class RowClaims {
  private readonly held = new Set<string>();
  private dirReady = false;
  private listening = false;
  private readonly release = () => this.releaseAll();

  constructor(readonly dir: string) {}

  /**
   * Claims every identity, in one fixed order so two claimants meet at the same first row; on
   * the first one a live process holds, gives back its own and says who holds it.
   */
  async claimAll(identities: Iterable<string>): Promise<ClaimResult> {
    const names = [...new Set([...identities].map(claimName))].sort();
    return this.afterCompaction(() => {
      for (const name of names) {
        if (this.held.has(name)) continue;
        const taken = this.take(name);
        if (!taken.ok) {
          this.releaseAll();
          return taken;
        }
      }
      return { ok: true };
    });
  }

  /** Claims what it can; returns the identities another live process holds. */
  async claimEach(identities: Iterable<string>): Promise<Set<string>> {
    const busy = new Set<string>();
    await this.afterCompaction(() => {
      busy.clear();
      for (const identity of identities) {
        const name = claimName(identity);
        if (!this.held.has(name) && !this.take(name).ok) busy.add(identity);
      }
      return { ok: true };
    });
    return busy;
  }

  /** Claims, then gives everything back and waits while another process compacts the journal. */
  private async afterCompaction(claim: () => ClaimResult): Promise<ClaimResult> {
    this.ensureDir();
    for (;;) {
      const result = claim();
      if (!result.ok) return result;
      if (!this.compacting()) {
        if (this.held.size > 0 && !this.listening) process.on('exit', this.release);
        this.listening = this.held.size > 0;
        return result;
      }
      this.releaseAll();
      await sleep(COMPACTION_POLL_MS, undefined);
    }
  }

  releaseAll(): void {
    for (const name of this.held) {
      try {
        unlinkSync(join(this.dir, name));
      } catch {
        // Already gone: nothing to give back.
      }
    }
    this.held.clear();
    process.off('exit', this.release);
    this.listening = false;
  }

  /**
   * Runs `work` while no other live process holds a claim here (it is skipped otherwise, and
   * false returned): a claimant checks for this lock after claiming, so neither misses the other.
   */
  whileAlone(work: () => void): boolean {
    this.ensureDir();
    if (!this.take(COMPACTING).ok) return false;
    try {
      const own = new Set(this.held);
      const others = readdirSync(this.dir).filter((name) => name !== COMPACTING && !own.has(name));
      if (others.some((name) => this.liveHolder(name) !== undefined)) return false;
      work();
      return true;
    } finally {
      this.held.delete(COMPACTING);
      removeQuietly(join(this.dir, COMPACTING));
    }
  }

  /** Whether another live process is compacting the journal right now. */
  compacting(): boolean {
    return this.liveHolder(COMPACTING) !== undefined;
  }

  private take(name: string): ClaimResult {
    const path = join(this.dir, name);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fd = openSync(path, 'wx', 0o600);
        try {
          writeSync(fd, `${process.pid} ${hostname()} ${new Date().toISOString()}\n`);
        } finally {
          closeSync(fd);
        }
        this.held.add(name);
        return { ok: true };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
        if (code !== 'EEXIST') throw new JournalWriteError(path, code);
      }
      const holder = this.liveHolder(name);
      if (holder !== undefined) return { ok: false, holder: holder ?? undefined };
      // Stale: its process is gone. Remove it and try again.
      removeQuietly(path);
    }
    return { ok: false, holder: undefined };
  }

  /** The live process holding a claim; null when alive but unreadable; undefined when stale or gone. */
  private liveHolder(name: string): Holder | null | undefined {
    const path = join(this.dir, name);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
    const [pid, host, since] = text.trim().split(' ');
    if (!pid || !host || !since) {
      try {
        return Date.now() - statSync(path).mtimeMs > EMPTY_CLAIM_STALE_MS ? undefined : null;
      } catch {
        return undefined;
      }
    }
    const holder = { pid: Number(pid), host, since };
    if (holder.host !== hostname()) return holder;
    if (holder.pid === process.pid && !this.held.has(name)) return undefined;
    return isAlive(holder.pid) ? holder : undefined;
  }

  private ensureDir(): void {
    if (this.dirReady) return;
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new JournalWriteError(this.dir, (error as NodeJS.ErrnoException).code ?? 'EIO');
    }
    this.dirReady = true;
  }
}

function claimName(identity: string): string {
  // node:crypto loads on the first claim, not with the TUI's first frame (which imports this module).
  return `${process.getBuiltinModule('node:crypto').createHash('sha256').update(identity).digest('hex').slice(0, 32)}.claim`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Someone else removed it first.
  }
}
