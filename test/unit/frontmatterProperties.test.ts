// Property tests (fast-check) of the two scanners every check starts from: the front-matter parser and the
// shortcode scanner. Whatever the text, they never throw and every offset they return lies inside it.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseFrontMatter, type FieldValue } from '../../src/core/frontmatter/parse';
import { resolveConfig } from '../../src/core/site/config';
import { lint } from '../../src/core/lint/lint';
import { scanShortcodes } from '../../src/core/markdown/shortcodes';

/** Text made of the pieces that matter to a parser, mixed with any characters: random strings alone rarely reach the interesting states. */
function textOf(pieces: string[]): fc.Arbitrary<string> {
  return fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pieces) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) }), { maxLength: 60 }).map(parts => parts.join(''));
}

const FRONT_MATTER_PIECES = [
  '---\n', '+++\n', '...\n', '---', '+++', '\uFEFF', '\r\n', '\n', '\n\n', ' ', '  ', '\t', '{', '}', '[', ']', ',', ':', ': ', ' = ', '=', '.',
  '"', "'", '"""', "'''", '\\', '#', '- ', '? ', '|', '>', '&a ', '*a', '!!str ', 'title', 'date', 'tags', 'draft', '"title"', '"tags"',
  '2025-02-01', '2025-02-30', 'true', '"false"', '1.5', 'null', '[params]', '[[x]]', 'a.b', '{{< figure >}}', '\u0000', '\uD800',
];

const SHORTCODE_PIECES = [
  '{{<', '{{%', '>}}', '%}}', '/>}}', '{{< /', '{{</*', '*/>}}', '/*', '*/', '{{', '}}', '<', '%', '/', ' ', '\n', '\n\n', '\t',
  'figure', 'image', 'highlight', 'x', 'alt', '=', '"', '`', '\\', '\\"', 'src="a.png"', 'caption="', '-', '_', 'é', '😀',
];

function assertInside(what: string, start: number, end: number, length: number): void {
  assert.ok(Number.isInteger(start) && Number.isInteger(end), `${what}: offsets ${start}–${end} are integers`);
  assert.ok(start >= 0 && start <= end && end <= length, `${what}: ${start}–${end} inside 0–${length}`);
}

function assertValueInside(value: FieldValue, length: number, path: string): void {
  assertInside(`value of ${path}`, value.start, value.end, length);
  value.items?.forEach((item, index) => assertValueInside(item, length, `${path}[${index}]`));
}

describe('properties: parseFrontMatter', () => {
  it('never throws, and every block, field, value and problem lies inside the text', () => {
    fc.assert(fc.property(textOf(FRONT_MATTER_PIECES), text => {
      const parsed = parseFrontMatter(text);
      const { block } = parsed;
      if (block) {
        assertInside('block', block.start, block.end, text.length);
        assert.ok(block.start <= block.contentStart && block.contentStart <= block.contentEnd && block.contentEnd <= block.end, `block ${JSON.stringify(block)}`);
      }
      assert.ok(parsed.bodyStart >= 0 && parsed.bodyStart <= text.length, `bodyStart ${parsed.bodyStart}`);
      for (const field of parsed.fields) {
        assertInside(`key ${field.key}`, field.keyStart, field.keyEnd, text.length);
        assertInside(`field ${field.key}`, field.start, field.end, text.length);
        if (field.value) assertValueInside(field.value, text.length, field.key);
      }
      for (const problem of parsed.problems) assertInside(`${problem.rule} "${problem.message}"`, problem.start, problem.end, text.length);
    }), { numRuns: 3000 });
  });

  it('reads the same front matter from a partial text, or says it is too large, never "unclosed" wrongly', () => {
    fc.assert(fc.property(textOf(FRONT_MATTER_PIECES), text => {
      for (const problem of parseFrontMatter(text, { partial: true }).problems) assert.notEqual(problem.rule, 'frontmatter/unclosed');
    }), { numRuns: 500 });
  });
});

