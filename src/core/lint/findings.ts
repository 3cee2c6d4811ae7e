// The shapes every check produces. Offsets are UTF-16 indices into the document text, so the
// editor (positionAt) and the CLI (LineIndex) convert them the same way.
import type { RuleId } from './rules';

export type { RuleId } from './rules';
export { RULE_DOCS_BASE, ruleDocUrl } from './rule';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface TextEdit {
  /** Start offset (inclusive) in the document text. */
  start: number;
  /** End offset (exclusive). */
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Preferred fix for the finding (shown first, used by "Auto Fix"). */
  preferred?: boolean;
  /** Safe to apply without looking (used by `source.fixAll.recap`). */
  safe?: boolean;
  /**
   * The first edit's `newText` as a VS Code snippet (e.g. ` alt="$1"`), so the editor can leave the
   * cursor inside what it inserted. Faces without snippets (CLI, fix-all) apply `edits` as they are.
   */
  snippet?: string;
}

/** A finding before the configuration gives it a severity (what the checks produce). */
export interface RawFinding {
  /** Stable rule id, e.g. `frontmatter/type`. */
  rule: RuleId;
  message: string;
  start: number;
  end: number;
  fixes?: Fix[];
}

export interface Finding extends RawFinding {
  severity: Severity;
}

/** Escapes text for a VS Code snippet (`Fix.snippet`, inserted snippets): `$`, `}` and `\` are syntax there. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}
