// A wait that a cancelled request's signal cuts short. Its own module: the TUI's first frame
// reaches it (row claims, the pacer) and must not load failures.ts, whose error envelope brings zod.
import { ApiError } from './errors.js';

export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ApiError({ kind: 'cancelled', detail: 'The request was cancelled' }));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ApiError({ kind: 'cancelled', detail: 'The request was cancelled' }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
