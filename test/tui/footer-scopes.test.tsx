// Each sub-state on its own: the footer lists exactly the keys that work there, and a key it
// does not list does nothing.
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import type { Invitation } from '../../src/api/schemas.js';
import { initialFlowState, type SendRow } from '../../src/tui/flow/flow-reducer.js';
import type { AddressTriage } from '../../src/tui/hooks/use-address-triage.js';
import { BrowseScreen } from '../../src/tui/screens/browse-screen.js';
import { EmailsStep } from '../../src/tui/screens/emails-step.js';
import { OrgKeyPrompt } from '../../src/tui/screens/org-key-prompt.js';
import { ResultStep } from '../../src/tui/screens/result-step.js';
import { ReviewStep } from '../../src/tui/screens/review-step.js';
import { RoleStep } from '../../src/tui/screens/role-step.js';
import { SendingStep } from '../../src/tui/screens/sending-step.js';
import { CTRL_C, ENTER, ESC } from '../helpers/keys.js';
import { renderScreen } from '../helpers/tui.js';

const address = { email: 'a@x.test', display: 'a@x.test', input: 'a@x.test' } as AddressTriage['sendable'][number];
const triage: AddressTriage = {
  list: { valid: [address], invalid: [], duplicates: 0 },
  sendable: [address],
  skipped: [],
  alreadyPending: [],
  alreadyMembers: [],
  notChecked: [],
};

