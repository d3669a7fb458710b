// Where a command's API URL, token and org come from, in order of precedence:
// flags > environment > the profile (config.json / credentials.json).
import { configStore, DEFAULT_PROFILE, type ConfigStore } from '../config/config-file.js';
import { UsageError } from '../usage-error.js';

export interface GlobalFlags {
  'api-url'?: string | undefined;
  org?: string | undefined;
  profile?: string | undefined;
}

export interface Settings {
  profile: string;
  apiUrl: { value: string; source: string } | undefined;
  token: { value: string; source: string } | undefined;
  org: { value: string; source: string } | undefined;
  store: ConfigStore;
}

export function resolveSettings(flags: GlobalFlags, env: NodeJS.ProcessEnv = process.env): Settings {
  const store = configStore(env);
  const profile = flags.profile ?? env.INVITE_PROFILE ?? DEFAULT_PROFILE;
  const saved = store.readConfig().profiles[profile] ?? {};
  const first = (...candidates: [string | undefined, string][]) => {
    const found = candidates.find(([value]) => value);
    return found ? { value: found[0] as string, source: found[1] } : undefined;
  };
  const storedToken = store.readToken(profile);
  return {
    profile,
    store,
    apiUrl: first(
      [flags['api-url'], '--api-url'],
      [env.INVITE_API_URL, 'INVITE_API_URL'],
      [saved.api_url, `profile "${profile}"`],
    ),
    // No --token flag on purpose: flags leak into `ps` and shell history.
    token: first([env.INVITE_API_TOKEN, 'INVITE_API_TOKEN'], [storedToken, `stored for profile "${profile}"`]),
    org: first([flags.org, '--org'], [env.INVITE_ORG, 'INVITE_ORG'], [saved.default_org, `profile "${profile}"`]),
  };
}

/** INVITE_TIMEOUT_MS: how long one attempt may take (default 15 s), for slow links and tests. */
export function timeoutFrom(env: NodeJS.ProcessEnv): number | undefined {
  const value = env.INVITE_TIMEOUT_MS;
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UsageError(`INVITE_TIMEOUT_MS is a whole number of milliseconds (got "${value}")`);
  return Number(value);
}

export function requireOrg(settings: Settings): string {
  if (!settings.org)
    throw new UsageError('Which organization? Pass --org SLUG, set INVITE_ORG, or set a default_org in the profile.');
  return settings.org.value;
}
