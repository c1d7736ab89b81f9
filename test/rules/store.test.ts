/**
 * The rule views' store driven through a ledger made of the real handlers over a real journal:
 * pick the 1998 handbook, preview it, see the flood; activate only as a Supervisor, and revert.
 */
import { describe, expect, it } from 'vitest';
import { instantOf } from '../../shared/events/envelope';
import { rulesChannels } from '../../shared/contract/rules';
import { rulesHandlers, type RulesContext } from '../../electron/worker/handlers/rules';
import { previewVerdict } from '../../renderer/rules/verdict';
import { createRulesStore } from '../../renderer/rules/store';
import { FileGrants } from '../../electron/files/grants';
import { LedgerJobs } from '../../electron/worker/ledgerJobs';
import type { RulesLedger } from '../../renderer/rules/ledger';
import { freshJournal, withOperators } from '../journal/helpers';
import { floorHistory } from './floorHistory';

function ledgerFor(role: 'sup' | 'clerk'): { ledger: RulesLedger; ctx: RulesContext } {
  const journal = withOperators(freshJournal());
  journal.appendBatch(
    floorHistory(120, 4).map((event) => ({ event, instant: instantOf(event.timestamp) })),
    'floor.ndjson',
  );
  const ctx: RulesContext = {
    journal,
    operator: journal.getOperator(role)!,
    longJobs: new LedgerJobs(),
    session: { id: 'window-1' },
    files: new FileGrants(),
  };
  // Like the IPC layer: validate the request by the contract, call the handler, validate the response.
  const call =
    (name: keyof typeof rulesChannels) =>
    async (req: unknown): Promise<never> => {
      const def = rulesChannels[name];
      const request = def.request.parse(req);
      const handler = rulesHandlers[name] as (c: RulesContext, r: unknown) => unknown;
      return def.response.parse(await handler(ctx, request)) as never;
    };
  const ledger = Object.fromEntries(Object.keys(rulesChannels).map((k) => [k, call(k as keyof typeof rulesChannels)]));
  return {
    ctx,
    ledger: {
      ...(ledger as unknown as Omit<RulesLedger, 'session'>),
      session: async () => ({
        journalPath: journal.path,
        hasOperators: true,
        operator: ctx.operator,
        training: false,
        events: journal.eventCount(),
      }),
    },
  };
}

describe('the rules store', () => {
  it('previews the 1998 handbook as a flood, and a Clerk cannot activate it', async () => {
    const { ledger } = ledgerFor('clerk');
    const store = createRulesStore(() => ledger);
    await store.getState().load();
    expect(store.getState().active?.key).toBe('floor-rules@2');
    store.getState().useBundled('training-handbook-1998@1');
    await store.getState().runPreview();
    const p = store.getState().preview;
    expect(p.running).toBe(false);
    expect(p.result?.flagged.total).toBeGreaterThan(3 * p.result!.current.total);
    expect(previewVerdict(p.result!).kind).toBe('flood');
    store.getState().setReason('trying the printed handbook');
    // Nothing is written without the confirmation that shows the verdict.
    await store.getState().activateCandidate();
    expect(store.getState().activation.error).toMatch(/confirm the preview first/);
    store.getState().askToActivate();
    expect(store.getState().activation.confirming?.ruleSet.key).toBe('training-handbook-1998@1');
    await store.getState().activateCandidate();
    expect(store.getState().activation.error).toMatch(/only a Supervisor/);
    expect(store.getState().active?.key).toBe('floor-rules@2');
  });

  it('a Supervisor activates an edited copy, sees it in the history, and reverts', async () => {
    const { ledger } = ledgerFor('sup');
    const store = createRulesStore(() => ledger);
    await store.getState().load();
    store.getState().editCopy();
    const draft = store.getState().draft!;
    // Team leads may also send a packed order back to picking (the missing package's move).
    store.getState().setDraft({
      ...draft,
      rows: [...draft.rows, { key: 'new', from: 'Packed', to: 'PendingPicking', roles: ['TeamLead', 'Supervisor'] }],
    });
    store.getState().useDraft();
    expect(store.getState().candidate?.ruleSet.version).toBe(3);
    await store.getState().runPreview();
    expect(store.getState().preview.result?.onlyCurrent.byTransition['Packed → PendingPicking']).toBeGreaterThan(0);
    store.getState().setReason('team leads re-pick packed orders');
    store.getState().askToActivate();
    expect(previewVerdict(store.getState().activation.confirming!).kind).toBe('fewer');
    await store.getState().activateCandidate();
    expect(store.getState().activation.done).toMatch(/floor-rules@3 is in force/);
    expect(store.getState().active?.key).toBe('floor-rules@3');

    const first = store.getState().history[0]!;
    // Put back in force: previewed first, then asked and confirmed like any activation.
    await store.getState().putBack(first);
    expect(store.getState()).toMatchObject({ tab: 'preview', candidate: { source: 'history' } });
    expect(store.getState().preview.result?.ruleSet.key).toBe('floor-rules@2');
    store.getState().askToActivate();
    expect(store.getState().activation.error).toMatch(/at least 10 characters/);
    expect(store.getState().activation.confirming).toBeNull();
    store.getState().setReason('the change caused confusion');
    store.getState().askToActivate();
    await store.getState().activateCandidate();
    expect(store.getState().activation.done).toMatch(/floor-rules@2 is in force again/);
    expect(store.getState().active?.key).toBe('floor-rules@2');
    expect(store.getState().history.map((h) => h.key)).toEqual(['floor-rules@2', 'floor-rules@3', 'floor-rules@2']);
  });

  it('counts the observed transitions and opens a cell', async () => {
    const { ledger } = ledgerFor('clerk');
    const store = createRulesStore(() => ledger);
    await store.getState().load();
    await store.getState().runObserved();
    const m = store.getState().observed.result!;
    expect(m.transitions).toBeGreaterThan(0);
    await store.getState().openCell('Picked', 'Packed');
    expect(store.getState().cell?.events.length).toBeGreaterThan(0);
    expect(store.getState().cell?.events.every((e) => e.data.status === 'Packed')).toBe(true);
  });

  it('says what is wrong with pasted JSON', () => {
    const store = createRulesStore(() => ({}) as RulesLedger);
    store.getState().setPasted('{"id": "x"');
    store.getState().usePasted();
    expect(store.getState().candidateProblems[0]).toMatch(/not JSON/);
    store.getState().setPasted('{"id": "x", "version": 1}');
    store.getState().usePasted();
    expect(store.getState().candidateProblems).toContain('name: Invalid input: expected string, received undefined');
  });
});
