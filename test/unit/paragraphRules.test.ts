// text/joined-paragraphs: a story pasted from a rich-text editor (a paragraph per line, no blank lines) is one
// giant paragraph in Markdown; hard-wrapped prose, a sentence per line, lists, tables and code are not.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { nodeFileHost } from '../../src/node/fileHost';
import { checkBody } from '../../src/core/markdown/rules';
import { checkJoinedParagraphs } from '../../src/core/markdown/paragraphRules';
import { resolveConfig } from '../../src/core/site/config';
import { applyEdits } from '../../src/core/frontmatter/edits';
import { lint } from '../../src/core/lint/lint';
import { findSite } from '../../src/core/site/site';
import { buildSiteIndex } from '../../src/core/site/files';
import { assertLinearGrowth } from './growth';
import { FIXTURES, fixture } from './helpers';

const PASTED = fixture('posts', 'fosdem-2026-pasted.md');
const joined = (text: string, bodyStart = 0) => checkBody(text, bodyStart).filter(f => f.rule === 'text/joined-paragraphs');

/** The pasted story's paragraphs (its long lines) and its sentences. */
const PARAGRAPHS = PASTED.split('\n').filter(line => line.length > 80);
const SENTENCES = PARAGRAPHS.flatMap(p => p.split(/(?<=[.!?])\s+(?=[A-Z])/));

/** Greedy hard wrap at `width` columns, the way editors and `fmt` do it. */
function wrap(paragraph: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(' ')) {
    if (line && line.length + 1 + word.length > width) { lines.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line].join('\n');
}

