// Tokens: stored 0600 in a 0700 directory, never printed, never journaled.
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { cliHome } from '../helpers/cli-env.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

describe('login, stored tokens and config show', () => {
  it('login --with-token verifies and stores the token 0600 in a 0700 directory; nothing ever prints it', async () => {
    const { env: withEnvToken, root, journal } = cliHome(sandbox.url);
    const env = { XDG_CONFIG_HOME: withEnvToken.XDG_CONFIG_HOME, XDG_STATE_HOME: withEnvToken.XDG_STATE_HOME };
    const outputs: string[] = [];
    const run = async (args: string[], stdin?: string) => {
      const result = await runCli(args, env, stdin);
      outputs.push(result.stdout, result.stderr);
      return result;
    };

    const rejected = await run(['login', '--api-url', sandbox.url, '--with-token'], 'not-a-token\n');
    expect(rejected.code).toBe(3);
    const login = await run(['login', '--api-url', sandbox.url, '--org', 'acme', '--with-token'], 'demo-owner\n');
    expect(login.code).toBe(0);

    const dir = join(root, 'config', 'invite-tui');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'credentials.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['config.json', 'credentials.json']);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({
      profiles: { default: { api_url: sandbox.url, default_org: 'acme' } },
    });

    // The stored profile is enough: no environment needed.
    expect((await run(['send', '--role', 'reader', 'stored.token@acme.test'])).code).toBe(0);
    const shown = await run(['config', 'show']);
    expect(shown.stdout).toContain('token    ••••••••  (stored for profile "default")');
    expect((await run(['config', 'show', '--json'])).stdout).toContain('"source":"stored for profile \\"default\\""');
    await run(['orgs', '--json']);
    await run(['list', '--api-url', 'http://127.0.0.1:9', '--org', 'acme']);

    for (const text of [...outputs, readFileSync(journal, 'utf8')]) expect(text).not.toContain('demo-owner');

    chmodSync(join(dir, 'credentials.json'), 0o644);
    expect((await run(['config', 'show'])).stderr).toMatch(
      /warning: .*credentials\.json can be read by others \(mode 644\)/,
    );
    expect((await run(['orgs'])).stderr).toMatch(/warning: .*credentials\.json can be read by others/);

    expect((await run(['logout'])).stderr).toContain('Removed the stored token of profile "default"');
    expect((await run(['orgs'])).code).toBe(3);
  });
});
