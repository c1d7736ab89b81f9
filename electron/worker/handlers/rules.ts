/**
 * The rule tools' channels. Requests arrive already checked against the contract
 * (shared/contract/rules.ts); the operator is the one signed in to the calling window, never a
 * field of the request. Scans of the whole journal run as jobs of the journal's one runner
 * (../../jobs/ledgerJobs): the request answers with a job id at once, progress goes out as
 * `jobProgress` pushes, `cancelJob` stops it, and the result is fetched by the job's id.
 */
import type { z } from 'zod';
import type { OperatorRecord } from '../../../shared/contract/records';
import type { rulesChannels } from '../../../shared/contract/rules';
import type { RuleSet } from '../../../shared/rules/ruleSet';
import { activate, activationHistory, ruleSetsOverview, type ActivatingJournal } from '../../rules/activation';
import type { JobContext, JobState, LedgerJobs } from '../ledgerJobs';
import { observedInJournal, previewInJournal } from '../../rules/replayJournal';
import type { ObservedMatrix } from '../../../shared/rules/observed';
import type { PreviewResult } from '../../../shared/rules/preview';
import { parseRuleSetText, RuleSetFileError } from '../../rules/ruleSetFile';
import { releaseFile, type FileGrants } from '../../files/grants';
import { FileOpenError, readSmallFile } from '../../files/open';
import { FILE_SIZE_LIMITS } from '../../../shared/contract/files';
import { ruleSetHash, ruleSetKey } from '../../journal';
import { JournalRefusal, type JournalApi } from '../../journal/types';
import { rulesRoleRefusal } from '../../../shared/corrections/decide';

type Channels = typeof rulesChannels;
type Req<K extends keyof Channels> = z.output<Channels[K]['request']>;
type Res<K extends keyof Channels> = z.input<Channels[K]['response']>;

/** What the handlers need of the window that called: its journal, who is signed in, and the job table. */
export interface RulesContext {
  journal: JournalApi & Pick<ActivatingJournal, 'activateRuleSet'>;
  operator: OperatorRecord | null;
  /** The journal's job runner: jobs outlive the request that started them. */
  longJobs: LedgerJobs;
  /** The window that called, and the files it chose: a rule set file is read only from these. */
  session: { id: string };
  files: Pick<FileGrants, 'take'>;
}

function signedIn(ctx: RulesContext, what: string): OperatorRecord {
  if (!ctx.operator) throw new JournalRefusal('not-allowed', `sign in to ${what}`);
  return ctx.operator;
}

/**
 * A chosen rule set file, read once. Its problems are bad input, named by file and place:
 * "invalid", not an internal error.
 */
function readChosenRuleSet(ctx: RulesContext, fileId: string): RuleSet {
  const [file] = ctx.files.take(ctx.session.id, 'ruleSet', [fileId]);
  try {
    return parseRuleSetText(readSmallFile(file!.path, file!.name, FILE_SIZE_LIMITS.ruleSet), file!.name);
  } catch (e) {
    if (e instanceof RuleSetFileError || e instanceof FileOpenError) throw new JournalRefusal('invalid', e.message);
    throw e;
  } finally {
    releaseFile(file!);
  }
}

function unknownJob(jobId: string): never {
  throw new JournalRefusal('not-found', `no rule job ${jobId} (it may have finished long ago; run it again)`);
}

/** A rule job's state as the result channels give it; an id of another kind of job is not one of theirs. */
function ruleJobState<R>(ctx: RulesContext, kind: string, jobId: string) {
  const s: JobState<R> | undefined = ctx.longJobs.state<R>(jobId);
  if (!s || s.kind !== kind) return unknownJob(jobId);
  return { state: s.state, done: s.done, total: s.total, error: s.error, result: s.result };
}

/** The progress line of a scan, in the runner's one shape. */
const scanProgress = (job: JobContext, label: string) => (done: number, total: number) =>
  job.progress(done, total, `${label}: ${done} of ${total} events`);

export const rulesHandlers: { [K in keyof Channels]: (ctx: RulesContext, request: Req<K>) => Res<K> } = {
  ruleSets(ctx) {
    signedIn(ctx, 'see the rule sets');
    return ruleSetsOverview(ctx.journal);
  },

  ruleSetHistory(ctx) {
    signedIn(ctx, 'see which rules were in force when');
    return activationHistory(ctx.journal);
  },

  loadRuleSetFile(ctx, { file }) {
    signedIn(ctx, 'load a rule set');
    const ruleSet = readChosenRuleSet(ctx, file);
    return { key: ruleSetKey(ruleSet), hash: ruleSetHash(ruleSet), ruleSet };
  },

  startObservedTransitions(ctx, range) {
    signedIn(ctx, 'see the observed transitions');
    const journal = ctx.journal;
    const jobId = ctx.longJobs.start('rules-observed', async (job) => ({
      result: await observedInJournal(journal, range, {
        signal: job.signal,
        onProgress: scanProgress(job, 'Counting status changes'),
      }),
    }));
    return { jobId };
  },

  observedTransitionsResult(ctx, { jobId }) {
    signedIn(ctx, 'see the observed transitions');
    return ruleJobState<ObservedMatrix>(ctx, 'rules-observed', jobId);
  },

  transitionEvents(ctx, { seqs }) {
    signedIn(ctx, 'open events');
    return seqs.flatMap((seq) => {
      const e = ctx.journal.event({ seq });
      return e ? [e] : [];
    });
  },

  startRulePreview(ctx, request) {
    signedIn(ctx, 'preview a rule set');
    const candidate = request.ruleSet;
    const journal = ctx.journal;
    const jobId = ctx.longJobs.start('rules-preview', async (job) => ({
      result: await previewInJournal(journal, candidate, {
        signal: job.signal,
        onProgress: scanProgress(job, 'Replaying the history under the candidate rules'),
      }),
    }));
    return { jobId };
  },

  previewResult(ctx, { jobId }) {
    signedIn(ctx, 'preview a rule set');
    return ruleJobState<PreviewResult>(ctx, 'rules-preview', jobId);
  },

  activateRuleSet(ctx, { ruleSet, reason }) {
    const operator = signedIn(ctx, 'change the rules');
    // The journal checks the role again in the same transaction as the write; this is the
    // early, clear answer for a window whose operator is not a Supervisor.
    const byRole = rulesRoleRefusal(operator);
    if (byRole) throw new JournalRefusal(byRole.code, byRole.message);
    return activate(ctx.journal, ruleSet, { operatorId: operator.id, reason });
  },
};
