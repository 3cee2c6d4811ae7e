import * as assert from 'node:assert/strict';
import { findBlock, parseFrontMatter } from '../../src/core/frontmatter/parse';
import { assertLinearGrowth } from './growth';
import { fixture } from './helpers';

describe('frontmatter.parse', () => {
  it('parses the YAML front matter of a real Hugo post with key and value ranges', () => {
    const text = fixture('samples', 'fosdem-2025-victoriametrics.md');
    const parsed = parseFrontMatter(text);
    assert.equal(parsed.block?.format, 'yaml');
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.data.draft, false);
    assert.ok(Array.isArray(parsed.data.tags));
    const title = parsed.fields.find(f => f.key === 'title');
    assert.ok(title?.value);
    assert.equal(text.slice(title.keyStart, title.keyEnd), 'title');
    assert.equal(text.slice(title.value.start, title.value.end).replace(/^["']|["']$/g, ''), title.value.value);
    assert.ok(text.slice(parsed.bodyStart).trimStart().length > 100);
  });

  it('parses a real Jekyll post', () => {
    const parsed = parseFrontMatter(fixture('samples', 'promcon-2023-jekyll.md'));
    assert.equal(parsed.block?.format, 'yaml');
    assert.equal(parsed.data.layout, 'post');
    assert.ok(parsed.fields.some(f => f.key === 'tag'));
  });

  it('reports a YAML syntax error at the exact line and column', () => {
    const text = '---\ntitle: ok\ntags: [a, b\ndate: 2025-01-01\n---\nbody\n';
    const parsed = parseFrontMatter(text);
    assert.equal(parsed.problems[0]?.rule, 'frontmatter/syntax');
    assert.ok(parsed.problems[0].start >= text.indexOf('[a, b'), 'error is inside the block, not at its start');
  });

  it('locates a bad indentation error where the yaml parser sees it (the value it would nest under)', () => {
    const text = '---\ntitle: ok\n  bad: indent\n---\n';
    const parsed = parseFrontMatter(text);
    assert.equal(parsed.problems[0]?.rule, 'frontmatter/syntax');
    const before = text.slice(0, parsed.problems[0].start).split('\n');
    assert.deepEqual([before.length, before[before.length - 1].length + 1], [2, 8]);
  });

  it('finds an unclosed block', () => {
    const parsed = parseFrontMatter('---\ntitle: x\n\n# body\n');
    assert.deepEqual(parsed.problems.map(p => [p.rule, p.start, p.end]), [['frontmatter/unclosed', 0, 3]]);
  });

  it('reports duplicate keys with the second key range', () => {
    const text = '---\ntitle: a\ntitle: b\n---\n';
    const parsed = parseFrontMatter(text);
    const duplicate = parsed.problems.find(p => p.rule === 'frontmatter/duplicate-key');
    assert.ok(duplicate);
    assert.equal(duplicate.start, text.lastIndexOf('title'));
  });

  it('parses TOML front matter, with ranges and syntax errors', () => {
    const text = '+++\ntitle = "FOSDEM"\ndate = 2025-02-01\ntags = ["a", "b"]\n[params]\nx = 1\n+++\nbody';
    const parsed = parseFrontMatter(text);
    assert.equal(parsed.block?.format, 'toml');
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.data.title, 'FOSDEM');
    assert.deepEqual(parsed.data.tags, ['a', 'b']);
    const tags = parsed.fields.find(f => f.key === 'tags');
    assert.equal(text.slice(tags!.value!.start, tags!.value!.end), '["a", "b"]');
    assert.ok('params' in parsed.data);
    const broken = parseFrontMatter('+++\ntitle = "x"\ndate = \n+++\n');
    assert.equal(broken.problems[0]?.rule, 'frontmatter/syntax');
    assert.match(broken.problems[0].message, /^TOML/);
  });

  it('parses JSON front matter and its errors', () => {
    const text = '{\n  "title": "x",\n  "tags": ["a"]\n}\n\nbody';
    const parsed = parseFrontMatter(text);
    assert.equal(parsed.block?.format, 'json');
    assert.deepEqual(parsed.data, { title: 'x', tags: ['a'] });
    assert.equal(text.slice(parsed.bodyStart), '\nbody');
    const broken = parseFrontMatter('{\n  "title": "x"\n  "tags": []\n}\n');
    assert.equal(broken.problems[0]?.rule, 'frontmatter/syntax');
  });

  it('handles a BOM, Windows line endings, an empty file and a comment-only block without throwing', () => {
    const bom = parseFrontMatter('\uFEFF---\r\ntitle: x\r\n---\r\nbody');
    assert.equal(bom.block?.start, 1);
    assert.equal(bom.eol, '\r\n');
    assert.equal(bom.data.title, 'x');
    assert.equal(parseFrontMatter('').block, undefined);
    const comment = parseFrontMatter('---\n# only a comment\n---\n');
    assert.deepEqual(comment.problems, []);
    assert.deepEqual(comment.fields, []);
    assert.equal(findBlock('no front matter'), undefined);
  });

  it('never throws on hostile input', () => {
    const inputs = ['---', '---\n', '+++\n+++', '{', '{{{{', '---\n:\n---', '---\n- a\n- b\n---', '---\n[\n---', '\u0000\u0001---', '---\n&a [*a]\n---', 'x'.repeat(100000)];
    for (const input of inputs) assert.doesNotThrow(() => parseFrontMatter(input), input.slice(0, 20));
  });
});

describe('frontmatter.parse on huge input', () => {
  it('reads a post with an unclosed block in time linear in its length', () => {
    const post = (lines: number) => `---\ntitle: x\n${'lorem ipsum dolor sit amet\n'.repeat(lines)}`;
    assert.equal(parseFrontMatter(post(800_000)).problems[0]?.rule, 'frontmatter/unclosed', 'a 20 MB post');
    assertLinearGrowth('parseFrontMatter of an unclosed block', 100_000, post, text => parseFrontMatter(text));
  });

  it('refuses to parse a front matter over 512 KiB, with a located message', () => {
    const text = `---\n${'k: v\n'.repeat(150_000)}---\nbody`;
    const parsed = parseFrontMatter(text);
    assert.match(parsed.problems[0]?.message ?? '', /larger than 512 KiB/);
  });
});

describe('frontmatter.parse: nesting and aliases', () => {
  /** Where a problem sits, as 1-based line:column. */
  function position(text: string, offset: number): string {
    const before = text.slice(0, offset).split('\n');
    return `${before.length}:${before[before.length - 1].length + 1}`;
  }

  const deep = {
    json: (n: number) => `{\n  "title": "Deep",\n  "x": ${'['.repeat(n)}${']'.repeat(n)}\n}\n\nbody\n`,
    yaml: (n: number) => `---\ntitle: Deep\nx: ${'['.repeat(n)}${']'.repeat(n)}\n---\nbody\n`,
    yamlBlock: (n: number) => `---\ntitle: Deep\nx:\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i)}- `).join('\n')}x\n---\nbody\n`,
    toml: (n: number) => `+++\ntitle = "Deep"\nx = ${'{ a = '.repeat(n)}1${' }'.repeat(n)}\n+++\nbody\n`,
    tomlDotted: (n: number) => `+++\ntitle = "Deep"\n${Array.from({ length: n }, () => 'k').join('.')} = 1\n+++\nbody\n`,
  };

  it('reports front matter nested 3,000 levels deep (300 in YAML block form), located where it passes the limit, instead of overflowing the stack', () => {
    const expected: Record<keyof typeof deep, [string, string]> = {
      json: ['JSON: nested too deeply: 3001 levels; the limit is 100.', '3:107'],
      yaml: ['YAML: nested too deeply: 3001 levels; the limit is 100.', '3:103'],
      yamlBlock: ['YAML: nested too deeply: 301 levels; the limit is 100.', '104:101'],
      toml: ['TOML: nested too deeply: 3001 levels; the limit is 100.', '3:599'],
      tomlDotted: ['TOML: nested too deeply: 3000 levels; the limit is 100.', '3:200'],
    };
    for (const [format, make] of Object.entries(deep) as [keyof typeof deep, (n: number) => string][]) {
      const text = make(format === 'yamlBlock' ? 300 : 3000);
      const parsed = parseFrontMatter(text);
      assert.deepEqual(parsed.problems.map(p => [p.rule, p.message, position(text, p.start)]), [['frontmatter/syntax', ...expected[format]]], format);
      assert.deepEqual(parsed.fields, [], format);
      assert.equal(text.slice(parsed.bodyStart), format.startsWith('json') ? '\nbody\n' : 'body\n', format);
    }
  });

  it('measures the nesting in linear time (the yaml parser slows down with depth, so it never sees such a text)', () => {
    for (const [format, make] of Object.entries(deep)) {
      if (format === 'yamlBlock') continue; // its text grows with the square of the depth (indentation)
      assertLinearGrowth(`parseFrontMatter of ${format} nesting`, 5000, make, text => parseFrontMatter(text));
    }
  });

  it('accepts ordinary nesting, and brackets and dots inside strings, comments and block scalars', () => {
    const posts = [
      `---\ntitle: "${'['.repeat(150)}"\nparams:\n  a:\n    b: [1, {c: [d]}]\n---\n`,
      `---\ntitle: x\nnotes: |\n${Array.from({ length: 150 }, (_, i) => `  ${' '.repeat(i)}- step`).join('\n')}\nsummary: ok # [[[[[\n---\n`,
      `+++\ntitle = "${'['.repeat(150)}"\nlabel = '${'{'.repeat(150)}'\nnote = """\n${'['.repeat(150)}\n"""\n# ${'['.repeat(150)}\nweight = 1.5\nparams.a.b = [1.5, 2.5]\n[params.x]\ny = { z = 1 }\n+++\n`,
      `{\n  "title": "${'['.repeat(150)}",\n  "params": { "a": [[1], { "b": 2 }] }\n}\n`,
    ];
    for (const text of posts) assert.deepEqual(parseFrontMatter(text).problems, [], text.slice(0, 40));
    assert.equal(parseFrontMatter(posts[0]).data.title, '['.repeat(150));
  });

  it('reports a "billion laughs" alias bomb at its first alias, and keeps ordinary aliases', () => {
    let text = '---\ntitle: Laughs\nlol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i < 10; i++) text += `lol${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
    text += 'tags: *a9\n---\nbody\n';
    const parsed = parseFrontMatter(text);
    assert.deepEqual(parsed.problems.map(p => [p.rule, text.slice(p.start, p.end)]), [['frontmatter/syntax', '*a0']]);
    assert.match(parsed.problems[0].message, /^YAML: the aliases \(`\*name`\) would expand into more than 100 copies/);
    assert.deepEqual(parseFrontMatter('---\ntitle: x\ncommon: &tags [a, b]\ntags: *tags\n---\n').problems, []);
  });

  it('says a JSON front matter over 512 KiB is too large to check, not that it is never closed', () => {
    const text = `{"title": "${'x'.repeat(600 * 1024)}", "date": "2025-02-01"}\n\nbody\n`;
    assert.deepEqual(parseFrontMatter(text).problems.map(p => [p.rule, p.message]), [['frontmatter/syntax', 'The front matter is larger than 512 KiB; it is not checked.']]);
  });
});
