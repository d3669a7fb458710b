#!/usr/bin/env node
// `npm run bench`: start-up, scrolling, memory, bytes per keypress and bulk throughput, measured
// side by side on this machine. Timings are medians of interleaved runs after a warm-up, so a noisy
// neighbour slows every figure alike and the ratios stay honest. `--quick` proves the harness in
// CI; `--json` prints one JSON object.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_ENTRY_POINTS, bundle } from '../scripts/build.mjs';
import { keypressFigures } from './keypress-bytes.mjs';
import { getLatency, postLoad } from './load.mjs';
import { startInPty } from './pty.mjs';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const asJson = args.has('--json');
// --only=startup|scroll|keys|bulk|sandbox|journal|scale runs one group, for profiling loops; a full run measures all.
// --no-build measures dist/ as it is.
const only = [...args].find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const runs = (group) => !only || only === group;
const RUNS = quick ? 3 : 12;
const SCROLL_INVITATIONS = quick ? 1_000 : 10_000;
const SCROLL_MOVES = quick ? 20 : 120;
const BULK_ROWS = quick ? 100 : 1_000;
const SERIAL_ROWS = quick ? 20 : 1_000;
const BULK_CONCURRENCY = 8;
const SANDBOX_INVITATIONS = quick ? 10_000 : 100_000;
const SANDBOX_POSTS = quick ? 1_000 : 20_000;
const SANDBOX_SECONDS = quick ? 3 : 10;
const SANDBOX_IN_FLIGHT = 16;
const SANDBOX_SERIAL_POSTS = quick ? 100 : 1_000;
const HISTORY_MB = quick ? 5 : 100;
const DRY_RUN_ROWS = quick ? 20_000 : 200_000;
const SCALE_RUNS = quick ? 1 : 3;
/** The bulk sender's peak memory at two sizes: bounded means the larger is not much bigger. */
const BULK_RSS_ROWS = quick ? [2_000, 5_000] : [50_000, 200_000];
const log = (line) => process.stderr.write(`${line}\n`);
const work = mkdtempSync(join(tmpdir(), 'invite-tui-bench-'));
const cli = join(process.cwd(), 'dist', 'cli.js');
const hello = join(process.cwd(), 'bench', 'dist', 'ink-hello.js');
// Without CI markers too: under CI=true Ink draws only the last frame (is-in-ci), so the
// TUI figures would never see a first frame.
const baseEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name]) => !/^(INVITE_|NO_COLOR|FORCE_COLOR|CI$|CONTINUOUS_INTEGRATION$)/.test(name),
  ),
);
const env = {
  ...baseEnv,
  XDG_STATE_HOME: join(work, 'state'),
  XDG_CONFIG_HOME: join(work, 'config'),
  TERM: 'xterm-256color',
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Wall time from spawn to exit. */
function timeToExit(argv) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(argv[0], argv.slice(1), { env, stdio: 'ignore' });
    child.once('error', reject);
    child.once('close', () => resolve(performance.now() - started));
  });
}

/** Spawn → `marker` on screen in an 80×24 pty; then the program is stopped. */
async function timeToScreen(argv, marker) {
  const session = startInPty(argv, { env, pidFile: join(work, 'pid') });
  const ms = await session.until(marker);
  session.child.kill('SIGTERM');
  await session.exited;
  return ms;
}

/** A sandbox in its own process, so the TUI's memory is its own. */
async function startSandboxProcess(extra) {
  const child = spawn(process.execPath, [cli, 'sandbox', '--quiet', ...extra], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) resolve(text.split('\n')[0]);
    });
    child.once('close', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return { url, pid: child.pid, stop: () => child.kill('SIGTERM') };
}

/** CPU seconds (user + system) a process has used so far; Linux only. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in USER_HZ (100 on Linux)
  } catch {
    return undefined;
  }
}

/**
 * The sandbox at scale: POSTs per second with SANDBOX_IN_FLIGHT in flight (the load script shares
 * the cores), the sandbox's own CPU time per POST (what neighbours cannot inflate much), a page
 * of a long list, and with --data the median of serial POSTs (each fsynced before its answer).
 */
