/**
 * Every row of handbook §4 and the illegal changes it names, table-driven against the
 * shipped floor rules (v2). A row added to the rule set without a case here fails the
 * coverage test at the bottom.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { FLOOR_RULES } from '../../shared/rules/builtin';
import { BEFORE_HOLD, transitionRows } from '../../shared/rules/ruleSet';
import { FLOOR_ROLES } from '../../shared/events/envelope';
import { reach, replay, resetClock, to } from './fixtures';

beforeEach(resetClock);

const ANYONE = [...FLOOR_ROLES];
const LEADS = ['TeamLead', 'Supervisor'];
const LEADS_AND_SYSTEM = ['TeamLead', 'Supervisor', 'System'];
const ACTIVE = ['Received', 'PendingPicking', 'Picking', 'Picked', 'Packed'];

/** Handbook §4 as a table: from, to, who may. */
const HANDBOOK_ROWS: [string, string, string[]][] = [
  ['Received', 'PendingPicking', ANYONE],
  ['PendingPicking', 'Picking', ANYONE],
  ['Picking', 'Picked', ANYONE],
  ['Picking', 'PendingPicking', LEADS],
  ['Picked', 'Packed', ANYONE],
  ['Packed', 'Shipped', ANYONE],
  ['Shipped', 'Delivered', ANYONE],
  ...ACTIVE.map((from): [string, string, string[]] => [from, 'OnHold', LEADS_AND_SYSTEM]),
  ...ACTIVE.map((from): [string, string, string[]] => [from, 'Cancelled', LEADS_AND_SYSTEM]),
  ['OnHold', BEFORE_HOLD, LEADS_AND_SYSTEM],
  ['OnHold', 'Cancelled', LEADS_AND_SYSTEM],
];

describe('handbook §4: every allowed change, for every role', () => {
  for (const [from, target, allowed] of HANDBOOK_ROWS) {
    for (const role of FLOOR_ROLES) {
      const permitted = allowed.includes(role);
      it(`${from} → ${target} by ${role}: ${permitted ? 'allowed' : 'not-permitted'}`, () => {
        // The release from hold goes back to where the order was held from: test from Picking.
        const heldFrom = 'Picking';
        const toStatus = target === BEFORE_HOLD ? heldFrom : target;
        const history = reach(from, heldFrom);
        expect(replay(history).all.flat()).toEqual([]);
        const { last, state } = replay([...history, to(toStatus, role)]);
        expect(last.map((a) => a.kind)).toEqual(permitted ? [] : ['not-permitted']);
        // A flag never changes what the event does: the status is set either way.
        expect(state?.status).toBe(toStatus);
      });
    }
  }
});

describe('handbook §4: what is illegal', () => {
  const cases: [string, string, string, string?][] = [
    ['the missing package', 'Packed', 'PendingPicking'],
    ['shipping what was never picked', 'Picking', 'Shipped'],
    ['unshipping', 'Shipped', 'Packed'],
    ['skipping picking', 'PendingPicking', 'Packed'],
    ['holding a shipped order', 'Shipped', 'OnHold'],
    ['cancelling a shipped order', 'Shipped', 'Cancelled'],
    ['releasing a hold to somewhere else', 'OnHold', 'Packed', 'Picking'],
    ['releasing a hold to the start', 'OnHold', 'Received', 'Picking'],
  ];
  for (const [name, from, target, heldFrom] of cases) {
    it(`${name}: ${from} → ${target} is illegal-transition even for a Supervisor`, () => {
      const { last, state } = replay([...reach(from, heldFrom), to(target, 'Supervisor')]);
      expect(last.map((a) => a.kind)).toEqual(['illegal-transition']);
      expect(last[0]?.severity).toBe('error');
      expect(state?.status).toBe(target);
    });
  }

  it('says the illegal change in plain words', () => {
    const { last } = replay([...reach('Packed'), to('PendingPicking', 'TeamLead')]);
    expect(last[0]?.message).toBe('Packed → PendingPicking is not an allowed change');
  });

  for (const final of ['Delivered', 'Cancelled']) {
    it(`nothing leaves ${final}: every change out of it is after-final`, () => {
      for (const target of FLOOR_RULES.statuses.filter((s) => s !== final)) {
        resetClock();
        const { last } = replay([...reach(final), to(target, 'Supervisor')]);
        expect(last.map((a) => a.kind)).toEqual(['after-final']);
      }
    });
  }
});

describe('the shipped floor rules are the handbook table', () => {
  it('has exactly the rows of handbook §4, with the same roles', () => {
    const shipped = transitionRows(FLOOR_RULES)
      .map((r) => `${r.from}→${r.to}:${(r.roles ?? ANYONE).join(',')}`)
      .sort();
    const handbook = HANDBOOK_ROWS.map(([f, t, roles]) => `${f}→${t}:${roles.join(',')}`).sort();
    expect(shipped).toEqual(handbook);
  });
});
