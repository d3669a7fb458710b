// The TUI itself: renders the app with Ink on the terminal (or a `serve` session's channel) and
// returns the exit code when it quits. start.ts decides what it runs against and loads this
// module with Ink; the API client arrives through `connection` after the first frame.
import { render } from 'ink';
import { setFlagsFromString } from 'node:v8';
import { lazyClient } from '../api/lazy-client.js';
import { wallClock } from '../clock.js';
import { EXIT } from '../commands/exit-codes.js';
import { fileLastOrgStore, memoryLastOrgStore } from '../config/last-org.js';
import { defaultClaimsDir, RowClaims } from '../journal/claims.js';
import { defaultJournalPath, fileJournal, memoryJournal, type Journal } from '../journal/journal.js';
import { App, type ExitReason } from './app.js';
import { recordTerminal, type Recording } from './asciicast.js';
import { KeyStreamContext } from './input/input-context.js';
import { BracketedPaste } from './input/bracketed-paste.js';
import { KeyStream } from './input/key-stream.js';
import { cellLogUpdate } from './render/cell-log-update.js';
import { sanitizeAndRedact, ServicesContext, type Services } from './services.js';
import type { Connection, TuiTarget } from './start.js';
import { colorsWanted, createTheme, ThemeContext } from './theme.js';
import { quitSummary } from './quit-summary.js';

/** Start-up (first frame, client, first answer) is over by then; the heap is tuned after it. */
const HEAP_TUNING_AFTER_MS = 500;

/** Where the TUI runs when not on this process's terminal: a `serve` session's ssh channel. */
export interface TuiHost {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  /** Journal and last org kept in memory: a visitor's session leaves no files on the host. */
  ephemeral: boolean;
}

export async function runTui(
  target: TuiTarget,
  connection: Connection,
  env: NodeJS.ProcessEnv = process.env,
  host?: TuiHost,
): Promise<number> {
  const now = wallClock(target.demo.clock);
  const stdout = host?.stdout ?? process.stdout;
  let recording: Recording | undefined;
  try {
    recording = target.record ? recordTerminal(stdout, target.record, { startedAt: now(), term: env.TERM }) : undefined;
  } catch (error) {
    (host?.stdout ?? process.stderr).write(
      `invite-tui: cannot write the recording ${target.record}: ${(error as Error).message}\n`,
    );
    await connection.close();
    return EXIT.localState;
  }
  const quitting = new AbortController();
  const services: Services = {
    client: lazyClient(connection.client, quitting.signal),
    journal: host?.ephemeral ? memoryJournal() : quietJournal(fileJournal(defaultJournalPath(env))),
    claims: host?.ephemeral ? undefined : quietClaims(new RowClaims(defaultClaimsDir(env))),
    lastOrg: host?.ephemeral ? memoryLastOrgStore() : fileLastOrgStore(env),
    redact: target.redact,
    target: target.name,
    now,
  };
  let exitCode = 0;
  let rowsAtQuit: ExitReason['rows'];
  const onExit = ({ code, rows }: ExitReason) => {
    exitCode = code;
    rowsAtQuit = rows;
  };
  const keys = new KeyStream(host?.stdin ?? process.stdin);
  const instance = render(
    <ThemeContext.Provider value={createTheme(colorsWanted(env))}>
      <ServicesContext.Provider value={services}>
        <KeyStreamContext.Provider value={keys}>
          <BracketedPaste output={stdout} />
          <App onExit={onExit} />
        </KeyStreamContext.Provider>
      </ServicesContext.Provider>
    </ThemeContext.Provider>,
    // Ink reads keys from the key stream, which reads the terminal (or a serve session's channel).
    {
      exitOnCtrlC: false,
      patchConsole: false,
      stdin: keys as unknown as NodeJS.ReadStream,
      // Each frame writes only what changed (see render/cell-log-update.ts): few bytes per key over ssh.
      createLogUpdate: cellLogUpdate,
      ...(host && { stdout, stderr: stdout }),
    },
  );
  // The heap is tuned for size once start-up is over (set at the first frame, the flags slow the
  // org list down): the TUI is long-lived and redraws on every key, and a heap tuned for size,
  // whose young generation stops doubling, grows far less while scrolling long lists. README's
  // Performance section has what they buy.
  setTimeout(
    () => setFlagsFromString('--optimize-for-size --semi-space-growth-factor=1'),
    HEAP_TUNING_AFTER_MS,
  ).unref();
  try {
    await instance.waitUntilExit();
  } finally {
    recording?.stop();
  }
  quitting.abort();
  if (rowsAtQuit) stdout.write(quitSummary(rowsAtQuit, (text) => sanitizeAndRedact(text, target.redact)));
  await connection.close().catch(() => undefined);
  return exitCode;
}

/** The TUI keeps going if the journal cannot be written (a full disk, a read-only home). */
function quietJournal(journal: Journal): Journal {
  return {
    append(entry) {
      try {
        journal.append(entry);
      } catch {
        // The status panel still shows every outcome.
      }
    },
    scan(onEntry) {
      try {
        return journal.scan(onEntry);
      } catch {
        return 0;
      }
    },
  };
}

/** Without a writable state directory there are no claims: the TUI still sends. */
function quietClaims(claims: RowClaims): RowClaims {
  const claimEach = claims.claimEach.bind(claims);
  claims.claimEach = async (identities) => {
    try {
      return await claimEach(identities);
    } catch {
      return new Set();
    }
  };
  return claims;
}
