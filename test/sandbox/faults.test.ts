import { describe, expect, it } from 'vitest';
import { FaultInjector, parseFaultSpec } from '../../src/sandbox/faults.js';
import { sanitizeServerText } from '../../src/text/sanitize.js';
import { clientFor, rejectionOf, startTestSandbox } from '../helpers/sandbox.js';

describe('parseFaultSpec', () => {
  it('reads kinds, arguments, methods and triggers', () => {
    expect(parseFaultSpec('502@POST%3, latency=200:0.5 ,hang#4,redirect=http://127.0.0.1:9/x,429=date-5')).toEqual([
      { kind: '502', arg: undefined, method: 'POST', trigger: { type: 'every', n: 3 } },
      { kind: 'latency', arg: '200', method: undefined, trigger: { type: 'probability', p: 0.5 } },
      { kind: 'hang', arg: undefined, method: undefined, trigger: { type: 'nth', n: 4 } },
      { kind: 'redirect', arg: 'http://127.0.0.1:9/x', method: undefined, trigger: { type: 'always' } },
      { kind: '429', arg: 'date-5', method: undefined, trigger: { type: 'always' } },
    ]);
  });

  it.each(['teapot', '502:1.5', '502@'])('rejects %j with a message naming the faults', (spec) => {
    expect(() => parseFaultSpec(spec)).toThrow(/fault/i);
  });
});

describe('FaultInjector', () => {
  it('fires on the Nth and every Nth matching request only', () => {
    const injector = new FaultInjector(parseFaultSpec('500@POST#2,502%3'));
    const fired = ['POST', 'GET', 'POST', 'POST', 'GET', 'GET'].map((method) =>
      [...injector.faultsFor(method).keys()].join('+'),
    );
    expect(fired).toEqual(['', '', '500+502', '', '', '502']);
  });
});

describe('escape fault', () => {
  it('laces server text with escapes, which the client keeps and the sanitizer removes', async () => {
    const sandbox = await startTestSandbox({ faults: 'escape' });
    try {
      const error = await rejectionOf(
        clientFor(sandbox).createInvitation('no-such-org', { email: 'a@acme.test', role: 'reader' }),
      );
      const detail = (error as { detail: string }).detail;
      expect(detail).toContain('\x1b]52;');
      expect(sanitizeServerText(detail)).toBe('Organization "no-such-org" not foundlink');
      const orgs = await clientFor(sandbox).listOrgs();
      expect(sanitizeServerText(orgs[0]?.name)).toBe('Acme Corplink');
    } finally {
      await sandbox.close();
    }
  });
});
