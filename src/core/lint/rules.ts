// The rule registry: every rule, declared once in its domain's module, in the order of the settings and the docs.
// The configuration's defaults, the lint run, the manifest's `recap.rules` (scripts/sync-manifest.mjs), SARIF and
// the docs links all read it.
import { FRONTMATTER_RULES } from '../frontmatter/rules';
import { BODY_RULES } from '../markdown/rules';
import { TALK_RULES } from '../schedule/talkRules';
import { FILE_RULES } from './fileRules';
import type { Severity } from './findings';
import type { Rule } from './rule';

export const ALL_RULES = [...FRONTMATTER_RULES, ...BODY_RULES, ...TALK_RULES, ...FILE_RULES];

/** Every rule id: `frontmatter/type`, `image/not-found` … */
export type RuleId = (typeof ALL_RULES)[number]['id'];

export const RULES_BY_ID: ReadonlyMap<string, Rule<RuleId, never>> = new Map(ALL_RULES.map(rule => [rule.id, rule]));

export function isRuleId(id: string): id is RuleId {
  return RULES_BY_ID.has(id);
}

/** Each rule's default level: the configuration starts from these. */
export function defaultRuleLevels(): Record<RuleId, Severity> {
  return Object.fromEntries(ALL_RULES.map(rule => [rule.id, rule.defaultLevel])) as Record<RuleId, Severity>;
}
