// The baseline for start-up: a bare Ink app, bundled like the real one, that renders one frame and exits.
import { render, Text, useApp } from 'ink';
import { useEffect } from 'react';

function Hello() {
  const { exit } = useApp();
  useEffect(() => exit(), [exit]);
  return <Text>invite-tui hello</Text>;
}

await render(<Hello />).waitUntilExit();
