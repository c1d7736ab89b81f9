/**
 * The rule views rendered to markup (no browser needed): the diagram draws every status and
 * arrow, the preview of the 1998 handbook reads as a flood, the matrix tells cells apart.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FLOOR_RULES, HANDBOOK_1998 } from '../../shared/rules/builtin';
import { diagramModel } from '../../shared/rules/diagram';
import { layoutDiagram } from '../../shared/rules/diagramLayout';
import { observeTransitions } from '../../shared/rules/observed';
import { previewRuleSet } from '../../shared/rules/preview';
import { DiagramSvg, pathOf } from '../../renderer/rules/DiagramView';
import { ObservedView } from '../../renderer/rules/ObservedView';
import { PreviewView } from '../../renderer/rules/PreviewView';
import { createRulesStore } from '../../renderer/rules/store';
import type { RulesLedger } from '../../renderer/rules/ledger';
import { floorHistory, withSeq } from './floorHistory';

const noLedger = () => ({}) as RulesLedger;
const history = withSeq(floorHistory(200, 13));

describe('rule views', () => {
  it('the diagram draws a box per status and an arrow per allowed change', async () => {
    const model = diagramModel(HANDBOOK_1998);
    const html = renderToStaticMarkup(<DiagramSvg model={model} layout={await layoutDiagram(model)} />);
    for (const s of HANDBOOK_1998.statuses) expect(html).toContain(`data-status="${s}"`);
    expect(html.match(/data-edge=/g)).toHaveLength(model.edges.length);
    expect(html).toContain('back to the status before hold: Supervisor');
  });

  it('draws the orthogonal routes as straight lines through every bend', () => {
    const p = (x: number, y: number) => ({ x, y });
    // Four points are a route with two bends, not a Bézier curve.
    expect(pathOf([p(0, 0), p(0, 10), p(20, 10), p(20, 30)])).toBe('M16.0,16.0 L16.0,26.0 L36.0,26.0 L36.0,46.0');
    expect(pathOf([p(0, 0), p(10, 0)])).toBe('M16.0,16.0 L26.0,16.0');
  });

  it('colours the drawing from the theme: no fixed fill or stroke in the markup', async () => {
    const model = diagramModel(FLOOR_RULES);
    const html = renderToStaticMarkup(<DiagramSvg model={model} layout={await layoutDiagram(model)} />);
    expect(html).not.toMatch(/(fill|stroke)="#/);
    // Each arrowhead has its own arrow's kind, so it takes that arrow's colour.
    expect(html).toContain('marker-end="url(#rules-arrow-release)"');
    expect(html).toContain('marker-end="url(#rules-arrow-restricted)"');
  });

  it('the preview of the 1998 handbook says "flood" and does not offer activation to a Clerk', () => {
    const result = previewRuleSet(history, HANDBOOK_1998, FLOOR_RULES);
    const store = createRulesStore(noLedger, {
      operator: { id: 'cal', name: 'Cal', role: 'Clerk' },
      candidate: { ruleSet: HANDBOOK_1998, source: 'bundled', label: HANDBOOK_1998.name },
      preview: { jobId: 'j', running: false, done: result.events, total: result.events, error: null, result },
    });
    const html = renderToStaticMarkup(<PreviewView store={store} />);
    expect(html).toContain('A flood of alarms.');
    expect(html).toContain(`>${result.flagged.total.toLocaleString()}<`);
    expect(html).toContain('Picked → Packed');
    expect(html).toContain('Only a Supervisor may change the rules in force.');
    expect(html).not.toContain('Activate training-handbook-1998@1');
  });

  it('a Supervisor sees activation, and a harmless candidate is no flood', () => {
    const result = previewRuleSet(history, FLOOR_RULES, HANDBOOK_1998);
    const store = createRulesStore(noLedger, {
      operator: { id: 'sue', name: 'Sue', role: 'Supervisor' },
      preview: { jobId: 'j', running: false, done: 1, total: 1, error: null, result },
    });
    const html = renderToStaticMarkup(<PreviewView store={store} />);
    expect(html).not.toContain('A flood of alarms.');
    expect(html).toContain('Activate floor-rules@2');
  });

  it('the matrix colours cells by what the rules allow and marks flagged ones', () => {
    const m = observeTransitions(
      history.map((e) =>
        e.data.status === 'Shipped' && e.initiatedBy.role === 'Picker'
          ? { ...e, anomalies: [{ kind: 'illegal-transition' }] }
          : e,
      ),
      FLOOR_RULES,
    );
    const store = createRulesStore(noLedger, {
      observed: { jobId: 'j', running: false, done: 1, total: 1, error: null, result: m },
    });
    const html = renderToStaticMarkup(<ObservedView store={store} />);
    expect(html).toMatch(/class="allowed" data-cell="Picked→Packed"/);
    expect(html).toMatch(/class="no flagged" data-cell="Picking→Shipped"/);
    expect(html).toMatch(/class="some-roles" data-cell="OnHold→PendingPicking"/);
  });
});
