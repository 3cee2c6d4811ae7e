import * as assert from 'node:assert/strict';
import { findBlock, parseFrontMatter } from '../../src/core/frontmatter';
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
  it('reads a 20 MB post with an unclosed block in well under a second', () => {
    const text = `---\ntitle: x\n${'lorem ipsum dolor sit amet\n'.repeat(800_000)}`;
    const started = Date.now();
    const parsed = parseFrontMatter(text);
    assert.equal(parsed.problems[0]?.rule, 'frontmatter/unclosed');
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  });

  it('refuses to parse a front matter over 512 KiB, with a located message', () => {
    const text = `---\n${'k: v\n'.repeat(150_000)}---\nbody`;
    const parsed = parseFrontMatter(text);
    assert.match(parsed.problems[0]?.message ?? '', /larger than 512 KiB/);
  });
});
