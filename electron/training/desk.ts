/**
 * The training desk: loads a scenario into the trainee's own training journal, writes the
 * trainee's answer there, grades it and records the attempt. It never opens the real journal
 * for writing; the only thing it reads from it is a flagged order's history, to turn a real
 * mistake into a scenario.
 *
 * While a trainee practises, the app's regular views read their training journal: the desk keeps
 * it open (`practiceJournal`) until the scenario is loaded again, the trainee leaves practice
 * (`closePractice`) or the desk is closed.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type {
  ProgressRecord,
  ScenarioSummaryRecord,
  StartedScenarioRecord,
  SubmitResultRecord,
} from '../../shared/contract/training';
import type { AppendedRecord, EventRecord } from '../../shared/contract/records';
import { foldEvent } from '../../shared/corrections/history';
import { instantOf } from '../../shared/events/envelope';
import { emptyOrder } from '../../shared/orders/orderState';
import { FLOOR_RULES } from '../../shared/rules/builtin';
import { compileRules, type RuleSet } from '../../shared/rules/ruleSet';
import { coverageReport, scenarioCoverage, taughtRules, type CoverageReport } from '../../shared/training/coverage';
import { scenarioFromAnomaly } from '../../shared/training/fromAnomaly';
import { grade, type TraineeAnswer } from '../../shared/training/grade';
import { summariseProgress } from '../../shared/training/progress';
import type { Scenario } from '../../shared/training/scenario';
import { Journal } from '../journal/journal';
import { JournalRefusal, type JournalApi, type OpenOptions } from '../journal/types';
import { appendAttempt, readAllAttempts, readAttempts } from './attempts';
import { loadLibrary, saveScenario, type Library } from './library';
import { savedScenariosFolder, traineeFiles, trainingFolder } from './paths';

/** Who is practising: a signed-in operator of the real journal. */
export interface Trainee {
  id: string;
  name: string;
}

export interface TrainingDeskOptions {
  /** The real journal: training files live beside it, never in it. */
  realJournalPath: string;
  /** Default: `training/` beside the real journal. */
  folder?: string;
  /** Where "real mistake" scenarios are saved; default `scenarios/` beside the real journal; `null` for none. */
  savedScenarios?: string | null;
  openJournal?: (path: string, options: OpenOptions) => Journal;
  /** better-sqlite3's Electron-ABI build, as the real journal was opened with (inside Electron). */
  nativeBinding?: string;
  now?: () => Date;
}

/** A practice as a window's session remembers it: which scenario, loaded when. */
export interface PracticeRef {
  scenarioId: string;
  startedAt: string;
}

interface Current {
  scenarioId: string;
  startedAt: string;
  answeredAt?: string;
}

/** The rules a training journal is created with, and so the rules scenarios are graded against. */
const TRAINING_RULES = compileRules(FLOOR_RULES);

export class TrainingDesk {
  readonly folder: string;
  readonly savedFolder: string | null;
  private readonly realPath: string;
  private readonly open: (path: string, options: OpenOptions) => Journal;
  private readonly now: () => Date;
  private cached: Library | undefined;
  /** The training journals open for practice, by trainee id. */
  private readonly practising = new Map<string, Journal>();
  /**
   * Each trainee's current scenario as its file says, read once: every view of a window in
   * practice asks, and only this desk writes the file.
   */
  private readonly currents = new Map<string, Current | undefined>();

  constructor(options: TrainingDeskOptions) {
    this.realPath = resolve(options.realJournalPath);
    this.folder = resolve(options.folder ?? trainingFolder(options.realJournalPath));
    this.savedFolder =
      options.savedScenarios === null ? null : resolve(options.savedScenarios ?? savedScenariosFolder(this.realPath));
    const binding = options.nativeBinding;
    this.open =
      options.openJournal ??
      ((path, o) => Journal.open(path, binding === undefined ? o : { ...o, nativeBinding: binding }));
    this.now = options.now ?? (() => new Date());
  }

  /** The handbook's cases and the saved real ones (re-read after a save). */
  library(): Library {
    this.cached ??= loadLibrary(this.savedFolder);
    return this.cached;
  }

  scenario(id: string): Scenario {
    const s = this.library().scenarios.find((x) => x.id === id);
    if (!s) throw new JournalRefusal('not-found', `no training scenario "${id}"`);
    return s;
  }

  listScenarios(): ScenarioSummaryRecord[] {
    return this.library().scenarios.map((s) => summary(s));
  }

  coverage(ruleSet: RuleSet = FLOOR_RULES): CoverageReport {
    return coverageReport(
      this.library().scenarios.filter((s) => s.origin.kind === 'handbook'),
      ruleSet,
    );
  }

