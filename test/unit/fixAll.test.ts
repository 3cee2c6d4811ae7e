// "Fix all" in the core: which safe fixes go together, and applying them to the text (the editor and recap check --fix).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Finding } from '../../src/core/lint/findings';
import { applyEdits, safeFixes } from '../../src/core/lint/fixAll';
import { check } from './helpers';

/** A finding of a made-up rule `rule` (fix all reads only the fixes). */
function finding(rule: string, edits: { start: number; end: number; newText: string }[], safe = true): Finding {
  return { rule: rule as Finding['rule'], severity: 'warning', message: rule, start: edits[0]?.start ?? 0, end: edits[0]?.end ?? 0, fixes: [{ title: 'unsafe first', edits: [{ start: 0, end: 0, newText: 'X' }] }, { title: rule, edits, safe }] };
}

describe('fix all (src/core/lint/fixAll)', () => {
  it('takes each finding\'s first safe fix, skips fixes that overlap one already taken, and says which findings it settles', () => {
    const a = finding('a', [{ start: 2, end: 5, newText: 'A' }]);
    const overlapping = finding('b', [{ start: 4, end: 6, newText: 'B' }]);
    const unsafe = finding('c', [{ start: 8, end: 9, newText: 'C' }], false);
    const touching = finding('d', [{ start: 5, end: 5, newText: 'D' }]);
    const { edits, fixed } = safeFixes([a, overlapping, unsafe, touching]);
    assert.deepEqual(fixed.map(f => f.rule), ['a', 'd']);
    assert.deepEqual(edits.map(e => e.newText), ['A', 'D']);
  });

  it('applies edits from the end backwards; insertions at one place keep their order; CRLF text keeps CRLF', () => {
    const text = '0123456789';
    assert.equal(applyEdits(text, [{ start: 1, end: 3, newText: 'ab' }, { start: 8, end: 8, newText: 'X' }, { start: 8, end: 8, newText: 'Y' }, { start: 3, end: 3, newText: '|' }]), '0ab|34567XY89');
    assert.equal(applyEdits('a\r\nb\r\n', [{ start: 3, end: 3, newText: '\n' }], '\r\n'), 'a\r\n\r\nb\r\n');
    assert.equal(applyEdits('\uFEFFa\nb', [{ start: 1, end: 2, newText: 'x\r\ny' }], '\n'), '\uFEFFx\ny\nb', 'the BOM stays, LF text keeps LF');
    assert.throws(() => applyEdits(text, [{ start: 1, end: 5, newText: '' }, { start: 3, end: 7, newText: '' }]), /overlapping/);
  });

  it('matches applying the same edits one at a time, last first (any non-overlapping edits)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.string({ maxLength: 3 })), { maxLength: 6 }), (text, raw) => {
      const edits: { start: number; end: number; newText: string }[] = [];
      for (const [at, length, newText] of raw) {
        const start = at % (text.length + 1);
        const end = Math.min(text.length, start + length);
        if (edits.some(other => start < other.end && other.start < end)) continue;
        edits.push({ start, end, newText: newText.replace(/[\r\n]/g, '') });
      }
      const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => b.edit.start - a.edit.start || b.edit.end - a.edit.end || b.index - a.index);
      let expected = text;
      for (const { edit } of ordered) expected = expected.slice(0, edit.start) + edit.newText + expected.slice(edit.end);
      assert.equal(applyEdits(text, edits), expected);
    }));
  });

  it('a real post: fixing all safe problems leaves none of them', () => {
    const text = '---\ntitle: "FOSDEM 2025"\ndate: 2025-02-03\ndraft: "false"\ntags: fosdem\n---\n\nSee [my talk](github.com/me/talk).\n';
    const findings = check(text, { body: true });
    const { edits, fixed } = safeFixes(findings);
    assert.deepEqual(fixed.map(f => f.rule).sort(), ['frontmatter/type', 'frontmatter/type', 'link/no-scheme']);
    const after = applyEdits(text, edits);
    assert.equal(after, '---\ntitle: "FOSDEM 2025"\ndate: 2025-02-03\ndraft: false\ntags: [fosdem]\n---\n\nSee [my talk](https://github.com/me/talk).\n');
    assert.deepEqual(safeFixes(check(after, { body: true })).edits, []);
  });
});
