import { describe, expect, it } from 'vitest';
import { isLoopbackHost, parseBaseUrl } from '../../src/api/base-url.js';
import { ApiError } from '../../src/api/errors.js';

/** The refusal `parseBaseUrl` throws for `value`, or a failure if it accepts it. */
function refusal(value: string): ApiError {
  try {
    parseBaseUrl(value);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('refused');
    return error as ApiError;
  }
  throw new Error(`accepted ${value}`);
}

describe('isLoopbackHost', () => {
  it.each(['localhost', '[::1]', '127.0.0.1', '127.1.22.255'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    '127.0.0.1.evil.example',
    'evil127.0.0.1',
    '127.0.0',
    '127.0.0.1000',
    '127x0.0.1',
    '127.a.b.c',
    '128.0.0.1',
    '10.0.0.1',
    'localhost.evil.example',
    '::1',
    '',
  ])('%j is not loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('parseBaseUrl', () => {
  it.each(['https://api.example.com/v1', 'http://localhost:4010', 'http://127.0.0.1:4010/', 'http://[::1]:4010'])(
    'accepts %s',
    (value) => {
      expect(parseBaseUrl(value).href).toBe(new URL(value).href);
    },
  );

  it('drops the query and the fragment, keeping the path', () => {
    expect(parseBaseUrl('https://api.example.com/v1?debug=1#top').href).toBe('https://api.example.com/v1');
  });

  it('refuses text that is not a URL, quoting it', () => {
    expect(refusal('api.example.com').detail).toBe(
      '"api.example.com" is not a valid URL (expected e.g. https://api.example.com)',
    );
  });

  it.each(['ftp://api.example.com', 'file:///etc/passwd', 'ws://localhost'])('refuses the scheme of %s', (value) => {
    expect(refusal(value).detail).toBe(`The API URL must use https:// (got ${new URL(value).protocol}//)`);
  });

  it.each(['http://api.example.com', 'http://127.0.0.1.nip.io:4010', 'http://10.0.0.1'])(
    'refuses to send the token over plain http to %s',
    (value) => {
      expect(refusal(value).detail).toBe(
        `Refusing to send the token over plain http to ${new URL(value).host}: use https://, or http:// only for localhost/127.0.0.1/::1`,
      );
    },
  );

  it.each(['https://user@api.example.com', 'https://:secret@api.example.com', 'http://u:p@localhost'])(
    'refuses credentials in %s',
    (value) => {
      expect(refusal(value).detail).toBe('The API URL must not contain credentials; use INVITE_API_TOKEN');
    },
  );
});
