import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/errors.js';

export type Resource<T> =
  | { status: 'loading' }
  /** `partial`: a list that stopped at the client's page cap before its end. */
  | { status: 'ready'; data: T; partial?: boolean }
  /** The server does not offer this endpoint (404/405), as API.md allows; `why` says so in words. */
  | { status: 'missing'; why?: string }
  | { status: 'error'; error: ApiError };

export type Outcome<T> = { status: 'ready'; data: T } | { status: 'missing'; why?: string };

/**
 * Loads something from the API when `key` changes, cancelling the previous load; `reload`
 * loads it again. `load` returns the data, or 'missing' for an endpoint the server lacks.
 * Until the load for a new key settles, the resource reads as loading; a reload of the same key
 * keeps showing the data it has meanwhile.
 */
export function useApiResource<T>(key: string | undefined, load: (signal: AbortSignal) => Promise<Outcome<T>>) {
  const [generation, setGeneration] = useState(0);
  const [settled, setSettled] = useState<{ for: string; key: string; resource: Resource<T> } | undefined>();
  const current = `${generation}:${key}`;

  useEffect(() => {
    if (key === undefined) return;
    const controller = new AbortController();
    const settle = (resource: Resource<T>) => !controller.signal.aborted && setSettled({ for: current, key, resource });
    load(controller.signal).then(settle, (error: unknown) =>
      settle({
        status: 'error',
        error: error instanceof ApiError ? error : new ApiError({ kind: 'network', detail: 'The request failed' }),
      }),
    );
    return () => controller.abort();
    // `load` is recreated every render; the key and generation say when the data really changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const resource: Resource<T> = settled && settled.key === key ? settled.resource : { status: 'loading' };
  return [resource, reload] as const;
}

/** 404 and 405 from a listing endpoint mean the server does not offer it. */
export function isMissingEndpoint(error: unknown): boolean {
  return error instanceof ApiError && error.kind === 'http' && (error.status === 404 || error.status === 405);
}
