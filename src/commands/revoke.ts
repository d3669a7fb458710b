import { parseArgs } from 'node:util';
import { UsageError } from '../usage-error.js';
import { EXIT } from './exit-codes.js';
import { GLOBAL_OPTIONS } from './global-options.js';
import { printJson, say } from './output.js';
import { confirm } from './prompt.js';
import { clientFor } from './command-client.js';
import { requireOrg, resolveSettings } from './settings.js';

/** `invite-tui revoke --org SLUG ID [--yes]`: asks first on a terminal unless --yes. */
export async function runRevoke(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...GLOBAL_OPTIONS, yes: { type: 'boolean', short: 'y', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const [id, ...extra] = positionals;
  if (!id || extra.length > 0) throw new UsageError('Give exactly one invitation id: invite-tui revoke --org SLUG ID');
  const settings = resolveSettings(values);
  const org = requireOrg(settings);
  const client = clientFor(settings);
  if (!values.yes) {
    if (!process.stdin.isTTY)
      throw new UsageError('Not a terminal, so nothing can be confirmed: pass --yes to revoke.');
    if (!(await confirm(`Revoke invitation ${id} in ${org}? [y/N] `))) {
      say('Not revoked.');
      return EXIT.ok;
    }
  }
  await client.revokeInvitation(org, id);
  if (values.json) printJson({ id, org, revoked: true });
  else say(`Revoked ${id} in ${org}.`);
  return EXIT.ok;
}
