// Launching the TUI where it cannot run: a clear message and exit 2, never Ink's raw-mode crash.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('invite-tui without a terminal', () => {
  it('points at the non-interactive commands and exits 2', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the interactive TUI needs a terminal');
    expect(result.stderr).toContain('invite-tui send | list | orgs | revoke');
    expect(result.stderr).not.toMatch(/Raw mode|\n\s+at /);
  });

  it('rejects an unknown flag with exit 2', async () => {
    const result = await runCli(['--demo', '--colour']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown option "--colour"');
  });
});
