// `login`, `logout` and `config show`: credentials live only in a 0600 file, never in output.
import { parseArgs } from 'node:util';
import { ApiError } from '../api/errors.js';
import { createClient } from '../api/client.js';
import { parseBaseUrl } from '../api/base-url.js';
import { UsageError } from '../usage-error.js';
import { EXIT } from './exit-codes.js';
import { GLOBAL_OPTIONS } from './global-options.js';
import { out, printJson, say } from './output.js';
import { readSecret } from './prompt.js';
import { checkToken } from '../config/settings.js';
import { resolveSettings } from './settings.js';
import { readInput } from './stdin.js';

/** `invite-tui login [--api-url URL] [--org SLUG] [--with-token]` */
export async function runLogin(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...GLOBAL_OPTIONS, 'with-token': { type: 'boolean', default: false } },
    strict: true,
  });
  if (values.demo) throw new UsageError('The demo sandbox needs no login: pass --demo to the other commands.');
  const settings = resolveSettings(values);
  const apiUrl = settings.apiUrl?.value;
  if (!apiUrl) throw new UsageError('Which API? Pass --api-url URL (it is saved in the profile).');
  parseBaseUrl(apiUrl);
  let token: string;
  if (values['with-token']) token = (await readInput('-')).trim();
  else if (process.stdin.isTTY) token = (await readSecret(`Token for ${new URL(apiUrl).host}: `)).trim();
  else throw new UsageError('Not a terminal: pipe the token in with --with-token.');
  if (!token) throw new UsageError('No token given.');
  checkToken({ value: token, source: 'as given' });

  try {
    await createClient({ baseUrl: apiUrl, token }).listOrgs();
  } catch (error) {
    // A server without the org list cannot verify the token this way; anything else is a real failure.
    if (!(error instanceof ApiError && error.kind === 'http' && (error.status === 404 || error.status === 405)))
      throw error;
    say('This server cannot list organizations, so the token was saved unverified.');
  }
  const { store, profile } = settings;
  store.writeToken(profile, token);
  const config = store.readConfig();
  const saved = Object.hasOwn(config.profiles, profile) ? config.profiles[profile] : {};
  store.writeConfig({
    ...config,
    profiles: {
      ...config.profiles,
      [profile]: { ...saved, api_url: apiUrl, ...(values.org ? { default_org: values.org } : {}) },
    },
  });
  say(
    `Logged in to ${new URL(apiUrl).host} as profile "${profile}"; the token is stored in ${store.dir}/credentials.json (mode 600).`,
  );
  return EXIT.ok;
}

/** `invite-tui logout`: forgets the profile's stored token. */
export async function runLogout(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: GLOBAL_OPTIONS, strict: true });
  const { store, profile } = resolveSettings(values);
  say(
    store.deleteToken(profile)
      ? `Removed the stored token of profile "${profile}".`
      : `Profile "${profile}" had no stored token.`,
  );
  return EXIT.ok;
}

/** `invite-tui config show`: every setting and where it came from; the token only as set or not. */
export async function runConfig(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'show') throw new UsageError('Usage: invite-tui config show [--profile NAME] [--json]');
  const { values } = parseArgs({ args: rest, options: GLOBAL_OPTIONS, strict: true });
  const settings = resolveSettings(values);
  const warning = settings.store.permissionWarning();
  if (warning) say(`warning: ${warning}`);
  const shown = {
    profile: settings.profile,
    config_dir: settings.store.dir,
    api_url: settings.apiUrl ?? null,
    org: settings.org ?? null,
    token: settings.token ? { value: '••••••••', source: settings.token.source } : null,
  };
  if (values.json) printJson(shown);
  else {
    const line = (name: string, setting: { value: string; source: string } | null) =>
      out(`${name.padEnd(8)} ${setting ? `${setting.value}  (${setting.source})` : '(not set)'}`);
    out(`profile  ${shown.profile}  (config in ${shown.config_dir})`);
    line('api_url', shown.api_url);
    line('org', shown.org);
    line('token', shown.token);
  }
  return EXIT.ok;
}
