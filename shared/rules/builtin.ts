/**
 * The rule sets the ledger ships with: the floor rules v2 (the default, agreed with the team
 * leads) and the 1998 training handbook (kept as the example of rules that would flood the
 * office with false alarms).
 */
import floorRulesJson from './floor-rules.v2.json';
import handbook1998Json from './handbook-1998.v1.json';
import { ruleSetSchema, type RuleSet } from './ruleSet';

export const FLOOR_RULES: RuleSet = ruleSetSchema.parse(floorRulesJson);
export const HANDBOOK_1998: RuleSet = ruleSetSchema.parse(handbook1998Json);

export const BUILTIN_RULE_SETS: readonly RuleSet[] = [FLOOR_RULES, HANDBOOK_1998];
export const DEFAULT_RULE_SET = FLOOR_RULES;
