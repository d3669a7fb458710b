import { parseArgs } from 'node:util';
import { companionFailure } from '../api/companion.js';
import { ApiError } from '../api/errors.js';
import type { InvitationsClient } from '../api/client.js';
import type { Invitation } from '../api/schemas.js';
import { UsageError } from '../usage-error.js';
import { EXIT } from './exit-codes.js';
import { GLOBAL_OPTIONS } from './global-options.js';
import { sanitizeAndCap, printJson, say } from './output.js';
import { confirm } from './prompt.js';
import { clientFor } from './command-client.js';
import { requireOrg, resolveSettings } from './settings.js';

/** `invite-tui revoke --org SLUG ID [--yes]`: names the address, and asks first on a terminal unless --yes. */
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
  const demo = settings.demo ? ' --demo' : '';
  const invitation = await findInvitation(client, org, id);
  if (invitation === null) {
    say(
      `invite-tui: there is no invitation ${sanitizeAndCap(id, 60)} in ${org}; \`invite-tui list --org ${org}${demo}\` shows them.`,
    );
    return EXIT.notFound;
  }
  const email = invitation?.email ? sanitizeAndCap(invitation.email, 254) : undefined;
  if (invitation?.status && invitation.status !== 'pending') {
    say(
      `invite-tui: ${id} (${email ?? 'no address'}) is ${sanitizeAndCap(invitation.status, 20)}, not pending: nothing to revoke.`,
    );
    return EXIT.conflict;
  }
  const what = email ? `the invitation of ${email} (${id})` : `invitation ${id}`;
  if (!values.yes) {
    if (!process.stdin.isTTY)
      throw new UsageError(`Not a terminal, so nothing can be confirmed: pass --yes to revoke ${what}.`);
    if (!(await confirm(`Revoke ${what} in ${org}? [y/N] `))) {
      say('Not revoked.');
      return EXIT.ok;
    }
  }
  await client.revokeInvitation(org, id);
  if (values.json) printJson({ id, org, email: invitation?.email ?? null, revoked: true });
  else say(`Revoked ${what} in ${org}.`);
  return EXIT.ok;
}

/**
 * The invitation as the server lists it: null when the list has no such id, undefined when the
 * server offers no list (then only the id can be named).
 */
async function findInvitation(
  client: InvitationsClient,
  org: string,
  id: string,
): Promise<Invitation | null | undefined> {
  try {
    const invitations = await client.listInvitations(org);
    return invitations.find((invitation) => invitation.id === id) ?? null;
  } catch (error) {
    // No list here (or no such org, which the revoke's own answer will say): name the id alone.
    if (error instanceof ApiError && companionFailure(error)) return undefined;
    throw error;
  }
}
