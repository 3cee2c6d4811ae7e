// The resolved configuration of a post: the rules' default levels (the rule registry), the site's `.recap.json`
// (configFile.ts) and the editor/CLI settings, merged.
import { defaultRuleLevels } from '../lint/rules';
import { buildSchema, type PresetName, type Schema } from '../frontmatter/schema';
import type { RecapConfigFile, RuleSetting } from './configFile';

export { CONFIG_FILE_NAME, parseConfigFile, type ConfigProblem, type RecapConfigFile, type RuleSetting } from './configFile';
export type { RuleId } from '../lint/rules';

export interface ResolvedConfig {
  schema: Schema;
  rules: Record<string, RuleSetting>;
  /** Share of sibling posts (0–1) that makes a key a site convention. */
  conventionThreshold: number;
}

export interface ConfigInputs {
  /** Preset detected from the site generator. */
  detectedPreset: PresetName;
  file?: RecapConfigFile;
  /** Editor settings or CLI flags: they win over the file. */
  ruleOverrides?: Record<string, RuleSetting>;
}

export function resolveConfig(inputs: ConfigInputs): ResolvedConfig {
  const file = inputs.file ?? {};
  const rules: Record<string, RuleSetting> = { ...defaultRuleLevels(), ...file.rules, ...inputs.ruleOverrides };
  return {
    schema: buildSchema(file.preset ?? inputs.detectedPreset, file.frontMatter),
    rules,
    conventionThreshold: file.frontMatter?.conventionThreshold ?? 0.8,
  };
}
