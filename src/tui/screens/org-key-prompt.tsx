import { Box, Text } from 'ink';
import { useState } from 'react';
import { orgSlugProblem } from '../../api/constants.js';
import type { OrgChoice } from '../flow/flow-reducer.js';
import { useKeyScope } from '../keymap.js';
import { useTheme } from '../theme.js';
import { TextField } from '../widgets/text-field.js';

/**
 * Where the server cannot list organizations: type the key. It goes on at once; the key is
 * checked in the background where the server can (use-org-check.ts), and the invitation's own
 * answer decides.
 */
export function OrgKeyPrompt({ onChoose, width }: { onChoose: (org: OrgChoice) => void; width: number }) {
  const theme = useTheme();
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<string | undefined>();
  const submit = () => {
    const slug = value.trim();
    const problem = orgSlugProblem(slug);
    if (problem) return setMessage(problem);
    onChoose({ key: slug, typed: true });
  };
  useKeyScope({ submit }, { capturesText: true });

  return (
    <Box flexDirection="column" width={width}>
      <Text bold>Type the organization key</Text>
      <Text color={theme.color('muted')} wrap="wrap">
        This server does not list organizations, so type the key (as in its URLs).
      </Text>
      <Box>
        <Box flexShrink={0}>
          <Text color={theme.color('accent')}>Organization: </Text>
        </Box>
        <TextField value={value} onChange={setValue} placeholder="e.g. acme" />
      </Box>
      {message && <Text color={theme.color('error')}>{message}</Text>}
    </Box>
  );
}