/** The floor for the POST figure: a bare node:http server that reads each body and answers `{}`. */
const FLOOR_SERVER = `require('node:http').createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
}).listen(0, '127.0.0.1', function () { console.log('http://127.0.0.1:' + this.address().port); });`;

async function startFloorServer() {
  const child = spawn(process.execPath, ['-e', FLOOR_SERVER], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(String(chunk).trim()));
    child.once('close', (code) => reject(new Error(`floor server exited with ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/** Keep-alive POSTs in interleaved slices, so a busy neighbour slows the floor and the sandbox alike. */
async function interleavedLoad(servers) {
  const slices = quick ? 2 : 5;
  const totals = servers.map(() => ({ requests: 0, seconds: 0, ok: 0, cpu: 0, medians: [] }));
  for (const server of servers)
    await postLoad({ url: server.url, requests: 500, seconds: 5, concurrency: SANDBOX_IN_FLIGHT, prefix: 'warm' });
  for (let slice = 0; slice < slices; slice++) {
    for (const [index, server] of servers.entries()) {
      const cpuBefore = cpuSeconds(server.pid);
      const run = await postLoad({
        url: server.url,
        requests: Math.ceil(SANDBOX_POSTS / slices),
        seconds: SANDBOX_SECONDS / slices,
        concurrency: SANDBOX_IN_FLIGHT,
        prefix: `slice${slice}`,
      });
      const total = totals[index];
      total.cpu += (cpuSeconds(server.pid) ?? NaN) - (cpuBefore ?? NaN);
      total.requests += run.requests;
      total.seconds += run.seconds;
      total.ok += run.statuses[200] ?? 0;
      total.medians.push(run.median_ms);
    }
  }
  return totals.map((total) => ({
    per_s: total.requests / total.seconds,
    median_ms: median(total.medians),
    cpu_us: Number.isNaN(total.cpu) ? null : (total.cpu / total.requests) * 1e6,
    failed: total.requests - total.ok,
  }));
}

async function sandboxFigures() {
  const limit = ['--member-limit', '100000000', '--invitations', String(SANDBOX_INVITATIONS)];
  const floor = await startFloorServer();
  const memory = await startSandboxProcess([...limit, '--paginate']);
  let floorRun, inMemory;
  try {
    [floorRun, inMemory] = await interleavedLoad([floor, memory]);
    const middlePage = Math.ceil(SANDBOX_INVITATIONS / 200);
    inMemory.page_ms = await getLatency({
      url: memory.url,
      path: `/api/v1/org/acme/invitations?page=${middlePage}&limit=100`,
      count: quick ? 10 : 50,
    });
  } finally {
    floor.stop();
    memory.stop();
  }
  const durable = await startSandboxProcess([...limit, '--data', join(work, 'sandbox.jsonl')]);
  let serial, grouped;
  try {
    serial = await postLoad({ url: durable.url, requests: SANDBOX_SERIAL_POSTS, seconds: 30, concurrency: 1 });
    grouped = await postLoad({
      url: durable.url,
      requests: SANDBOX_POSTS,
      seconds: SANDBOX_SECONDS,
      concurrency: SANDBOX_IN_FLIGHT,
      prefix: 'grouped',
    });
  } finally {
    durable.stop();
  }
  const failed =
    inMemory.failed + [serial, grouped].reduce((sum, run) => sum + run.requests - (run.statuses[200] ?? 0), 0);
  return {
    sandbox_floor_post_per_s: round(floorRun.per_s, 0),
    sandbox_post_per_s: round(inMemory.per_s, 0),
    sandbox_post_median_ms: round(inMemory.median_ms, 2),
    sandbox_post_cpu_us: inMemory.cpu_us === null ? null : round(inMemory.cpu_us, 0),
    sandbox_page_ms: round(inMemory.page_ms, 2),
    sandbox_data_serial_median_ms: round(serial.median_ms, 2),
    sandbox_data_post_per_s: round(grouped.per_s, 0),
    sandbox_post_failures: failed,
  };
}

async function startupFigures() {
  const figures = { floor_ms: [], ink_hello_ms: [], version_ms: [], ttff_ms: [], ttuf_ms: [] };
  for (let run = 0; run <= RUNS; run++) {
    // Run 0 warms the file cache and is not counted; the rest interleave every figure.
    const round = {
      floor_ms: await timeToExit([process.execPath, '-e', '0']),
      ink_hello_ms: await timeToScreen([process.execPath, hello], 'invite-tui hello'),
      version_ms: await timeToExit([process.execPath, cli, '--version']),
      ttff_ms: await timeToScreen([process.execPath, cli, '--demo'], 'invite-tui'),
      ttuf_ms: await timeToScreen([process.execPath, cli, '--demo'], 'Choose an organization'),
    };
    if (run > 0) for (const [name, value] of Object.entries(round)) figures[name].push(value);
  }
  return Object.fromEntries(Object.entries(figures).map(([name, values]) => [name, round(median(values))]));
}

async function scrollFigures() {
  const sandbox = await startSandboxProcess(['--invitations', String(SCROLL_INVITATIONS)]);
  try {
    const session = startInPty([process.execPath, cli], {
      env: { ...env, INVITE_API_URL: sandbox.url, INVITE_API_TOKEN: 'demo-owner' },
      pidFile: join(work, 'scroll-pid'),
    });
    // Each screen subscribes to keys just after its first frame; a person is never that fast.
    const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
    await session.until('Choose an organization');
    await settle();
    session.write('\r');
    await session.until('Who should be invited');
    await settle();
    session.write('\t');
    await session.until(`of ${SCROLL_INVITATIONS}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const latencies = [];
    for (let move = 0; move < SCROLL_MOVES; move++) {
      const before = session.output.length;
      const sent = performance.now();
      session.write('\x1b[B');
      await new Promise((resolve) => {
        const check = () =>
          session.output.length > before ? (session.child.stdout.off('data', check), resolve()) : undefined;
        session.child.stdout.on('data', check);
      });
      latencies.push(performance.now() - sent);
      // Ink renders at most 30 frames a second; pace the keys so each one gets its own frame.
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    const status = readFileSync(`/proc/${session.pid()}/status`, 'utf8');
    const peakKib = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    session.write('\x03');
    await session.exited;
    return {
      scroll_10k_median_ms: round(median(latencies), 2),
      scroll_10k_max_ms: round(Math.max(...latencies), 2),
      rss_10k_mib: round(peakKib / 1024),
    };
  } finally {
    sandbox.stop();
  }
}

async function bulkRun(rows, concurrency) {
  const sandbox = await startSandboxProcess(['--rate', '100', '--latency', '50', '--member-limit', '100000']);
  try {
    const file = join(work, `bulk-${rows}-${concurrency}.csv`);
    writeFileSync(
      file,
      ['email,role', ...Array.from({ length: rows }, (_, i) => `bulk.${concurrency}.${i}@acme.test,reader`)].join('\n'),
    );
    const runEnv = { ...env, INVITE_API_URL: sandbox.url, INVITE_API_TOKEN: 'demo-owner' };
    const started = performance.now();
    // Failures are counted below as missing rows; the exit status alone would hide how many.
    spawnSync(
      process.execPath,
      [
        cli,
        'send',
        '--org',
        'acme',
        '--from',
        file,
        '--concurrency',
        String(concurrency),
        '--journal',
        join(work, `journal-${concurrency}.jsonl`),
        '--json',
      ],
      { env: runEnv, stdio: 'ignore' },
    );
    const seconds = (performance.now() - started) / 1000;
    const listed = JSON.parse(
      execFileSync(process.execPath, [cli, 'list', '--org', 'acme', '--json'], {
        env: runEnv,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      }),
    );
    const counts = new Map();
    for (const { email } of listed)
      if (email.startsWith(`bulk.${concurrency}.`)) counts.set(email, (counts.get(email) ?? 0) + 1);
    const duplicates = [...counts.values()].reduce((sum, count) => sum + count - 1, 0);
    return { seconds: round(seconds, 2), duplicates, missing: rows - counts.size };
  } finally {
    sandbox.stop();
  }
}

/** A journal of `megabytes` in the format written before runs had an end: every row sent, nothing open. */
function writeLegacyJournal(path, megabytes, api) {
  const fd = openSync(path, 'w');
  let written = 0;
  for (let run = 0; written < megabytes * 1024 * 1024; run++) {
    const id = run.toString(16).padStart(16, '0');
    const lines = [];
    for (let row = 0; row < 1000; row++) {
      const base = `"api":"${api}","org":"acme","email":"history.${run}.${row}@acme.test","role":"reader","idempotency_key":"${id}-${row}-0000-4000-8000-000000000000","source":"send","run":"${id}"`;
      const at = new Date(Date.UTC(2026, 0, 1) + run * 60_000).toISOString();
      lines.push(
        `{"at":"${at}",${base},"event":"attempt"}`,
        `{"at":"${at}",${base},"event":"sent","invitation_id":"inv_${id}${row}"}`,
      );
    }
    const chunk = `${lines.join('\n')}\n`;
    writeSync(fd, chunk);
    written += Buffer.byteLength(chunk);
  }
  closeSync(fd);
}

/** One `send` of one address with a journal that is fresh, and with HISTORY_MB of history (after its one-time migration). */
async function journalFigures() {
  const sandbox = await startSandboxProcess(['--member-limit', '1000000']);
  try {
    const runEnv = { ...env, INVITE_API_URL: sandbox.url, INVITE_API_TOKEN: 'demo-owner' };
    const history = join(work, 'history.jsonl');
    writeLegacyJournal(history, HISTORY_MB, new URL(sandbox.url).href);
    let address = 0;
    const send = (journal) =>
      new Promise((resolve, reject) => {
        const started = performance.now();
        const argv = [
          cli,
          'send',
          '--org',
          'acme',
          '--role',
          'reader',
          `one.${address++}@acme.test`,
          '--journal',
          journal,
        ];
        const child = spawn(process.execPath, argv, { env: runEnv, stdio: 'ignore' });
        child.once('error', reject);
        child.once('close', (code) =>
          code === 0 ? resolve(performance.now() - started) : reject(new Error(`send exited with ${code}`)),
        );
      });
    const migrationMs = await send(history);
    const fresh = [];
    const withHistory = [];
    for (let run = 0; run <= RUNS; run++) {
      const freshMs = await send(join(work, `fresh-${run}.jsonl`));
      const historyMs = await send(history);
      if (run === 0) continue;
      fresh.push(freshMs);
      withHistory.push(historyMs);
    }
    return {
      journal_history_mb: HISTORY_MB,
      journal_migration_s: round(migrationMs / 1000, 2),
      send_fresh_journal_ms: round(median(fresh)),
      send_history_journal_ms: round(median(withHistory)),
      journal_left_after_migration_kib: round(statSync(history).size / 1024),
    };
  } finally {
    sandbox.stop();
  }
}

const timeBinary = ['/usr/bin/time', '/bin/time'].find((path) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
});

/**
 * Runs `argv` with stdout to `outFile`: wall time from spawn to exit (start-up included) and the
 * child's peak RSS — from GNU time where there is one (exact), else from /proc's high-water mark
 * read while it runs.
 */
function measuredRun(argv, runEnv, outFile) {
  return new Promise((resolve, reject) => {
    const out = openSync(outFile, 'w');
    const command = timeBinary ? [timeBinary, '-f', '%M', ...argv] : argv;
    const started = performance.now();
    const child = spawn(command[0], command.slice(1), { env: runEnv, stdio: ['ignore', out, 'pipe'] });
    closeSync(out);
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    let polledKib = 0;
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        polledKib = Math.max(polledKib, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      } catch {
        // Gone already, or no /proc.
      }
    }, 10);
    child.once('error', reject);
    child.once('close', (code) => {
      clearInterval(poll);
      const seconds = (performance.now() - started) / 1000;
      const timedKib = timeBinary ? Number(/(\d+)\s*$/.exec(stderr.trim())?.[1] ?? 0) : 0;
      resolve({ code, seconds, peakMib: (timedKib || polledKib) / 1024, stderr });
    });
  });
}

