import { ApiError } from './errors.js';

const LOOPBACK_HOSTNAMES = new Set(['localhost', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTNAMES.has(hostname) || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Checks the API's base URL before any request: https anywhere, plain http only on loopback,
 * because a bearer token must not cross a network in clear text.
 */
export function parseBaseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ApiError({
      kind: 'refused',
      detail: `"${value}" is not a valid URL (expected e.g. https://api.example.com)`,
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ApiError({ kind: 'refused', detail: `The API URL must use https:// (got ${url.protocol}//)` });
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ApiError({
      kind: 'refused',
      detail: `Refusing to send the token over plain http to ${url.host}: use https://, or http:// only for localhost/127.0.0.1/::1`,
    });
  }
  if (url.username || url.password) {
    throw new ApiError({ kind: 'refused', detail: 'The API URL must not contain credentials; use INVITE_API_TOKEN' });
  }
  url.search = '';
  url.hash = '';
  return url;
}
