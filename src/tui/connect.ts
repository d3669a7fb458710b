// Loaded after the first frame: the API client, pointed at the configured API or the demo sandbox.
import { createClient } from '../api/client.js';
import type { DemoSandbox } from '../sandbox/demo-sandbox.js';
import type { TuiPlan } from './tui-plan.js';

export interface Connection {
  client: ReturnType<typeof createClient>;
  close(): Promise<void>;
}

export async function connect(plan: TuiPlan, sandbox: DemoSandbox | undefined): Promise<Connection> {
  const timeoutMs = plan.timeoutMs;
  if (plan.api) return { client: createClient({ ...plan.api, timeoutMs }), close: async () => undefined };
  if (!sandbox) throw new Error('no API configured and no demo sandbox');
  const client = createClient({ baseUrl: await sandbox.url, token: 'demo-owner', timeoutMs });
  return { client, close: () => sandbox.close() };
}
