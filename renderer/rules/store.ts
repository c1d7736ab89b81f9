/**
 * The rule views' state: the rule sets, the observed matrix, the candidate rule set and its
 * preview, and activation. One store per window (`rulesStore`), or one per test with a fake ledger.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ResponseOf } from '../../shared/contract/channels';
import type { ObservedMatrixRecord, PreviewResultRecord, RuleActivationRecord } from '../../shared/contract/rules';
import type { EventRecord, OperatorRecord } from '../../shared/contract/records';
import { parseRuleSet, type RuleSet } from '../../shared/rules/ruleSet';
import { MIN_REASON_LENGTH, reasonRule } from '../../shared/corrections/decide';
import { draftOf, ruleSetOf, type RuleDraft } from './ruleTable';
import { messageOf, windowLedger, type RulesLedger } from './ledger';

export type RulesTab = 'diagram' | 'observed' | 'preview' | 'history';

/** Where the candidate came from, to say so on the page. */
export type CandidateSource = 'bundled' | 'file' | 'pasted' | 'table' | 'history';

export interface JobView<R> {
  jobId: string | null;
  running: boolean;
  done: number;
  total: number | null;
  error: string | null;
  result: R | null;
}

const idle = <R>(): JobView<R> => ({ jobId: null, running: false, done: 0, total: null, error: null, result: null });

export interface RulesState {
  tab: RulesTab;
  operator: OperatorRecord | null;
  active: RuleActivationRecord | null;
  bundled: { key: string; hash: string; ruleSet: RuleSet }[];
  history: RuleActivationRecord[];
  loadError: string | null;

  /** The rule set the diagram shows (the one in force unless another is picked). */
  diagramKey: string | null;

  observedRange: { from: string; to: string };
  observed: JobView<ObservedMatrixRecord>;
  /** The opened cell of the matrix and its events. */
  cell: { from: string | null; to: string; events: EventRecord[]; more: number } | null;

  candidate: { ruleSet: RuleSet; source: CandidateSource; label: string } | null;
  candidateProblems: string[];
  draft: RuleDraft | null;
  pasted: string;
  preview: JobView<PreviewResultRecord>;

  activation: {
    reason: string;
    busy: boolean;
    error: string | null;
    done: string | null;
    /** The preview being confirmed: activation is asked with its verdict and counts, then written. */
    confirming: PreviewResultRecord | null;
  };
}

export interface RulesActions {
  setTab(tab: RulesTab): void;
  load(): Promise<void>;
  showDiagram(key: string): void;
  setObservedRange(range: Partial<{ from: string; to: string }>): void;
  runObserved(): Promise<void>;
  openCell(from: string | null, to: string): Promise<void>;
  closeCell(): void;
  useBundled(key: string): void;
  /** Choose a rule set JSON file (the app's dialog) and read it as the candidate. */
  loadFile(): Promise<void>;
  setPasted(text: string): void;
  usePasted(): void;
  editCopy(): void;
  setDraft(draft: RuleDraft): void;
  useDraft(): void;
  runPreview(): Promise<void>;
  cancelPreview(): Promise<void>;
  setReason(reason: string): void;
  /** Show the preview's verdict and counts and ask to confirm (needs a whole preview and a reason). */
  askToActivate(): void;
  cancelActivation(): void;
  /** Write the activation that was asked and confirmed; nothing without a confirmation. */
  activateCandidate(): Promise<void>;
  /** "Put back in force": the earlier rule set becomes the candidate and is previewed first. */
  putBack(entry: RuleActivationRecord): Promise<void>;
}

export type RulesStore = StoreApi<RulesState & RulesActions>;

