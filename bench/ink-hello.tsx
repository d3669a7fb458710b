// The baseline for start-up: a bare Ink app, bundled like the real one, that renders one frame and
// exits. It imports Ink with `fetch` hidden as the TUI does, so neither pays for undici.
import { restoreGlobalFetch } from './hide-global-fetch.js';
import { render, Text, useApp } from 'ink';
import { useEffect } from 'react';

restoreGlobalFetch();

function Hello() {
  const { exit } = useApp();
  useEffect(() => exit(), [exit]);
  return <Text>invite-tui hello</Text>;
}

await render(<Hello />).waitUntilExit();
