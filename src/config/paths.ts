import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** XDG base directories; a relative XDG_* value is ignored, as the spec says. */
function xdgDir(env: NodeJS.ProcessEnv, variable: string, fallback: string): string {
  const value = env[variable];
  return join(value && isAbsolute(value) ? value : join(homedir(), fallback), 'invite-tui');
}

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  return xdgDir(env, 'XDG_CONFIG_HOME', '.config');
}

export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return xdgDir(env, 'XDG_STATE_HOME', join('.local', 'state'));
}
