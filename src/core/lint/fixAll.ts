// "Fix all": the safe fixes that can be applied together, for the editor's `source.fixAll.recap` and `recap check --fix`.
import type { Finding, TextEdit } from './findings';

export interface SafeFixes {
  /** The edits of the chosen fixes, in the order the findings came. */
  edits: TextEdit[];
  /** The findings those fixes settle. */
  fixed: Finding[];
}

/** Each finding's first safe fix, unless one of its edits overlaps an edit already chosen (the earlier finding wins). */
export function safeFixes(findings: readonly Finding[]): SafeFixes {
  const edits: TextEdit[] = [];
  const fixed: Finding[] = [];
  for (const finding of findings) {
    const fix = finding.fixes?.find(candidate => candidate.safe);
    if (!fix) continue;
    if (fix.edits.some(edit => edits.some(other => edit.start < other.end && other.start < edit.end))) continue;
    edits.push(...fix.edits);
    fixed.push(finding);
  }
  return { edits, fixed };
}

/**
 * The text with the edits applied, as an editor applies one multi-edit: offsets refer to the original text, so the
 * edits go from the end backwards; insertions at one offset keep their order. Line breaks in the new text follow
 * the document's (a CRLF post stays CRLF), as VS Code does with the edits it applies.
 */
export function applyEdits(text: string, edits: readonly TextEdit[], eol: '\n' | '\r\n' = '\n'): string {
  const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => b.edit.start - a.edit.start || b.edit.end - a.edit.end || b.index - a.index);
  const parts: string[] = [];
  let end = text.length;
  for (const { edit } of ordered) {
    if (edit.start < 0 || edit.end > end || edit.start > edit.end) throw new RangeError(`overlapping or out-of-range edit ${edit.start}–${edit.end}`);
    parts.push(text.slice(edit.end, end), eol === '\r\n' ? edit.newText.replace(/\r?\n/g, '\r\n') : edit.newText.replace(/\r\n/g, '\n'));
    end = edit.start;
  }
  parts.push(text.slice(0, end));
  return parts.reverse().join('');
}
