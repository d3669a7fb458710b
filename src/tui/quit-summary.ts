// What the terminal keeps after a quit in the middle of sending: which rows were sent, which
// failed, which were in flight (the server may or may not have them), and which never left.
import type { SendRow } from './flow/flow-reducer.js';

export function quitSummary(rows: readonly SendRow[], sanitizeAndRedact: (text: string) => string): string {
  if (rows.length === 0) return '';
  const line = (label: string, row: SendRow, note = '') =>
    `  ${label.padEnd(9)}${sanitizeAndRedact(row.display)}${note}\n`;
  const lines = rows.map((row) => {
    const { outcome } = row;
    if (outcome.state === 'sent') return line('sent', row);
    if (outcome.state === 'skipped') return line('skipped', row, ` (${outcome.reason})`);
    if (outcome.state === 'failed') {
      const { status, type, detail } = outcome.error;
      return line('failed', row, ` (${status ? `${status} ${type ?? ''}`.trim() : sanitizeAndRedact(detail)})`);
    }
    if (outcome.state === 'sending')
      return line('unknown', row, ' (in flight when you quit: check Browse or `invite-tui list`)');
    return line('not sent', row);
  });
  return `invite-tui: quit while sending; where each address stands:\n${lines.join('')}`;
}
