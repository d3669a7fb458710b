// `npm run mutate [-- stryker options]`: runs Stryker, then checks each mutated module on its own.
// Stryker's `thresholds.break` applies to the score of all mutated files together, so a weak
// module could hide behind strong ones; here every module must reach it. Prints one row per module
// (the columns of docs/mutation.md) and exits non-zero if Stryker failed or any module is below.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import config from '../stryker.config.mjs';

const report = config.jsonReporter.fileName;
const floor = config.thresholds.break;

// A report left by an earlier run must not pass for this one's.
rmSync(report, { force: true });
const stryker = fileURLToPath(new URL('../node_modules/@stryker-mutator/core/bin/stryker.js', import.meta.url));
const run = spawnSync(process.execPath, [stryker, 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
if (!existsSync(report)) {
  console.error(`mutate: Stryker wrote no report (${report}); exit code ${run.status ?? run.signal}`);
  process.exit(1);
}

const { files } = JSON.parse(readFileSync(report, 'utf8'));
const rows = Object.entries(files)
  .map(([file, { mutants }]) => {
    const count = (status) => mutants.filter((mutant) => mutant.status === status).length;
    const row = {
      file,
      killed: count('Killed'),
      timeout: count('Timeout'),
      survived: count('Survived'),
      noCoverage: count('NoCoverage'),
    };
    // Stryker's own definition: detected over valid; compile and runtime errors, ignored mutants do not count.
    const valid = row.killed + row.timeout + row.survived + row.noCoverage;
    return { ...row, valid, score: valid === 0 ? 100 : ((row.killed + row.timeout) / valid) * 100 };
  })
  .sort((a, b) => a.file.localeCompare(b.file));

const width = Math.max(...rows.map((row) => row.file.length));
const cells = ['score', 'mutants', 'killed', 'timeout', 'survived', 'no coverage'];
console.log(`\n${'module'.padEnd(width)}  ${cells.map((cell) => cell.padStart(8)).join('  ')}`);
const below = [];
for (const row of rows) {
  const values = [`${row.score.toFixed(2)}%`, row.valid, row.killed, row.timeout, row.survived, row.noCoverage];
  const low = row.score < floor;
  if (low) below.push(row.file);
  console.log(
    `${row.file.padEnd(width)}  ${values.map((value) => String(value).padStart(8)).join('  ')}${low ? '  < ' + floor : ''}`,
  );
}
if (below.length > 0) console.error(`\nmutate: below ${floor}%: ${below.join(', ')}`);
process.exit(below.length > 0 || run.status !== 0 ? 1 : 0);