const csvOf = (path, rows, prefix) => {
  const fd = openSync(path, 'w');
  writeSync(fd, 'email,role\n');
  for (let start = 0; start < rows; start += 10_000) {
    const lines = [];
    for (let i = start; i < Math.min(rows, start + 10_000); i++) lines.push(`${prefix}.${i}@acme.test,reader\n`);
    writeSync(fd, lines.join(''));
  }
  closeSync(fd);
};

/**
 * Bounded input: a dry run of DRY_RUN_ROWS rows against the demo sandbox, plan written to a file
 * (--json), start-up included; then the bulk sender's peak memory at two sizes, against a
 * sandbox with no rate limit.
 */
async function scaleFigures() {
  const file = join(work, `dry-${DRY_RUN_ROWS}.csv`);
  csvOf(file, DRY_RUN_ROWS, 'dry');
  const dryEnv = { ...env, XDG_STATE_HOME: join(work, 'scale-state') };
  const dryArgv = [process.execPath, cli, 'send', '--demo', '--org', 'acme', '--from', file, '--dry-run', '--json'];
  const plan = join(work, 'plan.jsonl');
  // Run 0 creates the demo's state file and warms the file cache; it is not counted.
  const dry = [];
  for (let run = 0; run <= SCALE_RUNS; run++) {
    const result = await measuredRun(dryArgv, dryEnv, plan);
    if (result.code !== 4 && result.code !== 0) throw new Error(`dry run exited with ${result.code}: ${result.stderr}`);
    if (run > 0) dry.push(result);
  }
  const planRows = readFileSync(plan, 'utf8').split('\n').filter(Boolean).length;
  if (planRows !== DRY_RUN_ROWS) throw new Error(`the dry run's plan has ${planRows} rows, not ${DRY_RUN_ROWS}`);
  const bulk = {};
  for (const rows of BULK_RSS_ROWS) {
    const sandbox = await startSandboxProcess(['--member-limit', '100000000']);
    try {
      const csv = join(work, `bulk-rss-${rows}.csv`);
      csvOf(csv, rows, `rss${rows}`);
      const runEnv = { ...env, INVITE_API_URL: sandbox.url, INVITE_API_TOKEN: 'demo-owner' };
      const argv = [process.execPath, cli, 'send', '--org', 'acme', '--from', csv, '--concurrency', '16'];
      const result = await measuredRun(
        [...argv, '--journal', join(work, `bulk-rss-${rows}.jsonl`), '--json'],
        runEnv,
        join(work, `bulk-rss-${rows}.out`),
      );
      if (result.code !== 0) throw new Error(`bulk send of ${rows} exited with ${result.code}: ${result.stderr}`);
      bulk[rows] = result;
    } finally {
      sandbox.stop();
    }
  }
  const [small, large] = BULK_RSS_ROWS;
  return {
    [`dry_run_${DRY_RUN_ROWS / 1000}k_s`]: round(median(dry.map((run) => run.seconds)), 2),
    [`dry_run_${DRY_RUN_ROWS / 1000}k_max_s`]: round(Math.max(...dry.map((run) => run.seconds)), 2),
    [`dry_run_${DRY_RUN_ROWS / 1000}k_rss_mib`]: round(Math.max(...dry.map((run) => run.peakMib))),
    [`bulk_send_${small / 1000}k_rss_mib`]: round(bulk[small].peakMib),
    [`bulk_send_${large / 1000}k_rss_mib`]: round(bulk[large].peakMib),
    [`bulk_send_${large / 1000}k_s`]: round(bulk[large].seconds, 1),
  };
}

