import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import { useState } from 'react';
import { ApiError } from '../../api/errors.js';
import { orgSlugProblem } from '../../api/constants.js';
import type { OrgChoice } from '../flow/flow-reducer.js';
import { useClient, useDisplay } from '../services.js';
import { useTextFocus } from '../text-focus.js';
import { useTheme } from '../theme.js';

/** Where the server cannot list organizations: type the key, checked with GET /org/{key} when possible. */
export function OrgKeyPrompt({ onChoose, width }: { onChoose: (org: OrgChoice) => void; width: number }) {
  const client = useClient();
  const theme = useTheme();
  const show = useDisplay();
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<string | undefined>();
  const [checking, setChecking] = useState(false);
  useTextFocus(true);

  const submit = async (typed: string) => {
    const slug = typed.trim();
    const problem = orgSlugProblem(slug);
    if (problem) return setMessage(problem);
    setChecking(true);
    try {
      const org = await client.getOrg(slug);
      onChoose({ key: org.key, name: org.name, role: org.role });
    } catch (error) {
      // 404 with the envelope: no such org. Anything else: the details endpoint may be missing too.
      if (error instanceof ApiError && error.status === 404 && error.type) setMessage(show(error.detail));
      else onChoose({ key: slug });
    } finally {
      setChecking(false);
    }
  };

  return (
    <Box flexDirection="column" width={width}>
      <Text bold>Type the organization key</Text>
      <Text color={theme.color('muted')} wrap="wrap">
        This server does not list organizations, so type the key (as in its URLs).
      </Text>
      <Box>
        <Text color={theme.color('accent')}>Organization: </Text>
        <TextInput value={value} onChange={setValue} onSubmit={(typed) => void submit(typed)} placeholder="e.g. acme" />
      </Box>
      {checking && <Text color={theme.color('muted')}>Checking…</Text>}
      {message && <Text color={theme.color('error')}>{message}</Text>}
    </Box>
  );
}
