// The front door: the package installs like any npm CLI and runs from PATH on a fresh machine.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** Runs `invite-tui` found on PATH, in an environment with nothing configured. */
function onPath(prefix: string, args: string[]): string {
  const home = mkdtempSync(join(tmpdir(), 'invite-tui-fresh-home-'));
  return execFileSync('invite-tui', args, {
    encoding: 'utf8',
    env: { PATH: `${join(prefix, 'bin')}:${dirname(process.execPath)}:/usr/bin:/bin`, HOME: home },
  });
}

function npm(args: string[], cwd = ROOT): string {
  return execFileSync('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], { cwd, encoding: 'utf8' });
}

describe('npm install -g', () => {
  it('packs what a user needs: dist/ (built by prepack), README and package.json; a bin with a shebang', () => {
    expect(packageJson.scripts.prepack).toBe('node scripts/build.mjs');
    expect(packageJson.bin).toEqual({ 'invite-tui': 'dist/cli.js' });
    expect(packageJson.files).toEqual(['dist']);
    expect(readFileSync(join(ROOT, 'dist', 'cli.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('of the packed tarball: `invite-tui orgs --demo --json` lists the demo orgs from PATH', () => {
    const work = mkdtempSync(join(tmpdir(), 'invite-tui-pack-'));
    // dist/ is already built (npm test builds before vitest); rebuilding here would pull it from
    // under the tests running beside this one.
    npm(['pack', '--ignore-scripts', '--pack-destination', work]);
    const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
    expect(tarball).toBe(`invite-tui-${packageJson.version}.tgz`);
    const prefix = join(work, 'prefix');
    npm(['install', '-g', '--prefix', prefix, join(work, tarball ?? '')], work);
    expect(onPath(prefix, ['--version']).trim()).toBe(packageJson.version);
    const orgs = JSON.parse(onPath(prefix, ['orgs', '--demo', '--json']));
    expect(orgs.map((org: { key: string }) => org.key)).toEqual(['acme', 'globex', 'initech']);
  }, 180_000);

  it('of the clone itself (`npm install -g .`): the same, through a link to the built dist/', () => {
    const prefix = join(mkdtempSync(join(tmpdir(), 'invite-tui-link-')), 'prefix');
    npm(['install', '-g', '--ignore-scripts', '--prefix', prefix, '.']);
    expect(JSON.parse(onPath(prefix, ['orgs', '--demo', '--json']))).toHaveLength(3);
  }, 120_000);
});
