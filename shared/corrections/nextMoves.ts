/**
 * What the rules let the next event do from a status: the plain note beside each status the
 * correction form offers, so the operator sees where the order can go once it is put right.
 */
import type { OrderState } from '../orders/orderState';
import type { CompiledRules } from '../rules/ruleSet';

export interface NextMove {
  to: string;
  /** Roles that may make the change; `null` means anyone. */
  roles: readonly string[] | null;
}

/** Every change the rules allow out of the order's status, in the rule set's status order. */
export function nextMoves(state: Pick<OrderState, 'status' | 'beforeHold'>, rules: CompiledRules): NextMove[] {
  const from = state.status;
  if (from === null || rules.final.has(from)) return [];
  const moves: NextMove[] = [];
  for (const to of rules.ruleSet.statuses) {
    if (to === from) continue;
    const who = rules.whoMay(from, to, from === rules.hold ? state.beforeHold : null);
    if (who === undefined) continue;
    moves.push({ to, roles: who === null ? null : rules.ruleSet.roles.filter((r) => who.has(r)) });
  }
  return moves;
}

/**
 * "Next: Shipped (anyone); OnHold or Cancelled (TeamLead, Supervisor or System)." Moves open to
 * the same roles are grouped, so the note stays one line.
 */
export function describeNextMoves(status: string | null, moves: readonly NextMove[], rules: CompiledRules): string {
  if (status !== null && rules.final.has(status)) return `${status} is final: no event may follow it without a flag.`;
  if (moves.length === 0) return `The rules allow no change out of ${status ?? 'no status'}.`;
  const groups = new Map<string, string[]>();
  for (const m of moves) {
    const who = m.roles === null ? 'anyone' : orList(m.roles);
    groups.set(who, [...(groups.get(who) ?? []), m.to]);
  }
  const parts = [...groups].map(([who, tos]) => `${orList(tos)} (${who})`);
  return `Next may be ${parts.join('; ')}.`;
}

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]!}`;
}
