// What the TUI needs from outside, injected once at the top: tests and the demo point it anywhere.
import { createContext, useContext } from 'react';
import type { InvitationsClient } from '../api/client.js';
import type { LastOrgStore } from '../config/last-org.js';
import { redactAddresses } from '../invites/format.js';
import type { RowClaims } from '../journal/claims.js';
import type { Journal } from '../journal/journal.js';
import { sanitizeServerText, type SanitizeOptions } from '../text/sanitize.js';

export interface Services {
  client: InvitationsClient;
  journal: Journal;
  /** Claims on the rows being sent, shared with every other invite-tui process; none in tests. */
  claims?: RowClaims | undefined;
  lastOrg: LastOrgStore;
  /** Mask addresses on screen (--redact). */
  redact: boolean;
  /** "demo sandbox" or the API's host, for the header. */
  target: string;
  /** The wall clock for times shown (fixed under --clock); durations and timers use Date.now(). */
  now: () => number;
}

export const ServicesContext = createContext<Services | undefined>(undefined);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() needs a <ServicesContext.Provider>');
  return services;
}

export function useClient(): InvitationsClient {
  return useServices().client;
}

/**
 * The screen's one way to show server text: sanitized (escapes, controls and bidi overrides
 * removed, capped in length; one line unless the options say otherwise) and, under --redact,
 * with addresses masked.
 */
export function useSanitizeAndRedact(): (text: unknown, options?: SanitizeOptions) => string {
  const { redact } = useServices();
  return (text, options) => displayText(text, redact, options);
}

/** useSanitizeAndRedact's function outside React (the summary printed after a quit). */
export function displayText(text: unknown, redact: boolean, options: SanitizeOptions = { singleLine: true }): string {
  const safe = sanitizeServerText(text, options);
  return redact ? redactAddresses(safe) : safe;
}
