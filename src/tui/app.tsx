// The TUI's root: one reducer for the flow, one screen at a time, global keys, header and footer.
import { Box, useApp, useInput } from 'ink';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { fieldStep } from '../invites/next-step.js';
import { Footer } from './components/footer.js';
import { Header } from './components/header.js';
import { HelpOverlay } from './components/help-overlay.js';
import { flowReducer, initialFlowState, type FlowState, type OrgChoice, type SendRow } from './flow/flow-reducer.js';
import { useInvitationSender } from './hooks/use-invitation-sender.js';
import { useSendPlan } from './hooks/use-send-plan.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { useKeyStream } from './input/input-context.js';
import { commandFor, type Command } from './keys.js';
import { BROWSE_COMMANDS, BrowseScreen } from './screens/browse-screen.js';
import { EMAILS_COMMANDS, EmailsStep } from './screens/emails-step.js';
import { ORG_COMMANDS, OrgStep } from './screens/org-step.js';
import { resultCommands, ResultStep, rowsToRetry } from './screens/result-step.js';
import { REVIEW_COMMANDS, ReviewStep } from './screens/review-step.js';
import { ROLE_COMMANDS, RoleStep } from './screens/role-step.js';
import { SENDING_COMMANDS, SendingStep } from './screens/sending-step.js';
import { useServices } from './services.js';
import { TextFocusContext } from './text-focus.js';

function commandsFor(flow: FlowState): Command[] {
  switch (flow.step) {
    case 'org':
      return ORG_COMMANDS;
    case 'emails':
      return EMAILS_COMMANDS;
    case 'role':
      return ROLE_COMMANDS;
    case 'review':
      return REVIEW_COMMANDS;
    case 'sending':
      return SENDING_COMMANDS;
    case 'result':
      return resultCommands(flow.rows);
    case 'browse':
      return BROWSE_COMMANDS;
  }
}

/** Exit codes: 0 for q, 130 for Ctrl-C (as a shell reports SIGINT). */
export type ExitReason = { code: 0 | 130 };

export function App({ onExit }: { onExit?: (reason: ExitReason) => void }) {
  const { lastOrg } = useServices();
  const { exit } = useApp();
  const [flow, dispatch] = useReducer(flowReducer, undefined, () => initialFlowState());
  const [helpOpen, setHelpOpen] = useState(false);
  // Read once: the org step re-renders on every key, and this is a file.
  const [rememberedOrg] = useState(() => lastOrg.load());
  const textFocused = useRef(false);
  const setTextFocused = useCallback((focused: boolean) => void (textFocused.current = focused), []);
  const keyStream = useKeyStream();
  useEffect(() => keyStream?.setTextMode(() => textFocused.current), [keyStream]);
  const { columns, rows } = useTerminalSize();
  const plan = useSendPlan(flow.org?.key, flow.addressText);
  const sender = useInvitationSender(dispatch);
  const width = Math.max(20, columns);
  // One row short of the terminal: a frame as tall as the terminal makes Ink clear the whole
  // screen on every render (flicker, lost scrollback) instead of redrawing in place.
  const bodyHeight = Math.max(4, rows - 5);

  const quit = (code: 0 | 130) => {
    onExit?.({ code });
    exit();
  };
  useInput((input, key) => {
    if (commandFor(['interrupt'], input, key)) {
      // The first Ctrl-C while sending lets requests in flight finish; a second one quits.
      if (flow.step === 'sending' && !flow.cancelling) return sender.stop();
      return quit(130);
    }
    if (helpOpen) return setHelpOpen(false);
    const command = commandFor(textFocused.current ? ['switchView'] : ['switchView', 'help', 'quit'], input, key);
    if (command === 'help') setHelpOpen(true);
    if (command === 'quit' && flow.step !== 'sending') quit(0);
    if (command === 'switchView' && flow.org && flow.step !== 'sending')
      dispatch({ type: flow.step === 'browse' ? 'browseClosed' : 'browseOpened' });
  });

  const chooseOrg = (org: OrgChoice) => {
    lastOrg.save(org.key);
    dispatch({ type: 'orgChosen', org });
    if (org.role && org.role !== 'owner') dispatch({ type: 'browseOpened' });
  };
  const sendRows = (rows: SendRow[]) => {
    if (flow.org) void sender.send({ org: flow.org.key, role: flow.role, sendEmail: flow.sendEmail, rows });
  };
  const startSending = () =>
    sendRows([
      ...plan.sendable.map((address) => ({
        email: address.email,
        display: address.display,
        outcome: { state: 'queued' as const },
      })),
      ...plan.alreadyPending.map((address) => ({
        email: address.email,
        display: address.display,
        outcome: { state: 'skipped' as const, reason: 'already has a pending invitation' },
      })),
    ]);
  const retryFailed = () => sendRows(rowsToRetry(flow.rows).map((row) => ({ ...row, outcome: { state: 'queued' } })));
  const fixField = (row: SendRow) => {
    if (row.outcome.state !== 'failed') return;
    const { error } = row.outcome;
    dispatch({ type: 'fixField', field: fieldStep(error), message: error.fieldErrors[0]?.msg ?? error.detail });
  };

  const body = () => {
    const orgLabel = flow.org ? `${flow.org.name ?? flow.org.key} (${flow.org.key})` : '';
    const back = () => dispatch({ type: 'back' });
    switch (flow.step) {
      case 'org':
        return (
          <OrgStep preselect={flow.org?.key ?? rememberedOrg} onChoose={chooseOrg} width={width} height={bodyHeight} />
        );
      case 'emails':
        return (
          <EmailsStep
            orgName={flow.org?.name ?? flow.org?.key ?? ''}
            text={flow.addressText}
            plan={plan}
            fieldMessage={flow.fieldMessage}
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
            count={plan.sendable.length}
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
            plan={plan}
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
        return <SendingStep flow={flow} width={width} />;
      case 'result':
        return (
          <ResultStep
            rows={flow.rows}
            cancelled={flow.cancelling}
            onRetry={retryFailed}
            onBrowse={(email) => dispatch({ type: 'browseOpened', focus: email })}
            onFixField={fixField}
            onNew={() => dispatch({ type: 'newInvitation' })}
            onPickOrg={() => dispatch({ type: 'orgChangeRequested' })}
            width={width}
            height={bodyHeight}
          />
        );
      case 'browse':
        return (
          <BrowseScreen
            org={flow.org?.key ?? ''}
            canRevoke={flow.org?.role === undefined || flow.org.role === 'owner'}
            focus={flow.browseFocus}
            onBack={() => dispatch({ type: 'browseClosed' })}
            width={width}
            height={bodyHeight}
          />
        );
    }
  };

  return (
    <TextFocusContext.Provider value={setTextFocused}>
      <Box flexDirection="column" width={width}>
        <Header flow={flow} width={width} />
        <Box marginTop={1} flexDirection="column" height={bodyHeight} overflowY="hidden">
          {helpOpen ? <HelpOverlay commands={commandsFor(flow)} width={Math.min(width, 60)} /> : body()}
        </Box>
        <Footer commands={commandsFor(flow)} width={width} />
      </Box>
    </TextFocusContext.Provider>
  );
}
