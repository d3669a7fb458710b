import { Box, Text } from 'ink';
import { useState } from 'react';
import { ROLE_DESCRIPTIONS, ROLES, type Role } from '../../api/constants.js';
import type { FieldMessage } from '../flow/flow-reducer.js';
import { keyName } from '../keys.js';
import { useKeyScope } from '../keymap.js';
import { useSanitizeAndRedact } from '../services.js';
import { useTheme } from '../theme.js';
import { SelectList } from '../widgets/select-list.js';
import { useSelectList } from '../widgets/use-select-list.js';

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
  const sanitizeAndRedact = useSanitizeAndRedact();
  const [confirmingOwner, setConfirmingOwner] = useState(false);
  const list = useSelectList({
    items: ROLES,
    height: ROLES.length,
    initialIndex: ROLES.indexOf(role),
    onSelect: (chosen) => (chosen === 'owner' ? setConfirmingOwner(true) : onChoose(chosen)),
  });
  useKeyScope({ ...list.handlers, back: onBack }, { isActive: !confirmingOwner });
  // Only y or n while the owner question is open: the list and the global keys wait.
  useKeyScope(
    { confirm: () => onChoose('owner'), deny: () => setConfirmingOwner(false) },
    { isActive: confirmingOwner, exclusive: true },
  );

  const items = ROLES.map((name) => ({ id: name, label: name.padEnd(12), hint: ROLE_DESCRIPTIONS[name] }));
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>Which role for {count === 1 ? 'this address' : `these ${count} addresses`}?</Text>
      <SelectList items={items} cursor={list.cursor} height={ROLES.length} width={width} />
      {fieldMessage && (
        <Text color={theme.color('error')}>
          {'  '}↳ server: {sanitizeAndRedact(fieldMessage.message)}
        </Text>
      )}
      {confirmingOwner && (
        <Box flexDirection="column" marginTop={1}>
          <Text color={theme.color('warning')} bold wrap="wrap">
            Owners get full access: members, workspaces, billing and keys.
          </Text>
          <Text color={theme.color('warning')} wrap="truncate-end">
            Really make {count === 1 ? 'this person an owner' : `all ${count} people owners`}? {keyName('confirm')} to
            confirm, {keyName('deny')} to choose again
          </Text>
        </Box>
      )}
    </Box>
  );
}
