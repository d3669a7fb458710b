import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import type { Organization } from '../../api/schemas.js';
import { ErrorDetails } from '../components/error-details.js';
import { Loading } from '../components/loading.js';
import type { OrgChoice } from '../flow/flow-reducer.js';
import { useOrgs } from '../hooks/use-orgs.js';
import { keyName } from '../keys.js';
import { useKeyScope } from '../keymap.js';
import { useSanitizeAndRedact } from '../services.js';
import { useTheme } from '../theme.js';
import { TextField } from '../widgets/text-field.js';
import { SelectList } from '../widgets/select-list.js';
import { useSelectList } from '../widgets/use-select-list.js';
import { OrgKeyPrompt } from './org-key-prompt.js';

interface OrgStepProps {
  preselect: string | undefined;
  onChoose: (org: OrgChoice) => void;
  width: number;
  height: number;
}

/** Step 1: pick an organization from the list (or type its key where the server has no list). */
export function OrgStep({ preselect, onChoose, width, height }: OrgStepProps) {
  const [orgs, reload] = useOrgs();
  if (orgs.status === 'missing') return <OrgKeyPrompt onChoose={onChoose} width={width} />;
  if (orgs.status === 'loading') return <Loading label="Loading organizations…" />;
  if (orgs.status === 'error') return <OrgLoadError onRetry={reload} error={orgs.error} width={width} />;
  return <OrgList orgs={orgs.data} preselect={preselect} onChoose={onChoose} width={width} height={height} />;
}

function OrgLoadError({
  error,
  onRetry,
  width,
}: {
  error: Parameters<typeof ErrorDetails>[0]['error'];
  onRetry: () => void;
  width: number;
}) {
  useKeyScope({ refresh: onRetry });
  return (
    <Box flexDirection="column">
      <Text>Could not load your organizations:</Text>
      <ErrorDetails error={error} width={width} showNextStep={false} />
      <Text>Press {keyName('refresh')} to try again.</Text>
    </Box>
  );
}

function OrgList({
  orgs,
  preselect,
  onChoose,
  width,
  height,
}: { orgs: Organization[]; preselect: string | undefined } & Omit<OrgStepProps, 'preselect'>) {
  const theme = useTheme();
  const sanitizeAndRedact = useSanitizeAndRedact();
  const [filter, setFilter] = useState('');
  const [filtering, setFiltering] = useState(false);
  const listHeight = Math.max(1, height - 4);
  const visible = useMemo(() => {
    const needle = filter.toLowerCase();
    return orgs.filter((org) => !needle || org.key.includes(needle) || (org.name ?? '').toLowerCase().includes(needle));
  }, [orgs, filter]);
  const list = useSelectList({
    items: visible,
    height: listHeight,
    initialIndex: Math.max(
      0,
      orgs.findIndex((org) => org.key === preselect),
    ),
    onSelect: (org) => onChoose({ key: org.key, name: org.name, role: org.role }),
  });
  const clearFilter = () => {
    setFiltering(false);
    setFilter('');
    list.reset();
  };
  useKeyScope(
    {
      ...list.handlers,
      filter: !filtering && (() => setFiltering(true)),
      clearFilter: (filtering || filter !== '') && clearFilter,
    },
    { capturesText: filtering },
  );

  const items = visible.map((org) => ({
    id: org.key,
    label: sanitizeAndRedact(org.name ?? org.key, { singleLine: true, maxLength: 60 }),
    hint: `${sanitizeAndRedact(org.key, { singleLine: true, maxLength: 40 })} · ${sanitizeAndRedact(org.role ?? 'unknown role', { singleLine: true, maxLength: 20 })}`,
    mark: org.role && org.role !== 'owner' ? 'browse only' : undefined,
  }));
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>Choose an organization</Text>
      {filtering || filter ? (
        <Box>
          <Text color={theme.color('accent')}>/ </Text>
          <TextField
            value={filter}
            focus={filtering}
            placeholder="type to filter"
            onChange={(value) => {
              setFilter(value);
              list.reset();
            }}
          />
        </Box>
      ) : (
        <Text color={theme.color('muted')}>
          {orgs.length} organizations · {keyName('filter')} to filter
        </Text>
      )}
      {items.length === 0 ? (
        <Text color={theme.color('muted')}>
          {'  '}No organization matches “{filter}”.
        </Text>
      ) : (
        <SelectList items={items} cursor={list.cursor} height={listHeight} width={width} />
      )}
    </Box>
  );
}
