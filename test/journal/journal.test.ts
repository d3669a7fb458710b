import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RowClaims } from '../../src/journal/claims.js';
import { intentId, JournalIndex } from '../../src/journal/intents.js';
import {
  fileJournal,
  JournalWriteError,
  readJournalFile,
  runJournal,
  type RowEntry,
} from '../../src/journal/journal.js';
import { historyPath, loadJournal } from '../../src/journal/rotate.js';

const dir = () => mkdtempSync(join(tmpdir(), 'invite-tui-journal-'));
const attempt = (email: string, extra: Partial<Omit<RowEntry, 'at'>> = {}): Omit<RowEntry, 'at'> => ({
  event: 'attempt',
  api: 'http://127.0.0.1:1/',
  source: 'send',
  run: 'r1',
  org: 'acme',
  email,
  role: 'reader',
  send_email: true,
  idempotency_key: `key-${email}`,
  ...extra,
});

describe('a journal that heals', () => {
  it('ends a cut-off last line before appending, so the next record is whole', () => {
    const path = join(dir(), 'journal.jsonl');
    const journal = fileJournal(path);
    journal.append(attempt('a@x.test'));
    appendFileSync(path, '{"at":"2026-11-26T10:00:00Z","api":"http://127.0.0.1:1/","event":"se');
    journal.append(attempt('b@x.test'));
    const read = readJournalFile(path);
    expect(read.entries.map((entry) => ('email' in entry ? entry.email : ''))).toEqual(['a@x.test', 'b@x.test']);
    expect(read.skipped).toBe(1);
  });

  it("a run's journal, kept open, still ends a line another process cut short, and each record is on file at once", () => {
    const path = join(dir(), 'journal.jsonl');
    const journal = runJournal(path);
    journal.append(attempt('a@x.test'));
    expect(readJournalFile(path).entries).toHaveLength(1);
    appendFileSync(path, '{"at":"2026-11-26T10:00:00Z","api":"http://127.0.0.1:1/","event":"se');
    journal.append(attempt('b@x.test'));
    journal.close();
    journal.close();
    const read = readJournalFile(path);
    expect(read.entries.map((entry) => ('email' in entry ? entry.email : ''))).toEqual(['a@x.test', 'b@x.test']);
    expect(read.skipped).toBe(1);
  });

  it('skips and counts lines that are not records (null, garbage, other JSON), never throws', () => {
    const path = join(dir(), 'journal.jsonl');
    writeFileSync(path, ['null', '42', '"text"', '[1]', '{}', 'garbage {', '{"event":"sent"}', ''].join('\n'));
    fileJournal(path).append(attempt('a@x.test'));
    const read = readJournalFile(path);
    expect(read.entries).toHaveLength(1);
    expect(read.skipped).toBe(7);
  });

  it('a write that fails names the path and the cause; a symlink is not followed', () => {
    expect(() => fileJournal('/dev/full').append(attempt('a@x.test'))).toThrow(
      /cannot write the journal \/dev\/full \(ENOSPC: no space left on the device\)/,
    );
    const root = dir();
    symlinkSync(join(root, 'elsewhere'), join(root, 'journal.jsonl'));
    const error = (() => {
      try {
        fileJournal(join(root, 'journal.jsonl')).append(attempt('a@x.test'));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(JournalWriteError);
    expect(existsSync(join(root, 'elsewhere'))).toBe(false);
  });
});

describe('a journal that stays small', () => {
  it('moves finished runs and resolved intents to the history; open ones stay', () => {
    const root = dir();
    const path = join(root, 'journal.jsonl');
    const journal = fileJournal(path);
    for (let i = 0; i < 400; i++) {
      journal.append(attempt(`done${i}@x.test`, { run: 'old' }));
      journal.append({ ...attempt(`done${i}@x.test`, { run: 'old' }), event: 'sent', invitation_id: `inv_${i}` });
    }
    journal.append({ event: 'end', api: 'http://127.0.0.1:1/', org: 'acme', run: 'old', source: 'send' });
    journal.append({ event: 'start', api: 'http://127.0.0.1:1/', org: 'acme', run: 'open', source: 'send' });
    journal.append(attempt('flight@x.test', { run: 'open' }));
    journal.append(attempt('tui@x.test', { run: undefined, source: 'tui' }));
    appendFileSync(path, 'null\n');
    const sizeBefore = statSync(path).size;

    const claims = new RowClaims(join(root, 'claims'));
    const loaded = loadJournal(path, (work) => claims.whileAlone(work));
    expect(loaded.skipped).toBe(1);
    expect(loaded.moved).toBe(802);
    expect(statSync(path).size).toBeLessThan(sizeBefore / 50);
    const after = JournalIndex.of(readJournalFile(path).entries);
    expect(after.openRuns().map((run) => run.run)).toEqual(['open']);
    expect(
      after.intents.get(
        intentId({ api: 'http://127.0.0.1:1/', org: 'acme', email: 'tui@x.test', role: 'reader', sendEmail: true }),
      )?.state,
    ).toBe('open');
    // Nothing deleted: the history holds the rest.
    expect(readFileSync(historyPath(path), 'utf8').trim().split('\n')).toHaveLength(802);
    expect(readdirSync(root).sort()).toEqual(['claims', 'journal.jsonl', 'journal.jsonl.history']);
  });

  it('does not compact while another live process holds a claim', async () => {
    const root = dir();
    const path = join(root, 'journal.jsonl');
    for (let i = 0; i < 400; i++) fileJournal(path).append({ ...attempt(`x${i}@x.test`), event: 'sent' });
    const other = new RowClaims(join(root, 'claims'));
    // A claim held by a live process that is not this one: the parent of the test runner.
    await other.claimAll(['someone else']);
    const [name] = readdirSync(join(root, 'claims'));
    writeFileSync(join(root, 'claims', name!), `${process.ppid} ${(await import('node:os')).hostname()} now\n`);
    const loaded = loadJournal(path, (work) => new RowClaims(join(root, 'claims')).whileAlone(work));
    expect(loaded.moved).toBe(0);
  });
});

describe('row claims', () => {
  it('a live holder refuses the claim; a dead one (kill -9) is taken over', async () => {
    const root = dir();
    const mine = new RowClaims(root);
    expect(await mine.claimAll(['row-1', 'row-2'])).toEqual({ ok: true });
    const second = new RowClaims(root);
    // This process is alive, but a claim it holds through another RowClaims is still another claimant's.
    const files = readdirSync(root);
    for (const file of files)
      writeFileSync(join(root, file), `${process.ppid} ${(await import('node:os')).hostname()} t\n`);
    const refused = await second.claimAll(['row-2', 'row-3']);
    expect(refused.ok).toBe(false);
    expect(readdirSync(root)).toHaveLength(2);

    // A process that is gone: its claims are stale.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    for (const file of files)
      writeFileSync(join(root, file), `${dead.stdout} ${(await import('node:os')).hostname()} t\n`);
    expect(await second.claimAll(['row-2', 'row-3'])).toEqual({ ok: true });
    second.releaseAll();
  });
});
