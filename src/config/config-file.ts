// Profiles (config.json) and stored tokens (credentials.json), under $XDG_CONFIG_HOME/invite-tui.
// Both are written atomically: a new file is created 0600 in a 0700 directory, then renamed
// over the old one, so a token is never readable by others, not even for a moment.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readTextIfExists, writeFileAtomically } from '../files.js';
import { configDir } from './paths.js';

export const profileSchema = z.looseObject({ api_url: z.string().optional(), default_org: z.string().optional() });
export const configSchema = z.looseObject({ profiles: z.record(z.string(), profileSchema).default({}) });
const credentialsSchema = z.record(z.string(), z.string());
export type Profile = z.infer<typeof profileSchema>;
export type Config = z.infer<typeof configSchema>;

export const DEFAULT_PROFILE = 'default';

export interface ConfigStore {
  dir: string;
  readConfig(): Config;
  writeConfig(config: Config): void;
  readToken(profile: string): string | undefined;
  writeToken(profile: string, token: string): void;
  deleteToken(profile: string): boolean;
  /** A warning when the credentials file is readable by others, else undefined. */
  permissionWarning(): string | undefined;
}

export function configStore(env: NodeJS.ProcessEnv = process.env): ConfigStore {
  const dir = configDir(env);
  const configFile = join(dir, 'config.json');
  const credentialsFile = join(dir, 'credentials.json');
  const readCredentials = () => credentialsSchema.catch({}).parse(readJson(credentialsFile) ?? {});
  return {
    dir,
    readConfig: () => {
      const parsed = configSchema.safeParse(readJson(configFile) ?? {});
      if (!parsed.success) throw new Error(`${configFile} is not a valid invite-tui config: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return parsed.data;
    },
    writeConfig: (config) => writeAtomically(dir, configFile, `${JSON.stringify(config, null, 2)}\n`),
    readToken: (profile) => readCredentials()[profile],
    writeToken: (profile, token) => writeAtomically(dir, credentialsFile, `${JSON.stringify({ ...readCredentials(), [profile]: token }, null, 2)}\n`),
    deleteToken: (profile) => {
      const credentials = readCredentials();
      if (!(profile in credentials)) return false;
      delete credentials[profile];
      if (Object.keys(credentials).length === 0) rmSync(credentialsFile, { force: true });
      else writeAtomically(dir, credentialsFile, `${JSON.stringify(credentials, null, 2)}\n`);
      return true;
    },
    permissionWarning: () => {
      try {
        const mode = statSync(credentialsFile).mode & 0o777;
        return mode & 0o077 ? `${credentialsFile} can be read by others (mode ${mode.toString(8)}): run chmod 600 on it` : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

function readJson(file: string): unknown {
  const text = readTextIfExists(file);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON`);
  }
}

function writeAtomically(dir: string, file: string, text: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileAtomically(file, text);
}