if (args.has('--no-build')) {
  // For trying out a change to the built files themselves; a real run always builds.
  log('using dist/ and bench/dist/ as they are (--no-build)…');
} else {
  log('building the production bundle and the Ink hello-world…');
  await bundle(APP_ENTRY_POINTS, 'dist');
  await bundle(['bench/ink-hello.tsx'], 'bench/dist');
}
const skipped = { seconds: null, duplicates: null, missing: null };
if (runs('startup')) log(`start-up (${RUNS} interleaved runs after a warm-up)…`);
const startup = runs('startup') ? await startupFigures() : {};
if (runs('scroll')) log(`scrolling Browse through ${SCROLL_INVITATIONS} invitations (${SCROLL_MOVES} moves)…`);
const scroll = runs('scroll') ? await scrollFigures() : {};
if (runs('keys')) log('bytes per keypress in an 80×24 pty (Browse over 1,000 invitations)…');
const keys = runs('keys')
  ? await keypressFigures({ cli, env, work, quick, startSandbox: (extra) => startSandboxProcess(extra) })
  : {};
if (runs('bulk'))
  log(
    `bulk: ${BULK_ROWS} rows at concurrency ${BULK_CONCURRENCY}, then ${SERIAL_ROWS} at concurrency 1 (sandbox: 100 req/s, 50 ms latency)…`,
  );
