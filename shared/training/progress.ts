/**
 * Progress per trainee from their graded attempts: scenarios done, first-try score, time taken
 * and the rules they got wrong. Pure: the attempts come from wherever they are kept.
 */
import type { AttemptRecord, ProgressRecord } from '../contract/training';

/** Summarise the attempts of each trainee (in the order the attempts were made). */
export function summariseProgress(
  attempts: readonly AttemptRecord[],
  scenariosTotal: number,
  trainees: readonly { id: string; name: string }[] = [],
): ProgressRecord[] {
  const byTrainee = new Map<string, AttemptRecord[]>();
  for (const t of trainees) byTrainee.set(t.id, []);
  for (const a of attempts) {
    const list = byTrainee.get(a.traineeId) ?? [];
    list.push(a);
    byTrainee.set(a.traineeId, list);
  }
  const names = new Map(trainees.map((t) => [t.id, t.name]));
  return [...byTrainee.entries()]
    .map(([traineeId, list]) =>
      progressOf(traineeId, names.get(traineeId) ?? list[0]?.traineeName ?? traineeId, list, scenariosTotal),
    )
    .sort((a, b) => a.traineeName.localeCompare(b.traineeName) || a.traineeId.localeCompare(b.traineeId));
}

function progressOf(
  traineeId: string,
  traineeName: string,
  attempts: readonly AttemptRecord[],
  scenariosTotal: number,
): ProgressRecord {
  const byScenario = new Map<string, AttemptRecord[]>();
  for (const a of attempts) {
    const list = byScenario.get(a.scenarioId) ?? [];
    list.push(a);
    byScenario.set(a.scenarioId, list);
  }
  const scenarios = [...byScenario.values()].map((list) => {
    const first = list[0]!;
    return {
      scenarioId: first.scenarioId,
      title: first.scenarioTitle,
      attempts: list.length,
      firstScore: first.score,
      bestScore: Math.max(...list.map((a) => a.score)),
      passed: list.some((a) => a.passed),
      seconds: list.reduce((s, a) => s + a.seconds, 0),
    };
  });
  const wrong = new Map<string, number>();
  for (const a of attempts) if (!a.passed) for (const r of a.rulesWrong) wrong.set(r, (wrong.get(r) ?? 0) + 1);
  const firsts = scenarios.map((s) => s.firstScore);
  return {
    traineeId,
    traineeName,
    scenariosTotal,
    scenariosDone: scenarios.length,
    scenariosPassed: scenarios.filter((s) => s.passed).length,
    firstTryScore: firsts.length ? Math.round((10 * firsts.reduce((s, x) => s + x, 0)) / firsts.length) / 10 : null,
    firstTryPassed: scenarios.filter((s) => s.firstScore === 100).length,
    secondsTotal: attempts.reduce((s, a) => s + a.seconds, 0),
    rulesWrong: [...wrong.entries()]
      .map(([rule, times]) => ({ rule, times }))
      .sort((a, b) => b.times - a.times || a.rule.localeCompare(b.rule)),
    scenarios,
  };
}
