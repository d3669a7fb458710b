// The baseline for start-up: a bare Ink app, bundled like the real one, that renders one frame and
// exits. It imports Ink the way the TUI does (see src/tui/without-global-fetch.ts), so neither
// pays for undici.
import { withoutGlobalFetch } from '../src/tui/without-global-fetch.js';

const { render, Text, useApp } = await withoutGlobalFetch(() => import('ink'));
const { useEffect } = await import('react');

function Hello() {
  const { exit } = useApp();
  useEffect(() => exit(), [exit]);
  return <Text>invite-tui hello</Text>;
}

await render(<Hello />).waitUntilExit();
