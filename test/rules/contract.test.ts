/** The rule channels in the IPC contract describe what the rule tools really return. */
import { describe, expect, it } from 'vitest';
import { channels } from '../../shared/contract/channels';
import { observedMatrixRecord, previewResultRecord, rulesChannels } from '../../shared/contract/rules';
import { FLOOR_RULES, HANDBOOK_1998 } from '../../shared/rules/builtin';
import { observeTransitions } from '../../shared/rules/observed';
import { previewRuleSet } from '../../shared/rules/preview';
import { floorHistory, withSeq } from './floorHistory';

describe('rules channels', () => {
  it('are part of the app contract, activation for Supervisors only', () => {
    for (const name of Object.keys(rulesChannels)) expect(channels).toHaveProperty(name);
    expect(channels.activateRuleSet.access).toBe('supervisor');
    expect(channels.startRulePreview.access).toBe('operator');
  });

  it('carry a preview and an observed matrix as the replays produce them', () => {
    const h = withSeq(floorHistory(40, 5));
    const p = previewRuleSet(h, HANDBOOK_1998, FLOOR_RULES);
    expect(previewResultRecord.parse(p)).toEqual(p);
    const m = observeTransitions(h, FLOOR_RULES);
    expect(observedMatrixRecord.parse(m)).toEqual(m);
  });

  it('refuse a candidate rule set that is not one, saying where', () => {
    const bad = { ...FLOOR_RULES, transitions: [{ from: 'Picked', to: 'Packd' }] };
    const r = channels.startRulePreview.request.safeParse({ ruleSet: bad });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toContain(
      'ruleSet.transitions.0.to: "Packd" is not one of the rule set\'s statuses',
    );
    expect(channels.startRulePreview.request.safeParse({}).success).toBe(false);
    // The app reads only files the person chose: a path is no way to name a candidate.
    expect(channels.startRulePreview.request.safeParse({ path: '/tmp/rules.json' }).success).toBe(false);
    expect(channels.loadRuleSetFile.request.safeParse({ path: '/tmp/rules.json' }).success).toBe(false);
    expect(channels.activateRuleSet.request.safeParse({ ruleSet: FLOOR_RULES, reason: 'x' }).success).toBe(true);
  });
});