describe('the footer in each sub-state', () => {
  it('role list, then the owner question: only y and n', async () => {
    const onChoose = vi.fn();
    const onBack = vi.fn();
    const screen = renderScreen(
      <RoleStep role="reader" count={1} fieldMessage={undefined} onChoose={onChoose} onBack={onBack} width={80} />,
    );
    await screen.waitFor('Which role');
    expect(screen.footer()).toBe('↑↓ move · enter select · esc back');
    await screen.keys('jj', ENTER);
    await screen.waitFor('Really make this person an owner?');
    expect(screen.footer()).toBe('y yes · n/esc no');
    await screen.keys('k', ENTER); // not offered: nothing happens
    expect(onChoose).not.toHaveBeenCalled();
    expect(screen.frame()).toContain('❯ owner');
    await screen.keys('y');
    expect(onChoose).toHaveBeenCalledWith('owner');
    screen.unmount();
  });

  it('review: enter sends, e toggles, esc goes back; other letters do nothing', async () => {
    const handlers = { onToggleEmail: vi.fn(), onSend: vi.fn(), onBack: vi.fn() };
    const screen = renderScreen(
      <ReviewStep
        orgLabel="Acme (acme)"
        triage={triage}
        role="reader"
        sendEmail
        width={80}
        height={18}
        {...handlers}
      />,
    );
    await screen.waitFor('Review');
    expect(screen.footer()).toBe('enter send · e email on/off · esc back');
    await screen.keys('xqjr');
    expect(Object.values(handlers).every((handler) => handler.mock.calls.length === 0)).toBe(true);
    await screen.keys('e', ENTER);
    expect(handlers.onToggleEmail).toHaveBeenCalledTimes(1);
    expect(handlers.onSend).toHaveBeenCalledTimes(1);
    screen.unmount();
  });

  it('addresses: a text field, so letters type (q and ? too) and only enter and esc command', async () => {
    const onChange = vi.fn();
    const screen = renderScreen(
      <EmailsStep
        orgName="Acme"
        text=""
        triage={triage}
        fieldMessage={undefined}
        orgCheck={undefined}
        onChange={onChange}
        onConfirm={vi.fn()}
        onBack={vi.fn()}
        width={80}
        height={18}
      />,
    );
    await screen.waitFor('Who should be invited');
    expect(screen.footer()).toBe('enter next · esc back');
    await screen.keys('q?');
    expect(onChange).toHaveBeenCalledWith('q?');
    screen.unmount();
  });

  it('typed org key: enter goes on', async () => {
    const onChoose = vi.fn();
    const screen = renderScreen(<OrgKeyPrompt onChoose={onChoose} width={80} />);
    await screen.waitFor('Type the organization key');
    expect(screen.footer()).toBe('enter next');
    await screen.keys('acme', ENTER);
    expect(onChoose).toHaveBeenCalledWith({ key: 'acme', typed: true });
    screen.unmount();
  });

  it('sending: Ctrl-C stops, and once stopping a second one quits', async () => {
    const onStop = vi.fn();
    const onQuit = vi.fn();
    const flow = { ...initialFlowState({ org: { key: 'acme' } }), step: 'sending' as const };
    const screen = renderScreen(<SendingStep flow={flow} onStop={onStop} onQuit={onQuit} width={80} />);
    await screen.waitFor('Sending');
    expect(screen.footer()).toBe('ctrl-c stop');
    // ESC and another key in one read is Alt+key, as in any terminal: sent apart here.
    await screen.keys('q', ESC);
    await screen.keys(CTRL_C);
    expect(onStop).toHaveBeenCalledTimes(1);
    screen.unmount();
    const stopping = renderScreen(
      <SendingStep flow={{ ...flow, cancelling: true }} onStop={onStop} onQuit={onQuit} width={80} />,
    );
    await stopping.waitFor('Stopping');
    expect(stopping.footer()).toBe('ctrl-c quit');
    await stopping.keys(CTRL_C);
    expect(onQuit).toHaveBeenCalledTimes(1);
    stopping.unmount();
  });

  it('result: only the keys these rows can use', async () => {
    const conflict = new ApiError({ kind: 'http', status: 409, type: 'already_exists', detail: 'already invited' });
    const rows: SendRow[] = [
      { email: 'a@x.test', display: 'a@x.test', outcome: { state: 'sent', invitation: { role: 'reader' } } },
      { email: 'b@x.test', display: 'b@x.test', outcome: { state: 'failed', error: conflict } },
    ];
    const props = {
      requestedRole: 'reader',
      cancelled: false,
      onRetry: vi.fn(),
      onBrowse: vi.fn(),
      onFixField: vi.fn(),
      onNew: vi.fn(),
      onPickOrg: vi.fn(),
      width: 80,
      height: 18,
    };
    const screen = renderScreen(<ResultStep rows={rows} {...props} />);
    await screen.waitFor('Result 1 sent');
    expect(screen.footer()).toBe('↑↓ move · b browse · n new');
    await screen.keys('rf', ESC);
    expect(props.onRetry).not.toHaveBeenCalled();
    expect(props.onFixField).not.toHaveBeenCalled();
    expect(props.onPickOrg).not.toHaveBeenCalled();
    screen.unmount();
  });

  describe('browse', () => {
    const invitations: Invitation[] = Array.from({ length: 30 }, (_, i) => ({
      id: `inv_${i}`,
      email: `p${i}@x.test`,
      role: 'reader',
      status: i === 0 ? 'accepted' : 'pending',
    }));
    const browse = (client: Parameters<typeof renderScreen>[1] extends infer O ? O : never, readOnly?: string) =>
      renderScreen(
        <BrowseScreen
          org="acme"
          readOnlyReason={readOnly}
          initialFilter={undefined}
          onBack={vi.fn()}
          width={80}
          height={18}
        />,
        client,
      );

    it('a long list: moves, paging, the actions for the highlighted row; filter typing; the revoke question', async () => {
      const screen = browse({ client: { listInvitations: async () => invitations } });
      await screen.waitFor('of 30');
      // x is offered on every row, so moving never changes the footer; the first row is accepted,
      // and there x says why it cannot be revoked. PgUp/PgDn pages too, but at 80 columns it is
      // the first hint to give way (the ? overlay lists it).
      const footer = '↑↓ move · / filter · x revoke · s status · d details · esc back · r reload';
      expect(screen.footer()).toBe(footer);
      await screen.keys('x');
      await screen.waitFor('Only a pending invitation can be revoked; this one is accepted.');
      expect(screen.frame()).not.toContain('Revoke the invitation');
      await screen.keys('j');
      await screen.waitFor('2/30');
      expect(screen.footer()).toBe(footer);
      await screen.keys('/');
      await screen.waitFor('filter by address');
      expect(screen.footer()).toBe('↑↓ move · enter done · esc clear · PgUp/PgDn page');
      await screen.keys('p2', ENTER, 'x');
      await screen.waitFor('Revoke the invitation to p2@x.test?');
      expect(screen.footer()).toBe('y yes · n/esc no');
      await screen.keys('s', 'n');
      await screen.waitFor('status all'); // s was not offered, so the status filter did not move
      expect(screen.frame()).not.toContain('Revoke the invitation');
      screen.unmount();
    });

    it('loading, a server without the list, and an error each offer only what works', async () => {
      const loading = browse({ client: { listInvitations: () => new Promise(() => undefined) } });
      await loading.waitFor('Loading invitations');
      expect(loading.footer()).toBe('esc back');
      loading.unmount();
      const notFound = new ApiError({ kind: 'http', status: 404, type: 'not_found', detail: 'Not Found' });
      const missing = browse({
        client: { listInvitations: () => Promise.reject(notFound), getOrg: () => Promise.reject(notFound) },
      });
      await missing.waitFor('acme: no such organization, or this server does not list invitations.');
      expect(missing.footer()).toBe('esc back');
      missing.unmount();
      const down = new ApiError({ kind: 'http', status: 500, type: 'internal_error', detail: 'boom' });
      const failing = browse({ client: { listInvitations: () => Promise.reject(down) } });
      await failing.waitFor('Could not load the invitations');
      expect(failing.footer()).toBe('r reload · esc back');
      failing.unmount();
    });

    it('a reader: told why, no revoke, and esc picks another org', async () => {
      const screen = browse(
        { client: { listInvitations: async () => invitations } },
        'You are reader in Acme: only owners can send or revoke invitations.',
      );
      await screen.waitFor('You are reader in Acme');
      await screen.keys('j');
      expect(screen.footer()).not.toContain('revoke');
      expect(screen.footer()).toContain('esc other org');
      screen.unmount();
    });
  });
});

