// Profiles (config.json) and stored tokens (credentials.json), under $XDG_CONFIG_HOME/invite-tui.
// Both are written atomically: a new file is created 0600 in a 0700 directory, then renamed
// over the old one, so a token is never readable by others, not even for a moment. Both are
// read without following links, and names typed by people (profiles) are looked up only among
// the file's own keys, never an object's prototype (`--profile constructor` finds nothing).
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LocalStateError, readStateFile, securePrivateDir, warnOnStderr, writeFileAtomically } from '../files.js';
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
  credentialsFile: string;
  readConfig(): Config;
  /** The named profile, or undefined; only the file's own entries count. */
  readProfile(profile: string): Profile | undefined;
  writeConfig(config: Config): void;
  readToken(profile: string): string | undefined;
  writeToken(profile: string, token: string): void;
  deleteToken(profile: string): boolean;
  /** A warning when the credentials file is readable by others, else undefined. */
  permissionWarning(): string | undefined;
}

export function configStore(
  env: NodeJS.ProcessEnv = process.env,
  warn: (message: string) => void = warnOnStderr,
): ConfigStore {
  const dir = configDir(env);
  const configFile = join(dir, 'config.json');
  const credentialsFile = join(dir, 'credentials.json');
  let checkedDir = false;
  // A directory others can write to is tightened (with a warning) before anything in it is trusted.
  const secureDir = () => {
    if (checkedDir) return;
    checkedDir = true;
    if (exists(dir) || exists(configFile)) securePrivateDir(dir, warn);
  };
  const readCredentials = (): Map<string, string> => {
    secureDir();
    const value = readJson(credentialsFile, 'remove it and run `invite-tui login`, or set INVITE_API_TOKEN');
    if (value === undefined) return new Map();
    if (!isRecord(value))
      throw new LocalStateError(
        `${credentialsFile} is not an object of tokens: remove it and run \`invite-tui login\``,
      );
    return new Map(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  };
  const writeCredentials = (credentials: Map<string, string>) =>
    writeAtomically(dir, credentialsFile, `${JSON.stringify(Object.fromEntries(credentials), null, 2)}\n`, warn);
  const readConfig = () => {
    secureDir();
    return parseConfig(readJson(configFile, 'fix it or remove it') ?? {}, configFile);
  };
  return {
    dir,
    credentialsFile,
    readConfig,
    readProfile: (profile) => {
      const { profiles } = readConfig();
      return Object.hasOwn(profiles, profile) ? profiles[profile] : undefined;
    },
    writeConfig: (config) => writeAtomically(dir, configFile, `${JSON.stringify(config, null, 2)}\n`, warn),
    readToken: (profile) => readCredentials().get(profile),
    writeToken: (profile, token) => writeCredentials(readCredentials().set(profile, token)),
    deleteToken: (profile) => {
      const credentials = readCredentials();
      if (!credentials.delete(profile)) return false;
      if (credentials.size === 0) rmSync(credentialsFile, { force: true });
      else writeCredentials(credentials);
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
  const invalid = (why: string) =>
    new LocalStateError(`${file} is not a valid invite-tui config: ${why}; fix it or remove it`);
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

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function readJson(file: string, fix: string): unknown {
  const text = readStateFile(file);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new LocalStateError(`${file} is not valid JSON: ${fix}`);
  }
}

function writeAtomically(dir: string, file: string, text: string, warn: (message: string) => void): void {
  securePrivateDir(dir, warn);
  writeFileAtomically(file, text);
}