describe('properties: scanShortcodes', () => {
  it('never throws; tokens are in order, apart, and inside the scanned range; arguments inside their token', () => {
    fc.assert(fc.property(textOf(SHORTCODE_PIECES), fc.nat(), fc.nat(), (text, a, b) => {
      const from = text.length ? a % (text.length + 1) : 0;
      const to = from + (text.length - from ? b % (text.length - from + 1) : 0);
      let previousEnd = from;
      for (const token of scanShortcodes(text, from, to)) {
        const what = `${JSON.stringify(token)} in ${JSON.stringify(text)} [${from}, ${to})`;
        assert.ok(token.start >= previousEnd, `apart and in order: ${what}`);
        assertInside(what, token.start, token.end, text.length);
        assert.ok(token.start < token.end, `not empty: ${what}`);
        assert.ok(token.start >= from && token.start < to, `starts in the scanned range: ${what}`);
        assert.ok(token.start <= token.nameStart && token.nameStart <= token.nameEnd && token.nameEnd <= token.end, `name inside: ${what}`);
        for (const arg of token.args) {
          assertInside(`argument of ${what}`, arg.start, arg.end, text.length);
          assert.ok(token.start <= arg.start && arg.end <= token.end, `argument inside its token: ${what}`);
          assert.ok(arg.start <= arg.valueStart && arg.valueStart <= arg.valueEnd && arg.valueEnd <= arg.end, `value inside its argument: ${what}`);
        }
        previousEnd = token.end;
      }
    }), { numRuns: 3000 });
  });
});

describe('properties: lint', () => {
  it('never throws on a post made of front-matter and shortcode pieces, and every finding and fix lies inside the text', () => {
    const config = resolveConfig({ detectedPreset: 'hugo' });
    fc.assert(fc.property(textOf([...FRONT_MATTER_PIECES, ...SHORTCODE_PIECES, '![](', ')', '](', '<img src="', '<!--', '-->', '`', '```\n', 'github.com/x']), text => {
      for (const finding of lint({ text, config, now: new Date(2026, 0, 1) }).findings) {
        assertInside(`${finding.rule} "${finding.message}" in ${JSON.stringify(text)}`, finding.start, finding.end, text.length);
        for (const fix of finding.fixes ?? []) for (const edit of fix.edits) assertInside(`fix "${fix.title}" of ${finding.rule} in ${JSON.stringify(text)}`, edit.start, edit.end, text.length);
      }
    }), { numRuns: 1500 });
  });
});

describe('properties: the counterexamples they found, kept as examples', () => {
  it('JSON front matter with an unterminated key `{"` then CRLF: the key range runs forward, inside the text', () => {
    const parsed = parseFrontMatter('{"\r\n}');
    assert.deepEqual(parsed.fields.map(f => [f.key, f.keyStart, f.keyEnd, f.start, f.end]), [['', 2, 2, 1, 5]]);
    assert.deepEqual(parseFrontMatter('{"title": "T"}').fields.map(f => [f.key, f.keyStart, f.keyEnd]), [['title', 2, 7]]);
  });

  it('JSON front matter `{]`: "value expected" sits at the end of the text, not one past it', () => {
    assert.deepEqual(parseFrontMatter('{]').problems.map(p => [p.message, p.start, p.end]), [
      ['JSON: Property name expected', 1, 2],
      ['JSON: Value expected', 2, 2],
      ['JSON: Close brace expected', 2, 2],
    ]);
  });

  it('a shortcode tag broken over lines and never closed ends after its last argument', () => {
    const text = '{{< figure\nsrc="a.png"';
    const [token] = scanShortcodes(text);
    assert.equal(token.unterminated, true);
    assert.deepEqual([token.start, token.end, token.args.map(arg => [arg.name, arg.start, arg.end])], [0, text.length, [['src', 11, text.length]]]);
  });
});
