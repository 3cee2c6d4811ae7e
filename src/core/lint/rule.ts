// The shape of a rule: declared once (id, default level, description, docs link, check) and read from there by
// the configuration's defaults, the lint run, the manifest's `recap.rules` setting and the docs links.
import type { RawFinding, Severity } from './findings';

export type { RawFinding } from './findings';

/** Produces findings from one kind of input (a post's body scan, its front matter, a schedule …). */
export type RuleCheck<Input> = (input: Input) => RawFinding[];

export interface Rule<Id extends string = string, Input = never> {
  /** Stable id: settings, `.recap.json`, findings and the docs name the rule by it. */
  readonly id: Id;
  /** The severity when neither `.recap.json` nor the settings say otherwise. */
  readonly defaultLevel: Severity;
  /** One sentence for the settings UI, SARIF and docs. */
  readonly description: string;
  /** Where docs/rules.md explains the rule. */
  readonly docs: string;
  /**
   * Finds this rule's findings, or its family's: rules found by one pass (image/missing-alt and image/not-found over
   * the post's images) share one function, which the runner calls once. None for the `file/…` rules, which are
   * reported by what reads the post (it could not be read, is not text, or is too large to check whole).
   */
  readonly check?: RuleCheck<Input>;
}

/** What a rule module writes; `docs` is derived from the id. */
export interface RuleDeclaration<Id extends string> {
  id: Id;
  defaultLevel: Severity;
  description: string;
}

export const RULE_DOCS_BASE = 'https://github.com/conference-recap/conference-recap/blob/main/docs/rules.md';

/** The rule's section of docs/rules.md (GitHub's anchor for the heading `frontmatter/type` is `frontmattertype`). */
export function ruleDocUrl(id: string): string {
  return `${RULE_DOCS_BASE}#${id.replace(/\//g, '').toLowerCase()}`;
}

/** Rules sharing `check` (a family found in one pass), or with none (`check` undefined). */
export function defineRules<const Id extends string, Input = never>(check: RuleCheck<Input> | undefined, declarations: readonly RuleDeclaration<Id>[]): Rule<Id, Input>[] {
  return declarations.map(({ id, defaultLevel, description }) => ({ id, defaultLevel, description, docs: ruleDocUrl(id), check }));
}

/** The distinct checks of `rules` in their order: a family's shared check once. */
export function checksOf<Input>(rules: readonly Rule<string, Input>[]): RuleCheck<Input>[] {
  const checks = new Set<RuleCheck<Input>>();
  for (const rule of rules) if (rule.check) checks.add(rule.check);
  return [...checks];
}

/** Each rule's default level by id, for a module that stamps severities on its own findings. */
export function defaultLevels<Id extends string>(rules: readonly Rule<Id, never>[]): Record<Id, Severity> {
  return Object.fromEntries(rules.map(rule => [rule.id, rule.defaultLevel])) as Record<Id, Severity>;
}
