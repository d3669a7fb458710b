// Loaded after the first frame: the API client and, in demo mode, the embedded sandbox.
import { createClient } from '../api/client.js';
import type { Sandbox } from '../sandbox/server.js';

export interface Connection {
  client: ReturnType<typeof createClient>;
  close(): Promise<void>;
}

export async function connect(target: { demo: true; timeoutMs?: number | undefined } | { demo: false; baseUrl: string; token: string; timeoutMs?: number | undefined }): Promise<Connection> {
  let sandbox: Sandbox | undefined;
  if (target.demo) {
    const { startSandbox } = await import('../sandbox/server.js');
    sandbox = await startSandbox();
  }
  const client = sandbox
    ? createClient({ baseUrl: sandbox.url, token: 'demo-owner', timeoutMs: target.timeoutMs })
    : createClient({ baseUrl: (target as { baseUrl: string }).baseUrl, token: (target as { token: string }).token, timeoutMs: target.timeoutMs });
  return { client, close: async () => sandbox?.close() };
}
