import { parseArgs } from 'node:util';
import { GLOBAL_OPTIONS } from './global-options.js';
import { sanitizeAndCap, out, printJson, table } from './output.js';
import { clientFor } from './command-client.js';
import { resolveSettings } from './settings.js';

/** `invite-tui orgs [--json]` */
export async function runOrgs(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: GLOBAL_OPTIONS, strict: true });
  const orgs = await clientFor(resolveSettings(values)).listOrgs();
  if (values.json) {
    printJson(orgs);
    return 0;
  }
  for (const line of table(
    ['KEY', 'NAME', 'YOUR ROLE'],
    orgs.map((org) => [
      sanitizeAndCap(org.key, 100),
      sanitizeAndCap(org.name ?? '', 100),
      sanitizeAndCap(org.role ?? '', 20),
    ]),
  ))
    out(line);
  return 0;
}
