// Remembers the last organization used, so the org step can preselect it next time. The file is
// read without following links and replaced atomically, so a link planted at its name is never
// written through.
import { join } from 'node:path';
import { readStateFile, securePrivateDir, writeFileAtomically } from '../files.js';
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
        return readStateFile(file)?.trim() || undefined;
      } catch {
        // A preference that cannot be read (a link, a directory) is simply not used.
        return undefined;
      }
    },
    save(org) {
      try {
        securePrivateDir(stateDir(env), () => undefined);
        writeFileAtomically(file, `${org}\n`);
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