const bulk = runs('bulk') ? await bulkRun(BULK_ROWS, BULK_CONCURRENCY) : skipped;
const serial = runs('bulk') ? await bulkRun(SERIAL_ROWS, 1) : skipped;
if (runs('sandbox'))
  log(
    `sandbox: ${SANDBOX_INVITATIONS} invitations, ${SANDBOX_POSTS} POSTs (≤ ${SANDBOX_SECONDS} s) at ${SANDBOX_IN_FLIGHT} in flight, then ${SANDBOX_SERIAL_POSTS} serial with --data…`,
  );
const sandbox = runs('sandbox') ? await sandboxFigures() : {};
if (runs('journal'))
  log(`journal: one send with a fresh journal and with ${HISTORY_MB} MB of history (${RUNS} interleaved runs)…`);
const journal = runs('journal') ? await journalFigures() : {};
if (runs('scale'))
  log(
    `scale: a ${DRY_RUN_ROWS}-row dry run against the demo (${SCALE_RUNS} runs after a warm-up), then the bulk sender's memory at ${BULK_RSS_ROWS.join(' and ')} rows (no rate limit)…`,
  );
const scale = runs('scale') ? await scaleFigures() : {};

const result = {
  machine: `${execFileSync('nproc', { encoding: 'utf8' }).trim()} cores, Node ${process.versions.node}`,
  quick,
  ...startup,
  ...scroll,
  ...keys,
  bulk_1000_s: bulk.seconds,
  bulk_1000_duplicates: bulk.duplicates,
  bulk_1000_missing: bulk.missing,
  bulk_1000_serial_s: serial.seconds,
  ...sandbox,
  ...journal,
  ...scale,
  ratios: {
    history_over_fresh_send: round(journal.send_history_journal_ms / journal.send_fresh_journal_ms, 2),
    version_over_floor: round(startup.version_ms / startup.floor_ms, 2),
    ttff_over_ink_hello: round(startup.ttff_ms / startup.ink_hello_ms, 2),
    ttuf_over_ink_hello: round(startup.ttuf_ms / startup.ink_hello_ms, 2),
    sandbox_post_over_floor: round(sandbox.sandbox_post_per_s / sandbox.sandbox_floor_post_per_s, 2),
    bulk_rss_large_over_small: round(
      scale[`bulk_send_${BULK_RSS_ROWS[1] / 1000}k_rss_mib`] / scale[`bulk_send_${BULK_RSS_ROWS[0] / 1000}k_rss_mib`],
      2,
    ),
  },
};

