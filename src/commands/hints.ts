// One line after an API error saying what to do next, where the error alone does not.
import type { ApiError } from '../api/errors.js';

export function hintsFor(command: string, error: ApiError, args: string[]): string[] {
  const demo = args.includes('--demo') ? ' --demo' : '';
  if (error.status === 401) return ['Check the token: INVITE_API_TOKEN, or `invite-tui login`.'];
  // Every command but `orgs` names an organization; a 404 there most often means a mistyped key.
  if (error.status === 404 && command !== 'orgs' && command !== 'login')
    return [`If the organization key is wrong: \`invite-tui orgs${demo}\` lists the ones you can see.`];
  return [];
}
