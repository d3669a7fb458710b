// The commands take their settings from src/config/settings.ts, shared with the TUI; what is
// particular to the commands (an org is required) lives here.
import type { Settings } from '../config/settings.js';
import { UsageError } from '../usage-error.js';

export { resolveSettings, timeoutFrom, type GlobalFlags, type Settings } from '../config/settings.js';

export function requireOrg(settings: Settings): string {
  if (!settings.org)
    throw new UsageError(
      `Which organization? Pass --org KEY${settings.demo ? '' : ', set INVITE_ORG, or set a default_org in the profile'}; \`invite-tui orgs${settings.demo ? ' --demo' : ''}\` lists them.`,
    );
  return settings.org.value;
}
