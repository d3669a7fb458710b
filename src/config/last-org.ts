// Remembers the last organization used, so the org step can preselect it next time.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateDir } from './paths.js';

export interface LastOrgStore {
  load(): string | undefined;
  save(org: string): void;
}

export function fileLastOrgStore(env: NodeJS.ProcessEnv = process.env): LastOrgStore {
  const file = join(stateDir(env), 'last-org');
  return {
    load() {
      try {
        return readFileSync(file, 'utf8').trim() || undefined;
      } catch {
        return undefined;
      }
    },
    save(org) {
      try {
        mkdirSync(stateDir(env), { recursive: true, mode: 0o700 });
        writeFileSync(file, `${org}\n`, { mode: 0o600 });
      } catch {
        // A preference that cannot be saved is not worth interrupting anyone for.
      }
    },
  };
}

export const memoryLastOrgStore = (initial?: string): LastOrgStore => {
  let value = initial;
  return { load: () => value, save: (org) => (value = org) };
};
