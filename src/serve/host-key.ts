// The server's ssh host key: generated on first start, stored 0600, reused after, so clients
// that saved it are not warned on the next demo. Its fingerprint is what `ssh` shows on first contact.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import ssh2 from 'ssh2';
import { UsageError } from '../usage-error.js';

export interface HostKey {
  privateKey: string;
  /** As ssh prints it: SHA256:base64-without-padding. */
  fingerprint: string;
  created: boolean;
}

export function loadOrCreateHostKey(file: string): HostKey {
  let privateKey: string;
  let created = false;
  try {
    privateKey = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw unreadable(file, error);
    privateKey = ssh2.utils.generateKeyPairSync('ed25519').private;
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // 'wx': two servers starting at once never overwrite each other's key.
    writeFileSync(file, privateKey, { mode: 0o600, flag: 'wx' });
    created = true;
  }
  // A key others can read is no longer this server's alone; tighten it rather than refuse to start.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const parsed = ssh2.utils.parseKey(privateKey);
  if (parsed instanceof Error || Array.isArray(parsed))
    throw new UsageError(
      `${file} is not an ssh private key (${parsed instanceof Error ? parsed.message : 'several keys'})`,
    );
  const digest = createHash('sha256').update(parsed.getPublicSSH()).digest('base64').replace(/=+$/, '');
  return { privateKey, fingerprint: `SHA256:${digest}`, created };
}

function unreadable(file: string, error: unknown): UsageError {
  return new UsageError(`cannot read the host key ${file}: ${(error as Error).message}`);
}
