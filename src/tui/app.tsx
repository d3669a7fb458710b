// The TUI's root: one reducer for the flow, one screen at a time, global keys, header and footer.
import { Box, useApp } from 'ink';
import type { ApiError } from '../api/errors.js';
import { useContext, useReducer, useState } from 'react';
import { fieldStep, nextStepFor } from '../invites/next-step.js';
import { VERSION } from '../version.js';
import { Footer } from './components/footer.js';
import { Header } from './components/header.js';
import { HelpOverlay } from './components/help-overlay.js';
import {
  flowReducer,
  initialFlowState,
  isReadOnly,
  rowsToSend,
  type OrgChoice,
  type SendRow,
} from './flow/flow-reducer.js';
import { useInvitationSender } from './hooks/use-invitation-sender.js';
import { InvitationsContext, useInvitations, useInvitationsStore } from './hooks/use-invitations.js';
import { MembersContext, useMembersStore } from './hooks/use-members.js';
import { useOrgCheck } from './hooks/use-org-check.js';
import { useAddressTriage } from './hooks/use-address-triage.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { KeymapProvider, SuspendKeys, useKeyScope } from './keymap.js';
import { BrowseScreen } from './screens/browse-screen.js';
import { EmailsStep } from './screens/emails-step.js';
import { OrgStep } from './screens/org-step.js';
import { ResultStep, rowsToRetry } from './screens/result-step.js';
import { ReviewStep } from './screens/review-step.js';
import { RoleStep } from './screens/role-step.js';
import { SendingStep } from './screens/sending-step.js';
import { useServices } from './services.js';

const isFieldError = (error: ApiError) => nextStepFor(error, VERSION).action === 'fix-field';

/**
 * Exit codes: 0 for q, 130 for Ctrl-C (as a shell reports SIGINT). A quit while sending carries
 * the rows, so what became of each can be printed once the screen is gone.
 */
export type ExitReason = { code: 0 | 130; rows?: SendRow[] };

export function App(props: { onExit?: (reason: ExitReason) => void }) {
  const invitations = useInvitationsStore();
  const members = useMembersStore();
  return (
    <KeymapProvider>
      <InvitationsContext.Provider value={invitations}>
        <MembersContext.Provider value={members}>
          <FlowApp {...props} />
        </MembersContext.Provider>
      </InvitationsContext.Provider>
    </KeymapProvider>
  );
}

