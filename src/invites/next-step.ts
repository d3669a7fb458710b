// One line of advice for each kind of failure: what the person can do next.
import type { ApiError } from '../api/errors.js';
import { REPLAYED_ANSWER, sendAgainWithSameKey } from '../api/retry-policy.js';

export type NextAction = 'retry' | 'browse' | 'fix-field' | 'pick-org' | 'none';

export interface NextStep {
  text: string;
  action: NextAction;
}

/** True when `r` may send again: nothing was done, or the same key makes a repeat harmless. */
function isRetryableFailure(error: ApiError): boolean {
  return sendAgainWithSameKey(error) !== 'never';
}

/** How the advice names the keys of its actions (the TUI passes its key map's names). */
export interface NextStepKeys {
  retry: string;
  browse: string;
  fix: string;
  pickOrg: string;
}
const DEFAULT_KEYS: NextStepKeys = { retry: 'r', browse: 'b', fix: 'f', pickOrg: 'Esc' };

export function nextStepFor(error: ApiError, version: string, keys: NextStepKeys = DEFAULT_KEYS): NextStep {
  if (error.kind === 'refused') return { text: 'Nothing was sent: fix the setting named above.', action: 'none' };
  if (error.kind === 'redirect')
    return { text: 'The server redirected: check the API URL (INVITE_API_URL).', action: 'none' };
  if (error.kind === 'cancelled') return { text: 'Not sent: cancelled.', action: 'retry' };
  if (error.type === REPLAYED_ANSWER)
    return { text: 'Nothing new was created: press b to see the earlier invitation in Browse.', action: 'browse' };
  if (isRetryableFailure(error)) {
    const what = error.status === 429 ? 'Still rate limited after waiting' : 'The server or network failed';
    return {
      text: `${what}. Press ${keys.retry} to retry (safe: the same Idempotency-Key is reused).`,
      action: 'retry',
    };
  }
  switch (error.status) {
    case 401:
      return { text: 'Check the token: set INVITE_API_TOKEN to a valid token for this server.', action: 'none' };
    case 403:
      if (error.type === 'member_limit_reached')
        return {
          text: 'The organization is full: remove members or pending invitations, or raise its limit.',
          action: 'none',
        };
      return {
        text: 'You need the owner role here, or external invites are switched off for this org.',
        action: 'none',
      };
    case 404:
      return { text: `Organization not found: press ${keys.pickOrg} and pick another.`, action: 'pick-org' };
    case 409:
      return { text: `Already invited or a member: press ${keys.browse} to open it in Browse.`, action: 'browse' };
    case 400:
    case 422:
      return { text: `Press ${keys.fix} to fix ${fieldName(error)} and send again.`, action: 'fix-field' };
    case 426:
      return {
        text: `This server needs a newer invite-tui (this is ${version}): upgrade, then try again.`,
        action: 'none',
      };
    default:
      return { text: 'The server refused the request.', action: 'none' };
  }
}

/** The field a validation error points at, from `errors[].loc` (["body","email"] → "the address"). */
function fieldName(error: ApiError): string {
  const loc = error.fieldErrors[0]?.loc ?? [];
  const field = loc[loc.length - 1];
  if (field === 'email') return 'the address';
  if (field === 'role') return 'the role';
  return 'the request';
}

/** Which step a validation error sends the person back to. */
export function fieldStep(error: ApiError): 'emails' | 'role' {
  return error.fieldErrors.some((entry) => entry.loc.includes('role')) ? 'role' : 'emails';
}