if (asJson) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  // Each figure with what it is judged by: a ratio to a baseline measured in the same run, or a
  // plain bound; `met` is left empty for figures without a target (the baselines, the contrasts).
  const { ratios } = result;
  const judged = {
    version_ms: { ratio: ratios.version_over_floor, base: 'floor', at_most: 1.5 },
    ttff_ms: { ratio: ratios.ttff_over_ink_hello, base: 'ink_hello', at_most: 1.25 },
    ttuf_ms: { ratio: ratios.ttuf_over_ink_hello, base: 'ink_hello', at_most: 1.5 },
    scroll_10k_median_ms: { at_most: 10 },
    scroll_10k_max_ms: { at_most: 33 },
    rss_10k_mib: { at_most: 100 },
    down_in_window_median_bytes: { at_most: 250 },
    down_in_window_max_bytes: { at_most: 250 },
    down_scrolling_median_bytes: { at_most: 500 },
    down_scrolling_max_bytes: { at_most: 500 },
    typed_char_median_bytes: { at_most: 120 },
    typed_char_max_bytes: { at_most: 120 },
    bulk_1000_s: { at_most: 11 },
    bulk_1000_duplicates: { at_most: 0 },
    bulk_1000_missing: { at_most: 0 },
    age_tick_bytes: { note: 'the minute tick of the ages in Browse, a frame of its own' },
    [`dry_run_${DRY_RUN_ROWS / 1000}k_s`]: {
      at_most: 2.5,
      note: `send --from, ${DRY_RUN_ROWS} rows, --dry-run --json to a file, --demo, start-up included (target at 200k)`,
    },
    [`dry_run_${DRY_RUN_ROWS / 1000}k_max_s`]: { note: `slowest of ${SCALE_RUNS}` },
    [`dry_run_${DRY_RUN_ROWS / 1000}k_rss_mib`]: { at_most: 200, note: 'peak RSS, highest of the runs' },
    [`bulk_send_${BULK_RSS_ROWS[0] / 1000}k_rss_mib`]: { note: 'peak RSS of send, no rate limit, 16 in flight' },
    [`bulk_send_${BULK_RSS_ROWS[1] / 1000}k_rss_mib`]: {
      ratio: ratios.bulk_rss_large_over_small,
      base: `bulk_send_${BULK_RSS_ROWS[0] / 1000}k_rss_mib`,
      note: 'bounded: about the same as the smaller run',
    },
    sandbox_floor_post_per_s: { note: 'a bare node:http server answering {}, same load' },
    sandbox_post_per_s: {
      ratio: ratios.sandbox_post_over_floor,
      base: 'floor',
      at_least: 1500,
      note: `${SANDBOX_INVITATIONS} invitations, ${SANDBOX_IN_FLIGHT} in flight (target at 100,000)`,
    },
    sandbox_post_cpu_us: { note: 'sandbox CPU time per POST' },
    sandbox_page_ms: { note: 'one page of 100 from the middle' },
    sandbox_data_serial_median_ms: { at_most: 5, note: '--data, one at a time (target at 100,000)' },
    sandbox_data_post_per_s: { note: `--data, ${SANDBOX_IN_FLIGHT} in flight (group commit)` },
    sandbox_post_failures: { at_most: 0 },
    send_history_journal_ms: { ratio: ratios.history_over_fresh_send, base: 'send_fresh_journal_ms', at_most: 1.5 },
  };
  console.log('| figure | value | ratio | target | met | |\n|---|---|---|---|---|---|');
  for (const [name, value] of Object.entries(result)) {
    if (typeof value === 'object' || value === undefined) continue;
    const { ratio, base, at_most: atMost, at_least: atLeast, note = '' } = judged[name] ?? {};
    // A ratio target bounds the ratio; a plain one, the value.
    const judgedValue = ratio !== undefined && atMost !== undefined ? ratio : value;
    const unit = ratio !== undefined && atMost !== undefined ? `× ${base}` : '';
    const target = atMost !== undefined ? `≤ ${atMost}${unit}` : atLeast !== undefined ? `≥ ${atLeast}` : '';
    const met =
      target === '' ? '' : (atMost !== undefined ? judgedValue <= atMost : judgedValue >= atLeast) ? 'yes' : 'NO';
    console.log(
      `| ${name} | ${value} | ${ratio === undefined ? '' : `${ratio}× ${base}`} | ${target} | ${met} | ${note} |`,
    );
  }
}
