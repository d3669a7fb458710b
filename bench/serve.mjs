#!/usr/bin/env node
// `node bench/serve.mjs`: what `invite-tui serve` costs on this machine. For 1, 2, 4... sessions
// at once over loopback ssh (ssh2's client): the server's RSS per session, and keypress-to-frame
// latency (key written → first byte of the redrawn frame back) while every session types, and the
// server's CPU time per key, which says how many typing visitors two cores can carry.
// Needs `npm run build` first. --sessions=1,4,8 picks the counts; --keys=N keys per session.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';

const option = (name, fallback) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const COUNTS = option('sessions', '1,2,4,8,12').split(',').map(Number);
const KEYS = Number(option('keys', '30'));
const THINK_MS = 100;
const work = mkdtempSync(join(tmpdir(), 'invite-tui-serve-bench-'));

const server = spawn(
  process.execPath,
  ['dist/cli.js', 'serve', '--port', '0', '--max-sessions', '64', '--host-key', join(work, 'key')],
  { stdio: ['ignore', 'pipe', 'ignore'] },
);
const port = await new Promise((resolve) =>
  server.stdout.on('data', (chunk) => {
    const match = /ssh -p (\d+)/.exec(String(chunk));
    if (match) resolve(Number(match[1]));
  }),
);
const rssMiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]) / 1024;
/** CPU time the server has used, in ms (utime + stime; /proc counts 100 ticks a second). */
const cpuMs = () => {
  const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function openSession() {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.on('error', reject);
    // As OpenSSH does for an interactive session.
    client.on('ready', () =>
      client.setNoDelay(true).shell({ term: 'xterm-256color', cols: 80, rows: 24 }, (error, channel) => {
        if (error) return reject(error);
        let output = '';
        let onData;
        channel.on('data', (chunk) => {
          output += chunk;
          onData?.();
        });
        const session = {
          client,
          channel,
          /** Resolves once the output so far contains `text`. */
          until: (text) =>
            new Promise((done) => {
              onData = () => output.includes(text) && done();
              onData();
            }),
          /** Milliseconds from writing `key` to the first output after it. */
          press: (key) =>
            new Promise((done) => {
              const started = performance.now();
              onData = () => {
                onData = undefined;
                done(performance.now() - started);
              };
              channel.write(key);
            }),
        };
        resolve(session);
      }),
    );
    client.connect({ host: '127.0.0.1', port, username: 'bench', hostVerifier: () => true });
  });
}

const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const round = (value) => Math.round(value * 10) / 10;

await pause(500);
const baseline = rssMiB();
console.log(`server RSS with no session: ${round(baseline)} MiB`);
console.log('sessions  RSS MiB  per session  latency p50  p95  max (ms)  server CPU ms per key');
for (const count of COUNTS) {
  const sessions = await Promise.all(Array.from({ length: count }, openSession));
  await Promise.all(sessions.map((session) => session.until('Initech')));
  await pause(1_000);
  const rss = rssMiB();
  const latencies = [];
  const cpuBefore = cpuMs();
  await Promise.all(
    sessions.map(async (session, index) => {
      await pause(index * (THINK_MS / count));
      for (let key = 0; key < KEYS; key++) {
        latencies.push(await session.press(key % 2 ? '\x1b[A' : '\x1b[B'));
        await pause(THINK_MS);
      }
    }),
  );
  console.log(
    [
      String(count).padStart(8),
      round(rss).toFixed(1).padStart(8),
      round((rss - baseline) / count)
        .toFixed(1)
        .padStart(12),
      round(percentile(latencies, 50)).toFixed(1).padStart(12),
      round(percentile(latencies, 95)).toFixed(1).padStart(5),
      round(Math.max(...latencies))
        .toFixed(1)
        .padStart(5),
      round((cpuMs() - cpuBefore) / latencies.length)
        .toFixed(1)
        .padStart(22),
    ].join(' '),
  );
  for (const session of sessions) session.client.end();
  await pause(1_500);
}
server.kill('SIGTERM');
