// Help texts, kept free of imports so `--help` starts as fast as `--version`.
const GLOBAL = `Global options:
  --api-url URL      the API (env INVITE_API_URL, or the profile's api_url); https, or http on loopback only
  --org SLUG         the organization (env INVITE_ORG, or the profile's default_org)
  --profile NAME     which saved profile (env INVITE_PROFILE; default "default")
  --demo             use the embedded demo sandbox (state in $XDG_STATE_HOME/invite-tui/demo-sandbox.json)
  --json             machine-readable output on stdout
The token comes from INVITE_API_TOKEN, else from \`invite-tui login\`; there is no --token flag.`;

export const COMMAND_HELP: Record<string, string> = {
  send: `Usage: invite-tui send --org SLUG --role ROLE [options] EMAIL...
       invite-tui send --org SLUG [--role ROLE] --from FILE

Invites one or many addresses. FILE is a CSV as spreadsheets export it, with a header naming an
email column ("email", "E-mail Address", …) and optionally a "role" column, other columns ignored;
or one address per line; "-" reads stdin. Rows already pending are skipped (--force sends anyway). Every row is
journaled with its Idempotency-Key, so running the same command again after a crash or Ctrl-C
resumes the unfinished run row by row: rows it sent are skipped and rows in flight go again with
their original key. After a finished run, the same command is a new run. Exit 13: another run is
sending some of these rows; 14: the journal cannot be written.

Options:
  --role ROLE          reader, contributor or owner (or a role column in FILE)
  --no-email           do not send the invitation email
  --dry-run            check every row and say what would be sent; send nothing
  --force              send even to addresses that already have a pending invitation
  --concurrency N      requests in flight (default 4)
  --journal FILE       where to journal (default $XDG_STATE_HOME/invite-tui/journal.jsonl)

${GLOBAL}`,
  list: `Usage: invite-tui list --org SLUG [--status pending|accepted|rejected|expired] [--json]

Lists the organization's invitations, newest first.

${GLOBAL}`,
  orgs: `Usage: invite-tui orgs [--json]

Lists the organizations the token can see, with your role in each.

${GLOBAL}`,
  revoke: `Usage: invite-tui revoke --org SLUG ID [--yes]

Revokes a pending invitation (\`invite-tui list\` shows the ids). It looks the invitation up first and
names its address; on a terminal it asks first unless --yes; elsewhere --yes is required.

${GLOBAL}`,
  login: `Usage: invite-tui login --api-url URL [--org SLUG] [--profile NAME] [--with-token]

Reads a token (masked, or from stdin with --with-token), checks it against the API, and stores it
for the profile in $XDG_CONFIG_HOME/invite-tui/credentials.json (mode 600, directory 700).`,
  logout: `Usage: invite-tui logout [--profile NAME]

Removes the profile's stored token.`,
  config: `Usage: invite-tui config show [--profile NAME] [--json]

Shows the API URL, org and token in effect and where each comes from. The token is never shown.`,
  serve: `Usage: invite-tui serve [options]

Serves the TUI over ssh for demos: each connection gets its own fresh demo sandbox.
The first line on stdout is the command to join (any user name, no password); the
second is the host key's fingerprint. The session log goes to stderr.

Options:
  --port N            port, 0 picks a free one (default 2222)
  --host HOST         address to listen on (default 127.0.0.1; another one is reachable by others)
  --host-key FILE     the host key, made on first start (default $XDG_STATE_HOME/invite-tui/serve-host-key)
  --max-sessions N    sessions at once (default 6)
  --idle MIN          close a session after MIN minutes without a key (default 10; 0.5 is 30 s)
  --faults SPEC       inject faults into every session's sandbox (as in invite-tui sandbox)
  --seed N            seed for the demo data (default 1)
  --clock ISO         a fixed clock for every session, e.g. 2026-01-01T09:00:00Z
  --redact            mask addresses on screen (and in recordings)
  --record-dir DIR    write an asciicast recording of each session into DIR`,
};

export function mainHelp(version: string): string {
  return `invite-tui ${version}: manage organization invitations from the terminal

Usage:
  invite-tui [--demo] [--api-url URL] [--redact]   open the TUI (the embedded demo sandbox unless an API is set)
    [--clock ISO] [--seed N] [--record FILE]        fixed clock and data for the demo; an asciicast of the screen
  invite-tui send --org SLUG --role ROLE EMAIL...  invite addresses (or --from FILE)
  invite-tui list --org SLUG [--status STATUS]     list invitations
  invite-tui orgs [--demo]                          list organizations (--demo: the embedded sandbox)
  invite-tui revoke --org SLUG ID [--yes]          revoke a pending invitation
  invite-tui login | logout | config show          manage saved profiles and tokens
  invite-tui sandbox [options]                      run the local sandbox API server
  invite-tui serve [options]                        serve the TUI over ssh for demos
  invite-tui help COMMAND                           more about a command

Exit codes: 0 ok · 2 usage · 3 authentication · 4 permission · 5 not found · 6 conflict
  7 validation · 8 upgrade required · 9 rate limited · 10 server/network · 11 bulk partly failed
  12 not offered by this server · 13 another run is sending these rows · 14 local state not writable
  130 interrupted

Environment: INVITE_API_URL, INVITE_API_TOKEN, INVITE_ORG, INVITE_PROFILE, NO_COLOR
`;
}