describe('text/joined-paragraphs', () => {
  it('a FOSDEM 2026 story pasted from a rich-text editor: one finding, on its first line', () => {
    const findings = joined(PASTED);
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(PASTED.slice(finding.start, finding.end), 'Another Year, Another FOSDEM');
    assert.equal(finding.message, 'These 15 lines (2,488 characters) render as one paragraph: Markdown joins lines that no blank line separates. 14 of the line breaks end a paragraph, and 4 short lines look like headings.');
  });

  it('the safe fix leaves a blank line between the paragraphs, and nothing else changes', () => {
    const [finding] = joined(PASTED);
    const [blankLines, headings] = finding.fixes!;
    assert.equal(blankLines.safe, true);
    assert.equal(blankLines.preferred, true);
    const fixed = applyEdits(PASTED, blankLines.edits);
    assert.equal(fixed, PASTED.replace(/\n(?=.)/g, '\n\n'));
    assert.deepEqual(joined(fixed), []);
    // The second fix also makes the title lines headings; it guesses, so "Fix all" leaves it alone.
    assert.equal(headings.title, 'Separate the paragraphs and make the 4 short title lines headings');
    assert.ok(!headings.safe);
    const structured = applyEdits(PASTED, headings.edits);
    assert.deepEqual(structured.split('\n').filter(line => line.startsWith('#')), ['# Another Year, Another FOSDEM', '## Saturday', '## Sunday', '## Final thoughts']);
    assert.equal(structured.replace(/^#+ /gm, ''), fixed);
    assert.deepEqual(joined(structured), []);
  });

  it('with front matter the first title line is a `##` heading, and Windows line endings are kept', () => {
    const text = `---\ntitle: Another Year, Another FOSDEM\ndate: 2026-02-03\n---\n${PASTED}`.replace(/\n/g, '\r\n');
    const bodyStart = text.indexOf('Another Year, Another FOSDEM\r\nIt');
    const [finding] = joined(text, bodyStart);
    const structured = applyEdits(text, finding.fixes![1].edits);
    assert.ok(structured.includes('---\r\n## Another Year, Another FOSDEM\r\n\r\nIt is the first weekend'));
    assert.ok(!/[^\r]\n/.test(structured));
  });

  it('a story pasted in the middle of a normal post: only that part is reported', () => {
    const text = `# FOSDEM 2026\n\n${wrap(PARAGRAPHS[0], 78)}\n\n${PASTED.split('\n').slice(3, 12).join('\n')}\n\n- a list item\n- another one\n`;
    const findings = joined(text);
    assert.equal(findings.length, 1);
    assert.equal(text.slice(findings[0].start, findings[0].end), 'Saturday');
  });

  it('never fires on normal posts: the samples, the fixture site, the "talks I missed" and French posts', async () => {
    const index = await buildSiteIndex(nodeFileHost, (await findSite(nodeFileHost, path.join(FIXTURES, 'site', 'content', '_index.md')))!);
    const posts = [
      ...['fosdem-2025-victoriametrics.md', 'promcon-2023-jekyll.md'].map(name => path.join(FIXTURES, 'samples', name)),
      ...['fosdem-2026-talks-i-missed.md', 'fosdem-2026-retour-fr.md'].map(name => path.join(FIXTURES, 'posts', name)),
      ...index.contentFiles.filter(rel => rel.endsWith('.md')).map(rel => path.join(FIXTURES, 'site', 'content', rel)),
    ];
    assert.ok(posts.length >= 15);
    for (const file of posts) {
      const text = (await nodeFileHost.readFile(file))!;
      const { findings } = lint({ text, filePath: file, config: resolveConfig({ detectedPreset: 'hugo' }) });
      assert.deepEqual(findings.filter(f => f.rule === 'text/joined-paragraphs'), [], file);
    }
  });

  it('never fires on lists, tables, code blocks, quotes, shortcodes or HTML made of the same long lines', () => {
    const lines = PARAGRAPHS.slice(0, 6);
    const shapes = [
      lines.map(l => `- ${l}`).join('\n'),
      lines.map((l, i) => `${i + 1}. ${l}`).join('\n'),
      `- ${lines[0]}\n  ${lines.slice(1).join('\n  ')}`,
      `| Day | Notes |\n|-----|-------|\n${lines.map(l => `| Sat | ${l} |`).join('\n')}`,
      `\`\`\`text\n${lines.join('\n')}\n\`\`\``,
      `    ${lines.join('\n    ')}`,
      lines.map(l => `> ${l}`).join('\n'),
      lines.map(l => `{{< note >}}${l}{{< /note >}}`).join('\n'),
      `<div class="notes">\n${lines.map(l => `<p>${l}</p>`).join('\n')}\n</div>`,
      `<!--\n${lines.join('\n')}\n-->`,
    ];
    for (const shape of shapes) assert.deepEqual(joined(shape), [], shape.slice(0, 60));
  });

  it('property: hard-wrapped paragraphs (60 to 130 columns) are never reported, however long', () => {
    fc.assert(fc.property(
      fc.array(fc.subarray(SENTENCES, { minLength: 1 }), { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 60, max: 130 }),
      fc.boolean(),
      (paragraphs, width, separated) => {
        // Separated by blank lines as usual, or, for one long paragraph, not at all.
        const text = separated ? paragraphs.map(p => wrap(p.join(' '), width)).join('\n\n') : wrap(paragraphs.flat().join(' '), width);
        assert.deepEqual(joined(text), []);
      },
    ), { numRuns: 300 });
  });

  it('property: a sentence per line (semantic line breaks) is never reported', () => {
    fc.assert(fc.property(
      fc.array(fc.subarray(SENTENCES, { minLength: 2 }), { minLength: 1, maxLength: 4 }),
      paragraphs => assert.deepEqual(joined(paragraphs.map(p => p.join('\n')).join('\n\n')), []),
    ), { numRuns: 200 });
  });

  it('property: the real paragraphs pasted one per line, no blank lines, are reported once and the fix separates them', () => {
    fc.assert(fc.property(fc.shuffledSubarray(PARAGRAPHS, { minLength: 3 }), paragraphs => {
      const text = `${paragraphs.join('\n')}\n`;
      const findings = joined(text);
      assert.equal(findings.length, 1);
      assert.equal(applyEdits(text, findings[0].fixes![0].edits), `${paragraphs.join('\n\n')}\n`);
    }), { numRuns: 100 });
  });

  // One guard or a tight pair per test: under heavy load each guard takes tens of seconds, and a test's time bound
  // only catches a hang.
  const run = (text: string) => checkJoinedParagraphs(text, text, 0);

  it('grows linearly: one line of n sentences', () => {
    assertLinearGrowth('joined paragraphs on one long line', 20_000, n => 'Sentence one. Another one follows here. '.repeat(n), run);
  });

  it('grows linearly: n pasted lines, n lines of unclosed links and shortcodes', () => {
    assertLinearGrowth('joined paragraphs on n pasted lines', 1_000, n => `${PARAGRAPHS.join('\n')}\n`.repeat(n), run);
    assertLinearGrowth('joined paragraphs on unclosed [ ( {{< <', 1_000, n => `${'Mr. A. [x](y {{< z <b '.repeat(20)}.\n`.repeat(n), run);
  });

  // Long lines of openers that never close, and of spaces: each pattern must stop at the next opener.
  for (const [what, piece] of [['[', 'Lorem ipsum [dolor '], ['](', 'Lorem](ipsum '], ['{{<', 'Lorem {{< ipsum '], ['spaces', '      ']]) {
    it(`grows linearly: three long lines of ${what}`, () => {
      assertLinearGrowth(`joined paragraphs on three long lines of ${what}`, 2_000, n => `Lorem. ${piece.repeat(n)}x.\n`.repeat(3), run);
    });
  }
});