function FlowApp({ onExit }: { onExit?: (reason: ExitReason) => void }) {
  const { lastOrg } = useServices();
  const { exit } = useApp();
  // The remembered org is read once: the org step re-renders on every key, and it is a file.
  const [flow, dispatch] = useReducer(flowReducer, lastOrg, (store) =>
    initialFlowState({ rememberedOrg: store.load() }),
  );
  const [helpOpen, setHelpOpen] = useState(false);
  const { columns, rows } = useTerminalSize();
  const triage = useAddressTriage(flow.org?.key, flow.addressText);
  const sender = useInvitationSender(dispatch);
  const invitations = useContext(InvitationsContext);
  const members = useContext(MembersContext);
  // Where the server lists no invitations, nothing may send the person to Browse.
  const canBrowse = useInvitations(flow.org?.key).resource.status !== 'missing';
  const orgCheck = useOrgCheck(flow.org?.typed ? flow.org.key : undefined);
  const checkedOrg = orgCheck?.status === 'found' ? orgCheck.org : undefined;
  const width = Math.max(20, columns);
  // One row short of the terminal: a frame as tall as the terminal makes Ink clear the whole
  // screen on every render (flicker, lost scrollback) instead of redrawing in place.
  const bodyHeight = Math.max(4, rows - 5);

  const quit = (code: 0 | 130) => {
    onExit?.({ code, rows: flow.step === 'sending' ? flow.rows : undefined });
    exit();
  };
  const sending = flow.step === 'sending';
  // Where the server states the caller's role, a non-owner is told before any step, not by a 403.
  const readOnlyReason = isReadOnly(flow.org)
    ? `You are ${flow.org?.role} in ${flow.org?.name ?? flow.org?.key}: only owners can send or revoke invitations.`
    : undefined;
  useKeyScope(
    {
      switchView:
        flow.org !== undefined &&
        !sending &&
        !(flow.step === 'browse' && readOnlyReason) &&
        (() => dispatch({ type: flow.step === 'browse' ? 'browseClosed' : 'browseOpened' })),
      quit: !sending && (() => quit(0)),
      help: () => setHelpOpen(true),
      interrupt: () => quit(130),
    },
    { layer: 'global', quiet: ['interrupt'] },
  );

  const chooseOrg = (org: OrgChoice) => {
    lastOrg.save(org.key);
    dispatch({ type: 'orgOpened', org });
  };
  const sendRows = (rows: SendRow[]) => {
    const org = flow.org?.key;
    if (org === undefined) return;
    // What the server holds changed: the pending flags and Browse load it again.
    void sender
      .send({ org, role: flow.role, sendEmail: flow.sendEmail, rows })
      .finally(() => invitations?.invalidate(org));
  };
  const startSending = () => sendRows(rowsToSend(triage));
  const retryFailed = () => sendRows(rowsToRetry(flow.rows).map((row) => ({ ...row, outcome: { state: 'queued' } })));
  const fixField = (row: SendRow) => {
    if (row.outcome.state !== 'failed') return;
    const { error } = row.outcome;
    // Only the rows the server refused come back: the others were sent, or failed otherwise.
    const refused = flow.rows.filter(
      (candidate) => candidate.outcome.state === 'failed' && isFieldError(candidate.outcome.error),
    );
    dispatch({
      type: 'fixField',
      field: fieldStep(error),
      message: error.fieldErrors[0]?.msg ?? error.detail,
      addressText: refused.map((candidate) => candidate.display).join(', '),
    });
  };

  const body = () => {
    const orgName = flow.org?.name ?? checkedOrg?.name ?? flow.org?.key ?? '';
    const orgLabel = flow.org ? `${orgName} (${flow.org.key})` : '';
    const back = () => dispatch({ type: 'back' });
    switch (flow.step) {
      case 'org':
        return <OrgStep preselect={flow.preselectedOrg} onChoose={chooseOrg} width={width} height={bodyHeight} />;
      case 'emails':
        return (
          <EmailsStep
            orgName={orgName}
            text={flow.addressText}
            triage={triage}
            fieldMessage={flow.fieldMessage}
            orgCheck={orgCheck}
            onChange={(text) => dispatch({ type: 'addressTextChanged', text })}
            onConfirm={() => dispatch({ type: 'addressesConfirmed' })}
            onBack={back}
            width={width}
            height={bodyHeight}
          />
        );
      case 'role':
        return (
          <RoleStep
            role={flow.role}
            count={triage.sendable.length}
            fieldMessage={flow.fieldMessage}
            onChoose={(role) => dispatch({ type: 'roleChosen', role })}
            onBack={back}
            width={width}
          />
        );
      case 'review':
        return (
          <ReviewStep
            orgLabel={orgLabel}
            triage={triage}
            role={flow.role}
            sendEmail={flow.sendEmail}
            onToggleEmail={() => dispatch({ type: 'sendEmailToggled' })}
            onSend={startSending}
            onBack={back}
            width={width}
            height={bodyHeight}
          />
        );
      case 'sending':
        return <SendingStep flow={flow} onStop={sender.stop} onQuit={() => quit(130)} width={width} />;
      case 'result':
        return (
          <ResultStep
            rows={flow.rows}
            requestedRole={flow.role}
            cancelled={flow.cancelling}
            onRetry={retryFailed}
            onBrowse={(email) => dispatch({ type: 'browseOpened', filter: email })}
            onFixField={fixField}
            onNew={() => {
              // A new invitation starts from what the server holds now (others may have revoked,
              // sent, or accepted and become members).
              if (flow.org) {
                invitations?.invalidate(flow.org.key);
                members?.invalidate(flow.org.key);
              }
              dispatch({ type: 'newInvitation' });
            }}
            canBrowse={canBrowse}
            onPickOrg={() => dispatch({ type: 'orgChangeRequested' })}
            width={width}
            height={bodyHeight}
          />
        );
      case 'browse':
        return (
          <BrowseScreen
            org={flow.org?.key ?? ''}
            readOnlyReason={readOnlyReason}
            initialFilter={flow.browseInitialFilter}
            onBack={() => dispatch({ type: 'browseClosed' })}
            width={width}
            height={bodyHeight}
          />
        );
    }
  };

  return (
    <Box flexDirection="column" width={width}>
      <Header flow={flow} width={width} />
      <Box marginTop={1} flexDirection="column" height={bodyHeight} overflowY="hidden">
        {/* Under the overlay the screen stays mounted, state and all, and takes no keys. */}
        <SuspendKeys suspended={helpOpen}>
          <Box display={helpOpen ? 'none' : 'flex'} flexDirection="column">
            {body()}
          </Box>
        </SuspendKeys>
        {helpOpen && (
          <HelpOverlay width={Math.min(width, 60)} onClose={() => setHelpOpen(false)} onQuit={() => quit(130)} />
        )}
      </Box>
      <Footer width={width} />
    </Box>
  );
}