describe('text fields without colour', () => {
  it('the caret and the placeholder are marked by shape, not colour alone', async () => {
    let text = '';
    const field = () => (
      <EmailsStep
        orgName="Acme"
        text={text}
        triage={triage}
        fieldMessage={undefined}
        orgCheck={undefined}
        onChange={(value) => (text = value)}
        onConfirm={vi.fn()}
        onBack={vi.fn()}
        width={80}
        height={18}
      />
    );
    const screen = renderScreen(field(), { colors: false });
    expect(await screen.waitFor('Addresses:')).toContain('Addresses: ▌(ada@example.com)');
    screen.unmount();
    text = 'ab@x.test';
    const typed = renderScreen(field(), { colors: false });
    expect(await typed.waitFor('Addresses:')).toContain('Addresses: ab@x.test▌');
    typed.unmount();
  });
});

describe('review at narrow widths', () => {
  it('wraps the addresses about to be sent instead of cutting them, labels kept in their column', async () => {
    const long = 'someone.with.a.rather.long.address@subdivision.example.test';
    const address = { email: long, display: long, input: long } as AddressTriage['sendable'][number];
    const many: AddressTriage = { ...triage, list: { ...triage.list, valid: [address] }, sendable: [address] };
    const screen = renderScreen(
      <ReviewStep
        orgLabel="Acme Corporation International (acme)"
        triage={many}
        role="contributor"
        sendEmail
        onToggleEmail={vi.fn()}
        onSend={vi.fn()}
        onBack={vi.fn()}
        width={40}
        height={18}
      />,
      { columns: 40 },
    );
    const frame = await screen.waitFor('Review');
    expect(frame.split('\n').every((line) => [...line].length <= 40)).toBe(true);
    expect(frame.replace(/\n\s*/g, '')).toContain(long);
    expect(frame).toMatch(/^Role {10}contributor · create and/m);
    expect(frame).toMatch(/^ {14}manage workspaces/m);
    screen.unmount();
  });
});
