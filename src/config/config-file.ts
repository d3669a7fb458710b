// Profiles (config.json) and stored tokens (credentials.json), under $XDG_CONFIG_HOME/invite-tui.
// Both are written atomically: a new file is created 0600 in a 0700 directory, then renamed
// over the old one, so a token is never readable by others, not even for a moment.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readTextIfExists, writeFileAtomically } from '../files.js';
import { configDir } from './paths.js';

export interface Profile {
  api_url?: string;
  default_org?: string;
  [other: string]: unknown;
}

export interface Config {
  profiles: Record<string, Profile>;
  [other: string]: unknown;
}

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
  const readCredentials = (): Record<string, string> => {
    const value = readJson(credentialsFile);
    return isRecord(value)
      ? Object.fromEntries(
          Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
        )
      : {};
  };
  return {
    dir,
    readConfig: () => parseConfig(readJson(configFile) ?? {}, configFile),
    writeConfig: (config) => writeAtomically(dir, configFile, `${JSON.stringify(config, null, 2)}\n`),
    readToken: (profile) => readCredentials()[profile],
    writeToken: (profile, token) =>
      writeAtomically(dir, credentialsFile, `${JSON.stringify({ ...readCredentials(), [profile]: token }, null, 2)}\n`),
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
        return mode & 0o077
          ? `${credentialsFile} can be read by others (mode ${mode.toString(8)}): run chmod 600 on it`
          : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

// Checked by hand rather than with zod: the TUI reads the config before its first frame, and
// loading zod there would cost more than the check itself.
function parseConfig(value: unknown, file: string): Config {
  const invalid = (why: string) => new Error(`${file} is not a valid invite-tui config: ${why}`);
  if (!isRecord(value)) throw invalid('expected an object');
  const profiles = value.profiles ?? {};
  if (!isRecord(profiles)) throw invalid('"profiles" must be an object');
  for (const [name, profile] of Object.entries(profiles)) {
    if (!isRecord(profile)) throw invalid(`profile "${name}" must be an object`);
    for (const field of ['api_url', 'default_org']) {
      if (profile[field] !== undefined && typeof profile[field] !== 'string')
        throw invalid(`${name}.${field} must be a string`);
    }
  }
  return { ...value, profiles: profiles as Record<string, Profile> };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
