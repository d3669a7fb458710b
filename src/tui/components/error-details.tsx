import { Box, Text } from 'ink';
import type { ApiError } from '../../api/errors.js';
import { statusName } from '../../api/errors.js';
import { nextStepFor } from '../../invites/next-step.js';
import { nextStepKeys } from '../keys.js';
import { VERSION } from '../../version.js';
import { useSanitizeAndRedact } from '../services.js';
import { useTheme } from '../theme.js';

const KIND_TITLES: Record<ApiError['kind'], string> = {
  http: 'Error',
  network: 'Network error',
  timeout: 'Timed out',
  invalid_response: 'Unexpected answer',
  redirect: 'Redirect refused',
  refused: 'Not sent',
  cancelled: 'Cancelled',
};

/** An error as the server sent it (status and name, type, detail, every field error) and what to do next. */
export function ErrorDetails({
  error,
  width,
  showNextStep = true,
}: {
  error: ApiError;
  width: number;
  showNextStep?: boolean;
}) {
  const theme = useTheme();
  const sanitizeAndRedact = useSanitizeAndRedact();
  // A 200 whose body is garbage is not "200 OK": the kind says what went wrong.
  const heading =
    error.status && (error.kind === 'http' || error.kind === 'redirect')
      ? `${error.status} ${statusName(error.status)}`
      : KIND_TITLES[error.kind];
  const next = nextStepFor(error, VERSION, nextStepKeys());
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text color={theme.color('error')} bold>
          ✗ {heading}
        </Text>
        {error.type ? (
          <Text color={theme.color('muted')}>
            {' '}
            · {sanitizeAndRedact(error.type, { singleLine: true, maxLength: 60 })}
          </Text>
        ) : null}
        {error.attempts > 1 ? <Text color={theme.color('muted')}> · after {error.attempts} attempts</Text> : null}
      </Text>
      <Box paddingLeft={2}>
        <Text wrap="wrap">{sanitizeAndRedact(error.detail, { singleLine: true, maxLength: 300 })}</Text>
      </Box>
      {error.fieldErrors.slice(0, 5).map((field, index) => (
        <Text key={index} wrap="truncate-end">
          <Text color={theme.color('warning')}>
            {'  '}
            {sanitizeAndRedact(field.loc.join('.'), { singleLine: true, maxLength: 60 }) || '(no location)'}
          </Text>
          : {sanitizeAndRedact(field.msg, { singleLine: true, maxLength: 200 })}
          {field.type ? (
            <Text color={theme.color('muted')}>
              {' '}
              ({sanitizeAndRedact(field.type, { singleLine: true, maxLength: 40 })})
            </Text>
          ) : null}
        </Text>
      ))}
      {error.fieldErrors.length > 5 && (
        <Text color={theme.color('muted')}>
          {'  '}… and {error.fieldErrors.length - 5} more
        </Text>
      )}
      {showNextStep && (
        <Box>
          <Box width={2} flexShrink={0}>
            <Text color={theme.color('info')}>→</Text>
          </Box>
          <Text color={theme.color('info')} wrap="wrap">
            {next.text}
          </Text>
        </Box>
      )}
    </Box>
  );
}

/** How many lines ErrorDetails takes at most, so screens can budget their height. */
export function errorDetailsHeight(error: ApiError, width: number): number {
  const wrapped = (length: number) => Math.ceil(length / Math.max(1, width));
  return (
    1 +
    wrapped(2 + Math.min(300, error.detail.length)) +
    2 +
    Math.min(5, error.fieldErrors.length) +
    (error.fieldErrors.length > 5 ? 1 : 0)
  );
}
