import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OperatorRecord } from '../../shared/contract/records';
import { answer, openFixture, session, type Fixture } from './fixture';

const WHY = 'Left the company at the end of November';

describe('Supervisors disable an operator and reset a password', () => {
  let f: Fixture;
  const sue = session('window-sue');
  const cleo = session('window-cleo');

  beforeEach(async () => {
    f = openFixture();
    answer(await f.call('createFirstSupervisor', { id: 'sue', name: 'Sue Park', password: 'password-1' }, sue));
    answer(await f.call('addOperator', { id: 'cleo', name: 'Cleo Ruiz', role: 'Clerk', password: 'password-2' }, sue));
    answer(await f.call('signIn', { operatorId: 'cleo', password: 'password-2' }, cleo));
  });
  afterEach(() => f.close());

  it('disabling ends the operator’s sessions and refuses their sign-in in plain words, as an audited office event', async () => {
    expect((await f.call('listOrders', {}, cleo)).ok).toBe(true);
    const done = answer<{ seq: number }>(await f.call('disableOperator', { operatorId: 'cleo', reason: WHY }, sue));
    expect(f.services.journal.event({ seq: done.seq })).toMatchObject({
      type: 'OperatorDisabled',
      orderId: '(operators)',
      initiatedBy: { id: 'sue', role: 'Supervisor' },
      data: { operatorId: 'cleo', reason: WHY },
    });
    // The window Cleo was signed in to is signed out on its next call.
    const after = await f.call('listOrders', {}, cleo);
    expect(!after.ok && after.error.code).toBe('not-signed-in');
    const again = await f.call('signIn', { operatorId: 'cleo', password: 'password-2' }, session('window-3'));
    expect(!again.ok && again.error.message).toMatch(/cleo has been disabled by a Supervisor/);
    // A wrong password says no more than for anyone else.
    const guess = await f.call('signIn', { operatorId: 'cleo', password: 'not-it-at-all' }, session('window-4'));
    expect(!guess.ok && guess.error.message).toMatch(/do not match/);
    const listed = answer<OperatorRecord[]>(await f.call('listOperators', {}, sue));
    expect(listed.find((o) => o.id === 'cleo')).toMatchObject({ disabled: true });
    expect(f.services.journal.order('(operators)')).toBeUndefined();
    expect(answer<{ ok: boolean }>(await f.call('verify', {}, sue)).ok).toBe(true);
  });

  it('refuses disabling yourself (so the last Supervisor stays), a disabled Supervisor acting, or a Clerk', async () => {
    const self = await f.call('disableOperator', { operatorId: 'sue', reason: WHY }, sue);
    expect(!self.ok && self.error.message).toMatch(/cannot disable yourself/);
    answer(await f.call('addOperator', { id: 'max', name: 'Max', role: 'Supervisor', password: 'password-3' }, sue));
    const max = session('window-max');
    answer(await f.call('signIn', { operatorId: 'max', password: 'password-3' }, max));
    answer(await f.call('disableOperator', { operatorId: 'sue', reason: WHY }, max));
    // Sue is disabled, so her window cannot act; Max, now the last Supervisor, cannot disable himself.
    const gone = await f.call('disableOperator', { operatorId: 'max', reason: WHY }, sue);
    expect(!gone.ok && gone.error.code).toBe('not-signed-in');
    const last = await f.call('disableOperator', { operatorId: 'max', reason: WHY }, max);
    expect(!last.ok && last.error.message).toMatch(/cannot disable yourself/);
    const clerk = await f.call('disableOperator', { operatorId: 'max', reason: WHY }, cleo);
    expect(!clerk.ok && clerk.error.code).toBe('not-allowed');
  });

  it('a reset password lets the operator in with the new one only, and the event keeps no password', async () => {
    const done = answer<{ seq: number }>(
      await f.call(
        'resetPassword',
        { operatorId: 'cleo', password: 'new-password-9', reason: 'Forgot it after the holidays' },
        sue,
      ),
    );
    const event = f.services.journal.event({ seq: done.seq })!;
    expect(event).toMatchObject({
      type: 'PasswordReset',
      data: { operatorId: 'cleo', reason: 'Forgot it after the holidays' },
    });
    expect(JSON.stringify(event)).not.toContain('new-password-9');
    const old = await f.call('signIn', { operatorId: 'cleo', password: 'password-2' }, session('window-5'));
    expect(old.ok).toBe(false);
    answer(await f.call('signIn', { operatorId: 'cleo', password: 'new-password-9' }, session('window-6')));
    const short = await f.call('resetPassword', { operatorId: 'cleo', password: 'short', reason: WHY }, sue);
    expect(!short.ok && short.error.message).toMatch(/at least 8 characters/);
    const byClerk = await f.call('resetPassword', { operatorId: 'sue', password: 'password-x1', reason: WHY }, cleo);
    expect(!byClerk.ok && byClerk.error.code).toBe('not-allowed');
  });
});
