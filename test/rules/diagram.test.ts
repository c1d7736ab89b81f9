/**
 * The handbook page must say exactly what the rule set says: every status a node, every row of
 * the transition table an arrow with its roles, releases from hold spelled out.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULE_SETS, FLOOR_RULES, HANDBOOK_1998 } from '../../shared/rules/builtin';
import { diagramModel, holdableStatuses, RELEASE_LABEL } from '../../shared/rules/diagram';
import { layoutDiagram, type Point } from '../../shared/rules/diagramLayout';
import { BEFORE_HOLD, compileRules, transitionRows, type RuleSet } from '../../shared/rules/ruleSet';

describe.each(BUILTIN_RULE_SETS.map((rs) => [rs.id, rs] as const))('diagram of %s', (_id, ruleSet: RuleSet) => {
  const model = diagramModel(ruleSet);

  it('has one node per status, and nothing else', () => {
    expect(model.nodes.map((n) => n.id)).toEqual(ruleSet.statuses);
    expect(model.nodes.find((n) => n.id === ruleSet.initial)?.kind).toBe('initial');
    for (const f of ruleSet.final) expect(model.nodes.find((n) => n.id === f)?.kind).toBe('final');
    expect(model.nodes.find((n) => n.id === ruleSet.hold)?.kind).toBe('hold');
  });

  it('draws every row of the transition table as an arrow carrying its roles', () => {
    const holdable = holdableStatuses(ruleSet);
    for (const row of transitionRows(ruleSet)) {
      const targets = row.to === BEFORE_HOLD ? holdable : [row.to];
      expect(targets.length).toBeGreaterThan(0);
      for (const to of targets) {
        const edge = model.edges.find(
          (e) => e.from === row.from && e.to === to && e.release === (row.to === BEFORE_HOLD),
        );
        expect(edge, `${row.from} → ${row.to === BEFORE_HOLD ? `${to} (release)` : to}`).toBeDefined();
        if (row.roles === null) expect(edge!.roles).toBeNull();
        else if (edge!.roles !== null) for (const r of row.roles) expect(edge!.roles).toContain(r);
        if (row.to === BEFORE_HOLD) expect(edge!.label).toContain(RELEASE_LABEL);
      }
    }
  });

  it('draws no arrow the rules do not allow, and with the same roles the checker uses', () => {
    const rules = compileRules(ruleSet);
    for (const e of model.edges) {
      const who = rules.whoMay(e.from, e.to, e.release ? e.to : null);
      expect(who, e.id).not.toBeUndefined();
      if (!e.release) {
        // A direct arrow carries exactly the roles the checker would accept for that change.
        expect(who === null ? null : [...(who ?? [])].sort()).toEqual(e.roles === null ? null : [...e.roles].sort());
      }
    }
  });

  it('lays out every node and every arrow with elkjs, without overlapping boxes', async () => {
    const layout = await layoutDiagram(model);
    expect(layout.nodes).toHaveLength(model.nodes.length);
    expect(layout.edges).toHaveLength(model.edges.length);
    for (const e of layout.edges) expect(e.points.length, e.id).toBeGreaterThanOrEqual(2);
    for (const a of layout.nodes)
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.id} and ${b.id} overlap`).toBe(true);
      }
    expect(layout.width).toBeGreaterThan(0);
    expect(layout.height).toBeGreaterThan(0);
  });

  it('routes every arrow at right angles, with few crossings, each label beside its own arrow', async () => {
    const layout = await layoutDiagram(model);
    const segments = (points: readonly Point[]) => points.slice(1).map((q, i) => [points[i]!, q] as const);
    for (const e of layout.edges)
      for (const [a, b] of segments(e.points))
        expect(Math.abs(a.x - b.x) < 0.01 || Math.abs(a.y - b.y) < 0.01, `${e.id} has a slanted piece`).toBe(true);
    // Fans into hold and cancellation cannot all be drawn apart; a handful of crossings can.
    let crossings = 0;
    layout.edges.forEach((e, i) =>
      layout.edges.slice(i + 1).forEach((f) => {
        for (const s of segments(e.points)) for (const t of segments(f.points)) if (cross(s, t)) crossings++;
      }),
    );
    expect(crossings).toBeLessThanOrEqual(3);
    // elk places each label with its arrow: the box touches (within the label spacing) one of its pieces.
    const shown = layout.edges.filter((e) => e.labelShown);
    expect(shown.length).toBeGreaterThan(5);
    for (const e of shown) {
      const box = e.labelAt;
      const gap = Math.min(
        ...segments(e.points).map(([p, q]) =>
          Math.hypot(
            Math.max(0, box.x - Math.max(p.x, q.x), Math.min(p.x, q.x) - (box.x + box.width)),
            Math.max(0, box.y - Math.max(p.y, q.y), Math.min(p.y, q.y) - (box.y + box.height)),
          ),
        ),
      );
      expect(gap, `the label of ${e.id} is ${gap} px from it`).toBeLessThanOrEqual(6);
      for (const n of layout.nodes) expect(overlap(box, n), `the label of ${e.id} covers ${n.id}`).toBe(false);
    }
    shown.forEach((e, i) =>
      shown.slice(i + 1).forEach((f) => expect(overlap(e.labelAt, f.labelAt), `${e.id} and ${f.id}`).toBe(false)),
    );
  });
});

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) =>
  !(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y);

/** Whether two pieces of route cross each other properly (touching at an end does not count). */
function cross(a: readonly [Point, Point], b: readonly [Point, Point]): boolean {
  const side = (p: Point, q: Point, r: Point) => Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
  return side(b[0], b[1], a[0]) * side(b[0], b[1], a[1]) < 0 && side(a[0], a[1], b[0]) * side(a[0], a[1], b[1]) < 0;
}

