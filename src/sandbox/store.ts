// The sandbox's state, and its persistence: with a data file, every change is written to a temp
// file, flushed and renamed over the old one before the server answers, so a kill -9 can lose
// nothing that was acknowledged.
import { readTextIfExists, writeFileAtomically } from '../files.js';
import type { SandboxResponse } from './envelope.js';
import { seedData, type SandboxData, type SeedOptions } from './seed.js';

export interface IdempotencyRecord {
  /** The request body the key was first used with; a different body is refused. */
  requestBody: string;
  response: SandboxResponse;
  at: number;
}

export interface SandboxState extends SandboxData {
  /** Keyed by `${token}\n${key}`: keys belong to the caller who sent them. */
  idempotency: Record<string, IdempotencyRecord>;
}

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const FORMAT_VERSION = 1;

export class SandboxStore {
  readonly state: SandboxState;
  private readonly dataFile: string | undefined;

  constructor(options: SeedOptions & { dataFile?: string | undefined }) {
    this.dataFile = options.dataFile;
    this.state = (this.dataFile && loadState(this.dataFile)) || { ...seedData(options), idempotency: {} };
    this.save();
  }

  /** Runs a change and persists it before returning. */
  update<T>(change: (state: SandboxState) => T): T {
    const result = change(this.state);
    this.save();
    return result;
  }

  forgetExpiredKeys(now: number): void {
    for (const [key, record] of Object.entries(this.state.idempotency)) {
      if (now - record.at > IDEMPOTENCY_TTL_MS) delete this.state.idempotency[key];
    }
  }

  private save(): void {
    if (this.dataFile) writeFileAtomically(this.dataFile, JSON.stringify({ version: FORMAT_VERSION, ...this.state }));
  }
}

function loadState(file: string): SandboxState | undefined {
  const text = readTextIfExists(file);
  if (text === undefined) return undefined;
  const parsed = JSON.parse(text) as Partial<SandboxState> & { version?: number };
  if (parsed.version !== FORMAT_VERSION || !parsed.orgs || !parsed.invitations) {
    throw new Error(`${file} is not a sandbox data file (format ${FORMAT_VERSION})`);
  }
  return { orgs: parsed.orgs, invitations: parsed.invitations, idempotency: parsed.idempotency ?? {} };
}
