// The patches in patches/ are applied to the installed packages (patch-package, on install), so
// these tests run the patched code: Ink's line caches shared across frames must never show a
// stale line, and its shared blank cell must never carry text from an earlier frame.
import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a build script in plain JavaScript, without type declarations
import { assertPatchesApplied, patchedFiles } from '../../scripts/patches.mjs';

const rows = Array.from({ length: 2_000 }, (_, index) => `row ${index} ${'·'.repeat(index % 7)}`.trimEnd());

function Window({ top, height }: { top: number; height: number }) {
  return (
    <Box flexDirection="column">
      {rows.slice(top, top + height).map((row, slot) => (
        <Box key={slot} paddingLeft={slot % 3}>
          <Text color={slot === 0 ? 'cyan' : undefined}>{row}</Text>
        </Box>
      ))}
    </Box>
  );
}

const expected = (top: number, height: number) =>
  rows
    .slice(top, top + height)
    .map((row, slot) => `${' '.repeat(slot % 3)}${row}`)
    .join('\n');

describe('the dependency patches', () => {
  it('are each applied to the installed package', () => {
    const files = patchedFiles() as { file: string }[];
    expect(files.map(({ file }) => file)).toEqual(
      expect.arrayContaining(['node_modules/ink/build/output.js', 'node_modules/string-width/index.js']),
    );
    expect(() => assertPatchesApplied()).not.toThrow();
  });

  it("keep every frame of Ink's output right across hundreds of frames (shared caches)", () => {
    const { lastFrame, rerender, unmount } = render(<Window top={0} height={20} />);
    // Down past the cache's bound and back, then jumps: every frame reuses and evicts lines.
    const tops = [
      ...Array.from({ length: 200 }, (_, i) => i),
      ...Array.from({ length: 100 }, (_, i) => 200 - i),
      1_900,
      0,
      950,
    ];
    for (const top of tops) {
      rerender(<Window top={top} height={20} />);
      expect(lastFrame()).toBe(expected(top, 20));
    }
    unmount();
  });

  it('leave blank cells blank when a frame gets shorter or narrower (shared blank cell)', () => {
    const { lastFrame, rerender, unmount } = render(<Window top={100} height={20} />);
    rerender(<Window top={5} height={3} />);
    expect(lastFrame()).toBe(expected(5, 3));
    rerender(<Window top={1_500} height={6} />);
    expect(lastFrame()).toBe(expected(1_500, 6));
    unmount();
  });
});
