// No trust in local state: names typed by people never reach object prototypes, directories
// others can write to are tightened, links at state files are refused, broken files are named.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
  lstatSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileLastOrgStore } from '../../src/config/last-org.js';
import { resolveSettings } from '../../src/config/settings.js';
import { runCli } from '../helpers/cli.js';
import { cliHome } from '../helpers/cli-env.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

/** A home with a stored profile and token, and no token in the environment. */
function storedHome(credentials: string | null = JSON.stringify({ default: 'demo-owner' })) {
  const { env, root } = cliHome(sandbox.url, '');
  const dir = join(env.XDG_CONFIG_HOME, 'invite-tui');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ profiles: { default: { api_url: sandbox.url } } }));
  if (credentials !== null) writeFileSync(join(dir, 'credentials.json'), credentials, { mode: 0o600 });
  const withoutUrl: NodeJS.ProcessEnv = { ...env };
  delete withoutUrl.INVITE_API_URL;
  return { env: withoutUrl as typeof env, dir, root, credentials: join(dir, 'credentials.json') };
}

describe('lookups by name never reach a prototype', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    '--profile %s claims neither a token nor an API',
    async (profile) => {
      const { env } = storedHome();
      const settings = resolveSettings({ profile, 'api-url': sandbox.url }, env);
      expect(settings.token).toBeUndefined();
      expect(resolveSettings({ profile }, env).apiUrl).toBeUndefined();
      const result = await runCli(['orgs', '--profile', profile, '--api-url', sandbox.url], env);
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(`no token for ${sandbox.url} (profile "${profile}")`);
    },
  );

  it('a profile named __proto__ is stored and read back as an ordinary name', async () => {
    const { env } = storedHome(null);
    const login = await runCli(
      ['login', '--profile', '__proto__', '--api-url', sandbox.url, '--with-token'],
      env,
      'demo-owner\n',
    );
    expect(login.code).toBe(0);
    expect((await runCli(['orgs', '--profile', '__proto__', '--json'], env)).code).toBe(0);
    expect(
      Object.getPrototypeOf(
        JSON.parse(readFileSync(join(env.XDG_CONFIG_HOME, 'invite-tui', 'credentials.json'), 'utf8')),
      ),
    ).toBe(Object.prototype);
    // The default profile gained no token through the prototype.
    expect((await runCli(['orgs'], env)).code).toBe(3);
  });
});

describe('directories others can write to', () => {
  it('a 0777 config directory is tightened to 0700, with a warning naming it', async () => {
    const { env, dir } = storedHome();
    chmodSync(dir, 0o777);
    const result = await runCli(['orgs', '--json'], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`warning: ${dir} could be written by others (mode 777); tightened it to 700`);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect((await runCli(['orgs', '--json'], env)).stderr).toBe('');
  });

  it('a group-writable state directory is tightened before the demo state goes in', async () => {
    const { env } = cliHome(sandbox.url, '');
    const stateDir = join(env.XDG_STATE_HOME, 'invite-tui');
    mkdirSync(stateDir, { recursive: true });
    chmodSync(stateDir, 0o775);
    const result = await runCli(['orgs', '--demo', '--json'], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('(mode 775); tightened it to 700');
    expect(statSync(stateDir).mode & 0o777).toBe(0o700);
  });

  it('a state directory others can write to is tightened before a send journals there', async () => {
    const { env } = cliHome(sandbox.url);
    const stateDir = join(env.XDG_STATE_HOME, 'invite-tui');
    mkdirSync(stateDir, { recursive: true });
    chmodSync(stateDir, 0o777);
    const result = await runCli(['send', '--org', 'acme', '--role', 'reader', 'state.dir@acme.test'], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`warning: ${stateDir} could be written by others (mode 777); tightened it to 700`);
    expect(statSync(stateDir).mode & 0o777).toBe(0o700);
  });

  it('a missing state directory is not created by commands that write nothing there', async () => {
    const { env } = cliHome(sandbox.url);
    expect((await runCli(['orgs'], env)).code).toBe(0);
    expect(existsSync(env.XDG_STATE_HOME)).toBe(false);
  });
});

describe('state files are not followed through links', () => {
  it('credentials.json as a link is refused (exit 14), naming it', async () => {
    const { env, credentials, root } = storedHome(null);
    writeFileSync(join(root, 'elsewhere.json'), JSON.stringify({ default: 'demo-owner' }));
    symlinkSync(join(root, 'elsewhere.json'), credentials);
    const result = await runCli(['orgs'], env);
    expect(result.code).toBe(14);
    expect(result.stderr).toBe(
      `invite-tui: ${credentials} is a symbolic link; invite-tui does not follow links for its state: remove it\n`,
    );
  });

  it('last-org as a link is neither read nor written through', () => {
    const { env, root } = cliHome(sandbox.url);
    const stateDir = join(env.XDG_STATE_HOME, 'invite-tui');
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    const target = join(root, 'target');
    writeFileSync(target, 'planted\n');
    symlinkSync(target, join(stateDir, 'last-org'));
    const store = fileLastOrgStore(env);
    expect(store.load()).toBeUndefined();
    store.save('acme');
    expect(readFileSync(target, 'utf8')).toBe('planted\n');
    expect(lstatSync(join(stateDir, 'last-org')).isSymbolicLink()).toBe(false);
    expect(store.load()).toBe('acme');
  });
});

describe('a broken credentials.json', () => {
  it.each([
    [
      'not JSON',
      '{"default": "demo-o',
      'is not valid JSON: remove it and run `invite-tui login`, or set INVITE_API_TOKEN',
    ],
    ['not an object', '["demo-owner"]', 'is not an object of tokens: remove it and run `invite-tui login`'],
  ])(
    '%s: does not matter with INVITE_API_TOKEN, and otherwise is named with the fix (exit 14)',
    async (_, text, why) => {
      const { env, credentials } = storedHome(text);
      expect((await runCli(['orgs', '--json'], { ...env, INVITE_API_TOKEN: 'demo-owner' })).code).toBe(0);
      const result = await runCli(['orgs'], env);
      expect(result.code).toBe(14);
      expect(result.stderr).toBe(`invite-tui: ${credentials} ${why}\n`);
    },
  );

  it('a directory: the same, never a raw EISDIR', async () => {
    const { env, credentials } = storedHome(null);
    mkdirSync(credentials);
    expect((await runCli(['orgs', '--json'], { ...env, INVITE_API_TOKEN: 'demo-owner' })).code).toBe(0);
    const result = await runCli(['orgs'], env);
    expect(result.code).toBe(14);
    expect(result.stderr).toBe(`invite-tui: ${credentials} is not a regular file: remove it\n`);
  });

  it('a broken config.json is named with the fix', async () => {
    const { env, dir } = storedHome();
    writeFileSync(join(dir, 'config.json'), '{"profiles": []}');
    const result = await runCli(['orgs'], env);
    expect(result.code).toBe(14);
    expect(result.stderr).toBe(
      `invite-tui: ${join(dir, 'config.json')} is not a valid invite-tui config: "profiles" must be an object; fix it or remove it\n`,
    );
  });
});
