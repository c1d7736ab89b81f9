/** Editing a copy of the rules in a table gives back a rule set the journal will accept. */
import { describe, expect, it } from 'vitest';
import { FLOOR_RULES, HANDBOOK_1998 } from '../../shared/rules/builtin';
import { transitionRows } from '../../shared/rules/ruleSet';
import { addRow, draftOf, removeRow, ruleSetOf, toggleRole, updateRow } from '../../renderer/rules/ruleTable';

describe('the rule table editor', () => {
  it.each([FLOOR_RULES, HANDBOOK_1998])('round-trips $id with the version raised', (rs) => {
    const out = ruleSetOf(draftOf(rs));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.ruleSet.version).toBe(rs.version + 1);
    expect(transitionRows(out.ruleSet)).toEqual(transitionRows(rs));
    expect(out.ruleSet.statuses).toEqual(rs.statuses);
  });

  it('raises the version past the highest the journal knows', () => {
    expect(draftOf(FLOOR_RULES, 7).version).toBe(8);
  });

  it('lets a supervisor open a change to team leads, and "anyone" when every role is ticked', () => {
    let d = draftOf(HANDBOOK_1998);
    const hold = d.rows.find((r) => r.from === 'Picking' && r.to === 'OnHold')!;
    d = toggleRole(d, hold.key, 'TeamLead');
    expect(d.rows.find((r) => r.key === hold.key)?.roles).toEqual(['TeamLead', 'Supervisor']);
    for (const role of ['Picker', 'Packer', 'Shipper', 'System']) d = toggleRole(d, hold.key, role);
    expect(d.rows.find((r) => r.key === hold.key)?.roles).toBeNull();
    d = toggleRole(d, hold.key, 'Picker');
    expect(d.rows.find((r) => r.key === hold.key)?.roles).toEqual([
      'Packer',
      'Shipper',
      'TeamLead',
      'Supervisor',
      'System',
    ]);
  });

  it('names what is wrong: a change listed twice, a row nobody may use, an unknown status', () => {
    let d = draftOf(FLOOR_RULES);
    d = addRow(d);
    const row = d.rows[d.rows.length - 1]!;
    d = updateRow(d, row.key, { from: 'Picked', to: 'Packed' });
    let out = ruleSetOf(d);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.problems).toEqual(['the change Picked → Packed is in the table twice: merge the two rows']);

    d = updateRow(d, row.key, { from: 'Picked', to: 'Shipped', roles: [] });
    out = ruleSetOf(d);
    expect(!out.ok && out.problems[0]).toMatch(/row \d+ \(Picked → Shipped\): tick at least one role/);

    d = updateRow(d, row.key, { to: 'Lost', roles: null });
    out = ruleSetOf(d);
    expect(!out.ok && out.problems[0]).toMatch(/transitions\.\d+\.to: "Lost" is not one of the rule set's statuses/);

    out = ruleSetOf(removeRow(d, row.key));
    expect(out.ok).toBe(true);
  });
});
