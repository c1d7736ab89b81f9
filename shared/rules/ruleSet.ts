/**
 * Rule sets as data (the handbook's JSON format) and their compiled form for fast checks.
 */
import { z } from 'zod';
import { FLOOR_ROLES } from '../events/envelope';
import { workingHoursSchema, type WorkingHours } from '../people/workingHours';

/** The pseudo-status of a release from hold: whatever the order had when it was put on hold. */
export const BEFORE_HOLD = '$beforeHold';

const statusName = z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'a status name is letters and digits');

export const transitionSchema = z.object({
  from: z.union([statusName, z.array(statusName).min(1)]),
  to: z.union([statusName, z.literal(BEFORE_HOLD)]),
  roles: z.array(z.enum(FLOOR_ROLES)).min(1).optional(),
});
export type Transition = z.infer<typeof transitionSchema>;

export const ruleSetSchema = z
  .object({
    id: z.string().min(1).max(128),
    version: z.number().int().nonnegative(),
    name: z.string().min(1),
    statuses: z.array(statusName).min(1),
    initial: statusName,
    final: z.array(statusName),
    hold: statusName,
    roles: z.array(z.enum(FLOOR_ROLES)).min(1),
    pickableIn: z.array(statusName),
    transitions: z.array(transitionSchema),
    notes: z.string().optional(),
    /** The floor's working hours per role: events outside them are marked "after hours". */
    workingHours: workingHoursSchema.optional(),
    /**
     * Whether an event outside its role's working hours is also flagged, as an `after-hours`
     * warning; without it (the default) it is only marked, not an anomaly.
     */
    flagAfterHours: z.boolean().optional(),
  })
  .superRefine((rs, ctx) => {
    // Every status a rule names must be one the rule set declares: a typo would silently
    // make a whole row of the table unreachable.
    const known = new Set(rs.statuses);
    const check = (s: string, path: (string | number)[]) => {
      if (!known.has(s))
        ctx.addIssue({ code: 'custom', path, message: `"${s}" is not one of the rule set's statuses` });
    };
    check(rs.initial, ['initial']);
    check(rs.hold, ['hold']);
    rs.final.forEach((s, i) => check(s, ['final', i]));
    rs.pickableIn.forEach((s, i) => check(s, ['pickableIn', i]));
    rs.transitions.forEach((t, i) => {
      (Array.isArray(t.from) ? t.from : [t.from]).forEach((s) => check(s, ['transitions', i, 'from']));
      if (t.to !== BEFORE_HOLD) check(t.to, ['transitions', i, 'to']);
    });
  });
export type RuleSet = z.infer<typeof ruleSetSchema>;

/** Parse a rule set from decoded JSON, with every problem named by its place in the file. */
export function parseRuleSet(value: unknown): { ok: true; ruleSet: RuleSet } | { ok: false; problems: string[] } {
  const r = ruleSetSchema.safeParse(value);
  if (r.success) return { ok: true, ruleSet: r.data };
  return {
    ok: false,
    problems: r.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(rule set)'}: ${i.message}`),
  };
}

/** One row of the transition table, with its sources spelled out. */
export interface TransitionRow {
  from: string;
  to: string;
  /** Roles that may do it; `null` means every role. */
  roles: readonly string[] | null;
}

/** The table rows of a rule set, one per (from, to) pair as written (`$beforeHold` kept). */
export function transitionRows(ruleSet: RuleSet): TransitionRow[] {
  return ruleSet.transitions.flatMap((t) =>
    (Array.isArray(t.from) ? t.from : [t.from]).map((from) => ({ from, to: t.to, roles: t.roles ?? null })),
  );
}

/** A rule set ready for checking one event in constant time. */
export interface CompiledRules {
  ruleSet: RuleSet;
  statuses: ReadonlySet<string>;
  final: ReadonlySet<string>;
  hold: string;
  initial: string;
  pickableIn: ReadonlySet<string>;
  workingHours: WorkingHours | undefined;
  /** Events outside their role's working hours are flagged (`after-hours`), not only marked. */
  flagAfterHours: boolean;
  /**
   * Who may change from → to. `undefined`: no row allows it for anyone; `null`: every role;
   * otherwise the roles that may. `beforeHold` is consulted only when `from` is the hold status.
   */
  whoMay(from: string, to: string, beforeHold: string | null): ReadonlySet<string> | null | undefined;
}

export function compileRules(ruleSet: RuleSet): CompiledRules {
  // For each from → to, the union of the roles of every row that allows it (null = anyone).
  // Nested maps (from, then to), not one map keyed by a joined string: whoMay runs for every
  // status change of a replay, and building the key cost more than the lookups.
  const direct = new Map<string, Map<string, Set<string> | null>>();
  const release = new Map<string, Set<string> | null>(); // from → roles for `$beforeHold`
  const add = (table: Map<string, Set<string> | null>, key: string, roles: readonly string[] | null) => {
    const had = table.get(key);
    if (had === null) return; // already open to everyone
    if (roles === null) table.set(key, null);
    else table.set(key, new Set([...(had ?? []), ...roles]));
  };
  for (const row of transitionRows(ruleSet)) {
    if (row.to === BEFORE_HOLD) add(release, row.from, row.roles);
    else {
      let to = direct.get(row.from);
      if (!to) direct.set(row.from, (to = new Map()));
      add(to, row.to, row.roles);
    }
  }
  const merge = (a: Set<string> | null | undefined, b: Set<string> | null | undefined) => {
    if (a === undefined) return b;
    if (b === undefined) return a;
    if (a === null || b === null) return null;
    return new Set([...a, ...b]);
  };
  return {
    ruleSet,
    statuses: new Set(ruleSet.statuses),
    final: new Set(ruleSet.final),
    hold: ruleSet.hold,
    initial: ruleSet.initial,
    pickableIn: new Set(ruleSet.pickableIn),
    workingHours: ruleSet.workingHours,
    flagAfterHours: ruleSet.flagAfterHours === true && ruleSet.workingHours !== undefined,
    whoMay(from, to, beforeHold) {
      const d = direct.get(from)?.get(to);
      if (beforeHold === null || to !== beforeHold) return d;
      return merge(d, release.get(from));
    },
  };
}
