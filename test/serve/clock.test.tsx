// --clock and --seed: the same keys give the same plain text on every settled screen, run after run.
import { afterEach, describe, expect, it } from 'vitest';
import { DOWN, ENTER, TAB } from '../helpers/keys.js';
import { renderFlow } from '../helpers/flow.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** Invite one address, then find it in Browse with its details open; every settled screen. */
async function inviteAndBrowse(): Promise<string[]> {
  const app = await renderFlow({ columns: 100, rows: 30 });
  close = app.close;
  const screens = [await app.waitFor('Choose an organization')];
  await app.press(DOWN, ENTER);
  screens.push(await app.waitFor('Who should be invited'));
  await app.press('fixed.clock@globex.test');
  screens.push(await app.waitFor('1 to send'));
  await app.press(ENTER);
  await app.waitFor('Which role');
  await app.press(ENTER);
  screens.push(await app.waitFor('Enter sends'));
  await app.press(ENTER);
  screens.push(await app.waitFor('Result 1 sent'));
  await app.press(TAB);
  screens.push(await app.waitFor(/of \d+/));
  await app.press('/', 'fixed.clock', ENTER);
  await app.waitFor(/\b1 of \d+/);
  await app.press('d');
  screens.push(await app.waitFor('created'));
  await close();
  close = undefined;
  return screens;
}

describe('a fixed clock', () => {
  it('the same keys twice give identical screens, new ids and times included', async () => {
    const first = await inviteAndBrowse();
    const second = await inviteAndBrowse();
    expect(second).toEqual(first);
    const details = first.at(-1)!;
    expect(details).toContain('2026-01-01T09:00:00.000Z (just now)');
    expect(details).toMatch(/inv_[a-z0-9]{10,}/);
    expect(first[4]).toContain('expires in 7d');
  });
});
