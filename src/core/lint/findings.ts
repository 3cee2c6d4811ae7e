// The shapes every check produces. Offsets are UTF-16 indices into the document text, so the
// editor (positionAt) and the CLI (LineIndex) convert them the same way.

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

export interface Finding {
  /** Stable rule id, e.g. `frontmatter/type`. */
  rule: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  fixes?: Fix[];
}

/** Escapes text for a VS Code snippet (`Fix.snippet`, inserted snippets): `$`, `}` and `\` are syntax there. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

export const RULE_DOCS_BASE = 'https://github.com/conference-recap/conference-recap/blob/main/docs/rules.md';

export function ruleDocUrl(rule: string): string {
  return `${RULE_DOCS_BASE}#${rule.replace(/\//g, '').toLowerCase()}`;
}
