import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { ROLE_DESCRIPTIONS, ROLES, type Role } from '../../api/constants.js';
import type { FieldMessage } from '../flow/flow-reducer.js';
import { commandFor, type Command } from '../keys.js';
import { useDisplay } from '../services.js';
import { useTheme } from '../theme.js';
import { move, moveTo, START } from '../widgets/list-cursor.js';
import { SelectList } from '../widgets/select-list.js';
import { useListKeys } from '../widgets/use-list-keys.js';

export const ROLE_COMMANDS: Command[] = ['up', 'down', 'select', 'back', 'switchView', 'help', 'quit'];

interface RoleStepProps {
  role: Role;
  count: number;
  fieldMessage: FieldMessage | undefined;
  onChoose: (role: Role) => void;
  onBack: () => void;
  width: number;
}

/** Step 3: reader, contributor or owner; owner needs a second, explicit yes. */
export function RoleStep({ role, count, fieldMessage, onChoose, onBack, width }: RoleStepProps) {
  const theme = useTheme();
  const show = useDisplay();
  const [cursor, setCursor] = useState(() => moveTo(START, ROLES.indexOf(role), ROLES.length, ROLES.length));
  const [confirmingOwner, setConfirmingOwner] = useState(false);
  useListKeys((how) => setCursor((current) => move(current, how, ROLES.length, ROLES.length)), !confirmingOwner);
  useInput(
    (input, key) => {
      const command = commandFor(['select', 'back'], input, key);
      const chosen = ROLES[cursor.index] ?? 'reader';
      if (command === 'back') onBack();
      else if (command === 'select' && chosen === 'owner') setConfirmingOwner(true);
      else if (command === 'select') onChoose(chosen);
    },
    { isActive: !confirmingOwner },
  );
  useInput(
    (input, key) => {
      const command = commandFor(['confirm', 'deny'], input, key);
      if (command === 'confirm') onChoose('owner');
      if (command === 'deny') setConfirmingOwner(false);
    },
    { isActive: confirmingOwner },
  );

  const items = ROLES.map((name) => ({ id: name, label: name.padEnd(12), hint: ROLE_DESCRIPTIONS[name] }));
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>Which role for {count === 1 ? 'this address' : `these ${count} addresses`}?</Text>
      <SelectList items={items} cursor={cursor} height={ROLES.length} width={width} />
      {fieldMessage && (
        <Text color={theme.color('error')}>
          {'  '}↳ server: {show(fieldMessage.message)}
        </Text>
      )}
      {confirmingOwner && (
        <Box flexDirection="column" marginTop={1}>
          <Text color={theme.color('warning')} bold wrap="wrap">
            Owners get full access: members, workspaces, billing and keys.
          </Text>
          <Text color={theme.color('warning')} wrap="truncate-end">
            Really make {count === 1 ? 'this person an owner' : `all ${count} people owners`}? y to confirm, n to choose
            again
          </Text>
        </Box>
      )}
    </Box>
  );
}