  /** Load a scenario into a fresh training journal of the trainee's own. */
  start(trainee: Trainee, scenarioId: string): StartedScenarioRecord {
    const scenario = this.scenario(scenarioId);
    const files = this.filesOf(trainee.id);
    mkdirSync(this.folder, { recursive: true });
    this.closePractice(trainee.id);
    // Replacing the file is how a scenario starts over: make sure it is a training journal first.
    if (existsSync(files.journal)) this.openTraining(files.journal, false).close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(files.journal + suffix, { force: true });
    const journal = this.openTraining(files.journal, true);
    let started: StartedScenarioRecord;
    try {
      // The trainee is an operator of this journal only: a Trainee, whose corrections a training journal admits.
      journal.addOperator({
        id: trainee.id,
        name: trainee.name,
        role: 'Trainee',
        password: randomBytes(18).toString('base64url'),
      });
      journal.appendBatch(
        scenario.history.map((event) => ({ event, instant: instantOf(event.timestamp) })),
        `training:${scenario.id}`,
      );
      const startedAt = this.now().toISOString();
      this.saveCurrent(trainee.id, files.current, { scenarioId, startedAt });
      started = {
        scenarioId,
        title: scenario.title,
        question: scenario.question,
        orderId: scenario.orderId,
        journalPath: journal.path,
        history: historyOf(journal, scenario.orderId),
        statuses: [...journal.activeRuleSet().ruleSet.statuses],
        startedAt,
      };
    } catch (e) {
      journal.close();
      throw e;
    }
    // Kept open: the trainee's views read it from now on.
    this.practising.set(trainee.id, journal);
    return started;
  }

  /**
   * The training journal a trainee practises `practice` in, for the regular views to read. Refused
   * when that practice is over: the scenario was loaded again since (in another window) or its
   * file is gone.
   */
  practiceJournal(traineeId: string, practice: PracticeRef): Journal {
    const files = this.filesOf(traineeId);
    const current = this.currentOf(traineeId, files.current);
    if (!current || current.scenarioId !== practice.scenarioId || current.startedAt !== practice.startedAt) {
      throw new JournalRefusal(
        'refused',
        'this practice is over (the scenario was loaded again elsewhere): pick a scenario on the Training page',
      );
    }
    return this.journalOf(traineeId, files.journal);
  }

  private currentOf(traineeId: string, path: string): Current | undefined {
    if (!this.currents.has(traineeId)) this.currents.set(traineeId, readCurrent(path));
    return this.currents.get(traineeId);
  }

  private saveCurrent(traineeId: string, path: string, current: Current): void {
    writeFileSync(path, JSON.stringify(current));
    this.currents.set(traineeId, current);
  }

  /** Close the trainee's training journal (leaving practice, signing out); it opens again when next read. */
  closePractice(traineeId: string): void {
    const journal = this.practising.get(traineeId);
    this.practising.delete(traineeId);
    journal?.close();
  }

  /** Close every training journal the desk holds open (the real journal is closed or replaced). */
  close(): void {
    for (const id of [...this.practising.keys()]) this.closePractice(id);
  }

  /**
   * Write the answer in the training journal, grade it and record the attempt. `expectedSeq` is
   * the order's last seq as the trainee saw it (the correction form's guard); by default, as it is now.
   */
  submit(trainee: Trainee, scenarioId: string, answer: TraineeAnswer, expectedSeq?: number): SubmitResultRecord {
    const scenario = this.scenario(scenarioId);
    const files = this.filesOf(trainee.id);
    const current = this.currentOf(trainee.id, files.current);
    if (!current || current.scenarioId !== scenarioId || !existsSync(files.journal)) {
      throw new JournalRefusal('refused', `scenario "${scenarioId}" is not loaded: start it first`);
    }
    if (current.answeredAt) {
      throw new JournalRefusal(
        'refused',
        `you have already answered "${scenario.title}": see the result, and press "Try again" there to start it over`,
      );
    }
    const journal = this.journalOf(trainee.id, files.journal);
    const base = {
      operatorId: trainee.id,
      orderId: scenario.orderId,
      expectedSeq: expectedSeq ?? journal.order(scenario.orderId)?.lastSeq ?? 0,
    };
    let applied: AppendedRecord | null = null;
    let refusal: string | null = null;
    try {
      if (answer.action === 'correct') {
        applied = journal.correct({
          ...base,
          status: answer.status,
          reason: answer.reason,
          correctsEventId: answer.eventId,
        });
      } else if (answer.action === 'dismiss') {
        applied = journal.dismiss({ ...base, dismissesEventId: answer.eventId, reason: answer.reason });
      }
    } catch (e) {
      if (!(e instanceof JournalRefusal)) throw e;
      refusal = e.message;
    }
    const history = historyOf(journal, scenario.orderId);

    const g = grade(scenario, answer);
    const answeredAt = this.now();
    const previous = readAttempts(files.attempts).filter((a) => a.scenarioId === scenarioId).length;
    const attempt = {
      traineeId: trainee.id,
      traineeName: trainee.name,
      scenarioId,
      scenarioTitle: scenario.title,
      attempt: previous + 1,
      startedAt: current.startedAt,
      answeredAt: answeredAt.toISOString(),
      seconds: Math.max(0, Math.round((answeredAt.getTime() - Date.parse(current.startedAt)) / 1000)),
      answer,
      score: g.score,
      passed: g.passed,
      verdicts: g.verdicts.map((v) => ({ criterion: v.criterion, ok: v.ok })),
      rulesWrong: g.passed ? [] : taughtRules(scenarioCoverage(scenario, TRAINING_RULES)),
    };
    appendAttempt(files.attempts, attempt);
    this.saveCurrent(trainee.id, files.current, { ...current, answeredAt: attempt.answeredAt });
    return { grade: g, attempt, applied, refusal, history };
  }

