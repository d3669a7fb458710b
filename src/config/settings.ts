// Where the API URL, token and org come from, for the commands and the TUI alike, in order of
// precedence: flags > environment > the profile (config.json / credentials.json). Files are read
// only when a setting is not given otherwise, so a broken credentials.json does not matter when
// INVITE_API_TOKEN is set.
import { UsageError } from '../usage-error.js';
import { configStore, DEFAULT_PROFILE, type ConfigStore, type Profile } from './config-file.js';

export interface GlobalFlags {
  'api-url'?: string | undefined;
  org?: string | undefined;
  profile?: string | undefined;
  /** The embedded demo sandbox, whatever else is configured. */
  demo?: boolean | undefined;
}

export interface Setting {
  value: string;
  source: string;
}

export interface Settings {
  profile: string;
  apiUrl: Setting | undefined;
  token: Setting | undefined;
  org: Setting | undefined;
  /** True for --demo: apiUrl and token then name the embedded sandbox and its demo identity. */
  demo: boolean;
  store: ConfigStore;
}

/** The demo sandbox's owner token: every demo run acts as the same person. */
export const DEMO_TOKEN = 'demo-owner';
/** How the demo API is named in settings, the journal and resume: one identity across runs. */
export const DEMO_API = 'demo sandbox';

export function resolveSettings(flags: GlobalFlags, env: NodeJS.ProcessEnv = process.env): Settings {
  const store = configStore(env);
  const profile = flags.profile ?? env.INVITE_PROFILE ?? DEFAULT_PROFILE;
  if (flags.demo) {
    return {
      profile,
      store,
      demo: true,
      apiUrl: { value: DEMO_API, source: '--demo' },
      token: { value: DEMO_TOKEN, source: '--demo' },
      org: first([flags.org, '--org'], [env.INVITE_ORG, 'INVITE_ORG']),
    };
  }
  let saved: Profile | undefined;
  const savedProfile = () => (saved ??= store.readProfile(profile) ?? {});
  const fromProfile = (field: 'api_url' | 'default_org'): [string | undefined, string] => [
    savedProfile()[field],
    `profile "${profile}"`,
  ];
  const apiUrl =
    first([flags['api-url'], '--api-url'], [env.INVITE_API_URL, 'INVITE_API_URL']) ?? first(fromProfile('api_url'));
  // No --token flag on purpose: flags leak into `ps` and shell history. The stored token is read
  // only when there is an API to send it to.
  const envToken = env.INVITE_API_TOKEN;
  const token = envToken
    ? { value: envToken, source: 'INVITE_API_TOKEN' }
    : apiUrl && first([store.readToken(profile), `stored for profile "${profile}"`]);
  return {
    profile,
    store,
    demo: false,
    apiUrl,
    token: token || undefined,
    org: first([flags.org, '--org'], [env.INVITE_ORG, 'INVITE_ORG']) ?? first(fromProfile('default_org')),
  };
}

function first(...candidates: [string | undefined, string][]): Setting | undefined {
  const found = candidates.find(([value]) => value);
  return found ? { value: found[0] as string, source: found[1] } : undefined;
}

/**
 * A token goes into the Authorization header; one that cannot (a line break, a character beyond
 * Latin-1) would fail at the socket and look like a dropped connection. Printable ASCII only.
 */
export function checkToken(token: Setting): void {
  const bad = /[^\x21-\x7e]/.exec(token.value);
  if (!bad) return;
  const char = bad[0];
  const what =
    char === '\r' || char === '\n'
      ? 'a line break'
      : char === ' ' || char === '\t'
        ? 'a space'
        : `the character U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  throw new UsageError(
    `The token (${token.source}) contains ${what} (at position ${bad.index + 1}), so it cannot be sent in an HTTP header; copy it again without it.`,
  );
}

/** INVITE_TIMEOUT_MS: how long one attempt may take (default 15 s), for slow links and tests. */
export function timeoutFrom(env: NodeJS.ProcessEnv): number | undefined {
  const value = env.INVITE_TIMEOUT_MS;
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UsageError(`INVITE_TIMEOUT_MS is a whole number of milliseconds (got "${value}")`);
  return Number(value);
}
