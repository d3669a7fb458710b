#!/usr/bin/env node
// Keep-alive load on a sandbox: POSTs of fresh addresses with a fixed number in flight, until a
// request count or a time limit is reached, whichever comes first. Loopback only: this is for
// measuring our own sandbox, never for loading someone's server.
//   node bench/load.mjs URL [--requests N] [--seconds S] [--concurrency C] [--org KEY]
// prints one JSON object: requests, seconds, per_s, median_ms, p99_ms, statuses.
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * POSTs `requests` invitations (at most `seconds` long) with `concurrency` in flight over
 * keep-alive connections; every address is new, so every 200 is a real creation.
 */
export async function postLoad({ url, requests, seconds, concurrency, org = 'acme', prefix = 'load' }) {
  const base = new URL(url);
  if (!LOOPBACK.has(base.hostname)) throw new Error(`load only runs against loopback, not ${base.hostname}`);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const path = `/api/v1/org/${encodeURIComponent(org)}/invitations`;
  const latencies = [];
  const statuses = {};
  const deadline = performance.now() + seconds * 1000;
  const run = `${Date.now().toString(36)}`;
  let next = 0;
  const started = performance.now();
  async function worker() {
    while (next < requests && performance.now() < deadline) {
      const body = JSON.stringify({ email: `${prefix}.${run}.${next++}@acme.test`, role: 'reader' });
      const sent = performance.now();
      const status = await post(agent, base, path, body);
      latencies.push(performance.now() - sent);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    seconds: elapsed,
    per_s: latencies.length / elapsed,
    median_ms: at(0.5),
    p99_ms: at(0.99),
    statuses,
  };
}

/** Median time of `count` GETs of `path`, one at a time. */
export async function getLatency({ url, path, count }) {
  const base = new URL(url);
  if (!LOOPBACK.has(base.hostname)) throw new Error(`load only runs against loopback, not ${base.hostname}`);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latencies = [];
  for (let i = 0; i < count; i++) {
    const sent = performance.now();
    await send(agent, base, 'GET', path);
    latencies.push(performance.now() - sent);
  }
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return latencies[Math.floor(latencies.length / 2)];
}

function post(agent, base, path, body) {
  return send(agent, base, 'POST', path, body);
}

function send(agent, base, method, path, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: base.hostname.replace(/^\[|\]$/g, ''),
        port: base.port,
        method,
        path,
        headers: {
          authorization: 'Bearer demo-owner',
          ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode));
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      requests: { type: 'string', default: '20000' },
      seconds: { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '16' },
      org: { type: 'string', default: 'acme' },
    },
  });
  const url = positionals[0];
  if (!url) {
    process.stderr.write('usage: node bench/load.mjs URL [--requests N] [--seconds S] [--concurrency C] [--org KEY]\n');
    process.exit(2);
  }
  const result = await postLoad({
    url,
    requests: Number(values.requests),
    seconds: Number(values.seconds),
    concurrency: Number(values.concurrency),
    org: values.org,
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