  /** One trainee's progress, or (for a Supervisor) everyone's, including operators who have not started. */
  progress(traineeId?: string, trainees: readonly Trainee[] = []): ProgressRecord[] {
    const total = this.library().scenarios.length;
    if (traineeId !== undefined) {
      const known = trainees.filter((t) => t.id === traineeId);
      const attempts = readAttempts(this.filesOf(traineeId).attempts);
      const rows = summariseProgress(attempts, total, known.length ? known : [{ id: traineeId, name: traineeId }]);
      return rows.filter((r) => r.traineeId === traineeId);
    }
    return summariseProgress(readAllAttempts(this.folder), total, trainees);
  }

  /**
   * "Practise on a real mistake": copy the flagged event's order history from the real journal,
   * with people's names replaced, into a scenario saved in the user data folder.
   */
  scenarioFromAnomaly(
    real: JournalApi,
    supervisor: Trainee,
    request: { eventId: string; title?: string; explanation?: string },
  ): ScenarioSummaryRecord {
    if (this.savedFolder === null) throw new JournalRefusal('refused', 'this workstation keeps no saved scenarios');
    if (real.kind !== 'real') throw new JournalRefusal('refused', 'a scenario is made from the real journal only');
    const event = real.event({ eventId: request.eventId });
    if (!event) throw new JournalRefusal('not-found', `no event "${request.eventId}" in the journal`);
    const history = real.history(event.orderId);
    const resolvedSeq = event.anomalies.find((a) => a.resolvedBySeq !== null)?.resolvedBySeq ?? null;
    const resolvedBy = resolvedSeq === null ? undefined : real.event({ seq: resolvedSeq });
    const taken = new Set(this.library().scenarios.map((s) => s.id));
    let n = 1;
    while (taken.has(`real-${n}`) || existsSync(`${this.savedFolder}/real-${n}.json`)) n++;
    const ruleSet = real.activeRuleSet().ruleSet;
    let scenario: Scenario;
    try {
      scenario = scenarioFromAnomaly({
        history,
        eventId: request.eventId,
        scenarioId: `real-${n}`,
        orderId: `T${String(n).padStart(4, '0')}`,
        ...(resolvedBy ? { resolvedBy } : {}),
        rules: ruleSet,
        createdBy: supervisor.id,
        createdAt: this.now().toISOString(),
        ...(request.title ? { title: request.title } : {}),
        ...(request.explanation ? { explanation: request.explanation } : {}),
      });
    } catch (e) {
      throw new JournalRefusal('invalid', (e as Error).message);
    }
    saveScenario(this.savedFolder, scenario);
    this.cached = undefined;
    return summary(scenario);
  }

  private filesOf(traineeId: string) {
    const files = traineeFiles(this.folder, traineeId);
    if (resolve(files.journal) === this.realPath) {
      throw new JournalRefusal('refused', 'the training folder holds the real journal: training refuses to touch it');
    }
    return files;
  }

  /** The trainee's training journal, open already or opened now (and kept open). */
  private journalOf(traineeId: string, path: string): Journal {
    let journal = this.practising.get(traineeId);
    if (!journal) {
      if (!existsSync(path)) throw new JournalRefusal('refused', 'no scenario is loaded: start one first');
      journal = this.openTraining(path, false);
      this.practising.set(traineeId, journal);
    }
    return journal;
  }

  /** Open a trainee's training journal, making sure it is one. */
  private openTraining(path: string, create: boolean): Journal {
    const journal = this.open(path, { create, kind: 'training' });
    if (journal.kind !== 'training') {
      journal.close();
      throw new JournalRefusal('refused', `${path} is not a training journal: training refuses to write in it`);
    }
    return journal;
  }
}

function summary(s: Scenario): ScenarioSummaryRecord {
  const c = scenarioCoverage(s, TRAINING_RULES);
  return {
    id: s.id,
    title: s.title,
    question: s.question,
    orderId: s.orderId,
    origin: s.origin,
    events: s.history.length,
    rows: c.rows,
    kinds: c.kinds,
  };
}

/** The order's history with the status after each event, as the correction views show it. */
function historyOf(journal: JournalApi, orderId: string): SubmitResultRecord['history'] {
  const rules = journal.activeRuleSet().ruleSet;
  let state = emptyOrder(orderId);
  return journal.history(orderId).map((record: EventRecord) => {
    state = foldEvent(state, record, rules);
    return { ...record, statusAfter: state.status };
  });
}

function readCurrent(path: string): Current | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Current;
  } catch {
    return undefined;
  }
}