describe('the two bundled rule sets drawn side by side', () => {
  it('shows PostPicking only in the 1998 handbook, and the release from hold labelled in both', () => {
    const v2 = diagramModel(FLOOR_RULES);
    const old = diagramModel(HANDBOOK_1998);
    expect(v2.nodes.some((n) => n.id === 'PostPicking')).toBe(false);
    expect(old.edges.some((e) => e.from === 'Picked' && e.to === 'PostPicking')).toBe(true);
    expect(v2.edges.some((e) => e.from === 'Picked' && e.to === 'Packed')).toBe(true);
    // Releases go back to each status an order can be held from: five on v2, six in 1998.
    expect(v2.edges.filter((e) => e.release).map((e) => e.to)).toEqual([
      'Received',
      'PendingPicking',
      'Picking',
      'Picked',
      'Packed',
    ]);
    expect(old.edges.filter((e) => e.release)).toHaveLength(6);
    expect(v2.edges.find((e) => e.from === 'Picking' && e.to === 'PendingPicking')?.rolesLabel).toBe(
      'TeamLead, Supervisor',
    );
    expect(v2.edges.find((e) => e.from === 'Received' && e.to === 'PendingPicking')?.rolesLabel).toBe('anyone');
  });
});

describe('labels on the drawing', () => {
  it('say each fan of like arrows once, and every other arrow its own roles', async () => {
    const model = diagramModel(FLOOR_RULES);
    const layout = await layoutDiagram(model);
    const toHold = layout.edges.filter((e) => e.to === 'OnHold');
    expect(toHold).toHaveLength(5);
    expect(toHold.filter((e) => e.labelShown)).toHaveLength(1);
    expect(layout.edges.filter((e) => e.release && e.labelShown)).toHaveLength(1);
    expect(layout.edges.find((e) => e.from === 'Picking' && e.to === 'PendingPicking')?.labelShown).toBe(true);
    // The flow reads downwards: the start above everything, the final statuses below it.
    const y = (s: string) => layout.nodes.find((n) => n.id === s)!.y;
    expect(y('Received')).toBeLessThan(y('PendingPicking'));
    expect(y('Packed')).toBeLessThan(y('Shipped'));
    expect(y('Shipped')).toBeLessThan(y('Delivered'));
  });
});
