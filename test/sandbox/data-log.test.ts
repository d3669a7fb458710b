// The --data log on its own: appends, group commit, compaction, and what a crash leaves behind.
import { appendFileSync, closeSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataLog } from '../../src/sandbox/data-log.js';

interface State {
  version: number;
  items: number[];
}
const isState = (value: unknown): value is State => (value as State | undefined)?.version === 1;

function openLog(minChanges = 4) {
  const dir = mkdtempSync(join(tmpdir(), 'invite-tui-log-'));
  const file = join(dir, 'data.jsonl');
  const state: State = { version: 1, items: [] };
  const log = new DataLog(file, () => ({ text: JSON.stringify(state), size: state.items.length }), minChanges);
  const add = (item: number) => {
    state.items.push(item);
    log.append({ add: item });
  };
  return { dir, file, state, log, add };
}

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

describe('DataLog', () => {
  it('writes the snapshot first, then one line per change, each on disk before durable() resolves', async () => {
    const { file, log, add } = openLog(100);
    expect(lines(file)).toEqual(['{"version":1,"items":[]}']);
    add(1);
    add(2);
    expect(log.durable()).toBeInstanceOf(Promise);
    await log.durable();
    expect(lines(file)).toEqual(['{"version":1,"items":[]}', '{"add":1}', '{"add":2}']);
    expect(log.durable()).toBeUndefined();
    await log.close();
    expect(DataLog.load<State, { add: number }>(file, isState)).toEqual({
      snapshot: { version: 1, items: [] },
      changes: [{ add: 1 }, { add: 2 }],
    });
  });

  it('compacts once the changes outnumber the snapshot, by rename, leaving no temp file', async () => {
    const { dir, file, log, add } = openLog(4);
    for (let i = 1; i <= 9; i++) {
      add(i);
      await log.durable();
    }
    await log.close();
    const loaded = DataLog.load<State, { add: number }>(file, isState);
    // Every change is there: in the snapshot or after it.
    const items = [...(loaded?.snapshot.items ?? []), ...(loaded?.changes.map((change) => change.add) ?? [])];
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(loaded?.snapshot.items.length).toBeGreaterThanOrEqual(8);
    expect(readdirSync(dir)).toEqual(['data.jsonl']);
  });

  it('ignores a cut-off last line and removes temp files a killed compaction left', async () => {
    const { dir, file, log, add } = openLog(100);
    add(1);
    await log.close();
    appendFileSync(file, '{"add":');
    writeFileSync(join(dir, 'data.jsonl.4242.compact.tmp'), '{"version":1,"items":[1,2');
    writeFileSync(join(dir, 'unrelated.tmp'), 'kept');
    expect(DataLog.load<State, { add: number }>(file, isState)?.changes).toEqual([{ add: 1 }]);
    expect(readdirSync(dir).sort()).toEqual(['data.jsonl', 'unrelated.tmp']);
  });

  it('answers a failed append with an error, then rewrites the log whole before appending again', async () => {
    const { file, log, add } = openLog(100);
    // The descriptor goes bad behind the log's back, as a failing disk would make it.
    const internals = log as unknown as { fd: number };
    const realFd = internals.fd;
    internals.fd = 2 ** 30;
    add(1);
    await expect(log.durable()).rejects.toThrow();
    expect(log.durable()).toBeUndefined();
    add(2);
    await log.durable();
    await log.close();
    closeSync(realFd);
    // The snapshot holds both: the failed change stayed in memory, and nothing follows a partial line.
    expect(DataLog.load<State, { add: number }>(file, isState)).toEqual({
      snapshot: { version: 1, items: [1, 2] },
      changes: [],
    });
  });

  it('refuses a file that is not a log, and a damaged line before the last', () => {
    const dir = mkdtempSync(join(tmpdir(), 'invite-tui-log-'));
    const other = join(dir, 'other.json');
    writeFileSync(other, '{"hello": 1}\n');
    expect(() => DataLog.load(other, isState)).toThrow('is not a sandbox data file');
    const damaged = join(dir, 'damaged.jsonl');
    writeFileSync(damaged, '{"version":1,"items":[]}\n{"add":1}\n{"ad\n{"add":3}\n');
    expect(() => DataLog.load(damaged, isState)).toThrow('is damaged at line 3');
  });
});
