// A fresh home for each CLI test: its own config and state directories, pointed at a sandbox.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function cliHome(sandboxUrl: string, token = 'demo-owner') {
  const root = mkdtempSync(join(tmpdir(), 'invite-tui-home-'));
  const env = {
    XDG_CONFIG_HOME: join(root, 'config'),
    XDG_STATE_HOME: join(root, 'state'),
    INVITE_API_URL: sandboxUrl,
    ...(token ? { INVITE_API_TOKEN: token } : {}),
  };
  return { root, env, journal: join(root, 'state', 'invite-tui', 'journal.jsonl') };
}
