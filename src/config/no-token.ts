/** "No token" is not a 401: nothing was sent. One line, then the fix. Shared by the TUI and the commands. */
export function noTokenMessage(apiUrl: string, profile: string): string {
  return (
    `no token for ${apiUrl} (profile "${profile}"), so nothing was sent.\n` +
    'Set INVITE_API_TOKEN, or run `invite-tui login --api-url URL`; `--demo` needs none.'
  );
}