/** How often a running job is asked where it stands. */
const POLL_MS = 200;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createRulesStore(
  ledger: () => RulesLedger = windowLedger,
  /** Starting values (tests and server-side rendering, which show the initial state). */
  initial: Partial<RulesState> = {},
): RulesStore {
  return createStore<RulesState & RulesActions>()((set, get) => {
    /** Follow a job until it ends, mirroring its progress into `key`. */
    async function follow<K extends 'observed' | 'preview'>(
      key: K,
      jobId: string,
      fetch: (jobId: string) => Promise<ResponseOf<'previewResult'> | ResponseOf<'observedTransitionsResult'>>,
    ): Promise<void> {
      for (;;) {
        if (get()[key].jobId !== jobId) return; // superseded by a newer run
        let s;
        try {
          s = await fetch(jobId);
        } catch (e) {
          set({ [key]: { ...get()[key], running: false, error: messageOf(e) } } as Partial<RulesState>);
          return;
        }
        if (get()[key].jobId !== jobId) return;
        const running = s.state === 'running';
        set({
          [key]: { jobId, running, done: s.done, total: s.total, error: s.error, result: s.result },
        } as Partial<RulesState>);
        if (!running) return;
        await sleep(POLL_MS);
      }
    }

    const setCandidate = (ruleSet: RuleSet, source: CandidateSource, label: string) =>
      set({
        candidate: { ruleSet, source, label },
        candidateProblems: [],
        preview: idle(),
        activation: { ...get().activation, confirming: null },
      });

    return {
      tab: 'diagram',
      operator: null,
      active: null,
      bundled: [],
      history: [],
      loadError: null,
      diagramKey: null,
      observedRange: { from: '', to: '' },
      observed: idle(),
      cell: null,
      candidate: null,
      candidateProblems: [],
      draft: null,
      pasted: '',
      preview: idle(),
      activation: { reason: '', busy: false, error: null, done: null, confirming: null },
      ...initial,

      setTab: (tab) => set({ tab }),

      async load() {
        try {
          const l = ledger();
          const [session, sets, history] = await Promise.all([l.session({}), l.ruleSets({}), l.ruleSetHistory({})]);
          set({
            operator: session.operator,
            active: sets.active,
            bundled: sets.bundled,
            history,
            loadError: null,
            diagramKey: get().diagramKey ?? sets.active.key,
          });
        } catch (e) {
          set({ loadError: messageOf(e) });
        }
      },

      showDiagram: (key) => set({ diagramKey: key }),

      setObservedRange: (range) => set({ observedRange: { ...get().observedRange, ...range } }),

      async runObserved() {
        const { from, to } = get().observedRange;
        const request: { from?: string; to?: string } = {};
        // The date inputs give days; the range covers them whole, in the workstation's time zone.
        if (from) request.from = new Date(`${from}T00:00:00`).toISOString();
        if (to) request.to = new Date(`${to}T23:59:59.999`).toISOString();
        set({ observed: { ...idle(), running: true }, cell: null });
        try {
          const { jobId } = await ledger().startObservedTransitions(request);
          set({ observed: { ...get().observed, jobId } });
          await follow('observed', jobId, (id) => ledger().observedTransitionsResult({ jobId: id }));
        } catch (e) {
          set({ observed: { ...idle(), error: messageOf(e) } });
        }
      },

      async openCell(from, to) {
        const m = get().observed.result;
        const cell = m?.cells.find((c) => c.from === from && c.to === to);
        if (!cell) return;
        set({ cell: { from, to, events: [], more: cell.count - cell.seqs.length } });
        try {
          const events = await ledger().transitionEvents({ seqs: cell.seqs.slice(0, 200) });
          if (get().cell?.from === from && get().cell?.to === to) {
            set({ cell: { from, to, events, more: cell.count - events.length } });
          }
        } catch (e) {
          set({ loadError: messageOf(e) });
        }
      },
      closeCell: () => set({ cell: null }),

      useBundled(key) {
        const b = get().bundled.find((x) => x.key === key);
        if (b) setCandidate(b.ruleSet, 'bundled', `${b.ruleSet.name} (${b.key}, shipped with the ledger)`);
      },

      async loadFile() {
        try {
          const [chosen] = await ledger().chooseFiles('ruleSet');
          if (!chosen) return;
          const r = await ledger().loadRuleSetFile({ file: chosen.fileId });
          setCandidate(r.ruleSet, 'file', `${r.ruleSet.name} (${r.key}, from ${chosen.name})`);
        } catch (e) {
          set({ candidateProblems: [messageOf(e)] });
        }
      },

      setPasted: (pasted) => set({ pasted }),
      usePasted() {
        let value: unknown;
        try {
          value = JSON.parse(get().pasted);
        } catch (e) {
          return set({ candidateProblems: [`the pasted text is not JSON: ${messageOf(e)}`] });
        }
        const r = parseRuleSet(value);
        if (!r.ok) return set({ candidateProblems: r.problems });
        setCandidate(r.ruleSet, 'pasted', `${r.ruleSet.name} (${r.ruleSet.id}@${r.ruleSet.version}, pasted)`);
      },

      editCopy() {
        const active = get().active;
        if (!active) return;
        // Versions already used for this id: an edited copy must take a new one.
        const used = [...get().history.map((h) => h.ruleSet), ...get().bundled.map((b) => b.ruleSet)]
          .filter((rs) => rs.id === active.ruleSet.id)
          .map((rs) => rs.version);
        set({ draft: draftOf(active.ruleSet, Math.max(active.ruleSet.version, ...used)), candidateProblems: [] });
      },
      setDraft: (draft) => set({ draft }),
      useDraft() {
        const d = get().draft;
        if (!d) return;
        const r = ruleSetOf(d);
        if (!r.ok) return set({ candidateProblems: r.problems });
        setCandidate(r.ruleSet, 'table', `${r.ruleSet.name} (${r.ruleSet.id}@${r.ruleSet.version}, edited here)`);
      },

      async runPreview() {
        const c = get().candidate;
        if (!c) return;
        set({ preview: { ...idle(), running: true }, activation: { ...get().activation, error: null, done: null } });
        try {
          const { jobId } = await ledger().startRulePreview({ ruleSet: c.ruleSet });
          set({ preview: { ...get().preview, jobId } });
          await follow('preview', jobId, (id) => ledger().previewResult({ jobId: id }));
        } catch (e) {
          set({ preview: { ...idle(), error: messageOf(e) } });
        }
      },

      async cancelPreview() {
        const id = get().preview.jobId;
        if (!id) return;
        try {
          await ledger().cancelJob({ jobId: id });
        } catch (e) {
          set({ preview: { ...get().preview, error: messageOf(e) } });
        }
      },

      setReason: (reason) => set({ activation: { ...get().activation, reason, error: null } }),

      askToActivate() {
        const { candidate, preview, activation } = get();
        const result = preview.result;
        const problem = !candidate
          ? 'Choose the rules to put in force first.'
          : !result || preview.running || result.ruleSet.key !== `${candidate.ruleSet.id}@${candidate.ruleSet.version}`
            ? 'Preview these rules against the whole history first: activation is confirmed on what the preview found.'
            : result.cancelled
              ? 'The preview was stopped before the end of the history: run it to the end first.'
              : !reasonRule(activation.reason).ok
                ? `Say why these rules, now (at least ${MIN_REASON_LENGTH} characters).`
                : null;
        if (problem || !result) return set({ activation: { ...activation, error: problem, done: null } });
        set({ activation: { ...activation, error: null, done: null, confirming: result } });
      },

      cancelActivation: () => set({ activation: { ...get().activation, confirming: null } }),

      async activateCandidate() {
        const c = get().candidate;
        const confirmed = get().activation.confirming;
        if (!c || !confirmed) {
          set({ activation: { ...get().activation, error: 'Ask to activate and confirm the preview first.' } });
          return;
        }
        set({ activation: { ...get().activation, busy: true, error: null, done: null } });
        try {
          const r = await ledger().activateRuleSet({ ruleSet: c.ruleSet, reason: get().activation.reason });
          const again = c.source === 'history' ? ' again' : '';
          set({
            activation: {
              reason: '',
              busy: false,
              error: null,
              done: `${r.key} is in force${again} from event ${r.seq + 1} on`,
              confirming: null,
            },
          });
          await get().load();
        } catch (e) {
          set({ activation: { ...get().activation, busy: false, confirming: null, error: messageOf(e) } });
        }
      },

      async putBack(entry) {
        setCandidate(entry.ruleSet, 'history', `${entry.ruleSet.name} (${entry.key}), to put back in force`);
        set({
          tab: 'preview',
          activation: { ...get().activation, reason: '', error: null, done: null, confirming: null },
        });
        await get().runPreview();
      },
    };
  });
}

/** The window's store. */
export const rulesStore = createRulesStore();
