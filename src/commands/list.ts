import { parseArgs } from 'node:util';
import { INVITATION_STATUSES, type InvitationStatus } from '../api/constants.js';
import { describeAge, describeExpiry } from '../invites/format.js';
import { UsageError } from '../usage-error.js';
import { GLOBAL_OPTIONS } from './global-options.js';
import { sanitizeAndCap, out, printJson, table } from './output.js';
import { clientFor } from './command-client.js';
import { requireOrg, resolveSettings } from './settings.js';

/** `invite-tui list --org SLUG [--status STATUS] [--json]` */
export async function runList(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...GLOBAL_OPTIONS, status: { type: 'string' } }, strict: true });
  if (values.status !== undefined && !(INVITATION_STATUSES as readonly string[]).includes(values.status)) {
    throw new UsageError(`--status is one of ${INVITATION_STATUSES.join(', ')} (got "${values.status}")`);
  }
  const settings = resolveSettings(values);
  const org = requireOrg(settings);
  const status = values.status as InvitationStatus | undefined;
  const invitations = await clientFor(settings).listInvitations(org, status ? { status } : {});
  if (values.json) {
    printJson(invitations);
    return 0;
  }
  const now = Date.now();
  const rows = invitations.map((invitation) => [
    sanitizeAndCap(invitation.id ?? '', 40),
    sanitizeAndCap(invitation.email ?? '', 254),
    sanitizeAndCap(invitation.role, 20),
    sanitizeAndCap(invitation.status ?? '', 20),
    describeAge(invitation.created_at, now),
    invitation.status === 'pending' ? describeExpiry(invitation.expires_at, now) : '',
  ]);
  for (const line of table(['ID', 'ADDRESS', 'ROLE', 'STATUS', 'CREATED', 'EXPIRY'], rows)) out(line);
  return 0;
}
