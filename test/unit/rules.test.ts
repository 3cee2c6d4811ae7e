import * as assert from 'node:assert/strict';
import { SiteConventions } from '../../src/core/site/conventions';
import { parseFrontMatter } from '../../src/core/frontmatter/parse';
import { applyEdits } from '../../src/core/frontmatter/edits';
import { titleFromBody } from '../../src/core/frontmatter/rules';
import { assertLinearGrowth } from './growth';
import { check, fixture, rules, underlined } from './helpers';

function fixed(text: string, rule: string, index = 0): string {
  const finding = check(text).filter(f => f.rule === rule)[index];
  assert.ok(finding?.fixes?.[0], `a fix for ${rule}`);
  return applyEdits(text, finding.fixes[0].edits);
}

describe('frontmatter rules', () => {
  it('accepts the real Hugo sample; its theme keys `page` and `enableComments` are custom keys, only hints', () => {
    const text = fixture('samples', 'fosdem-2025-victoriametrics.md');
    const findings = check(text);
    assert.deepEqual(findings.map(f => [f.rule, f.severity, underlined(text, f)]), [['frontmatter/custom-key', 'hint', 'page'], ['frontmatter/custom-key', 'hint', 'enableComments']]);
    assert.equal(findings[1].message, "Custom key `enableComments`: not in the hugo schema nor used by the site's other posts. Hugo gives it to the templates as `.Params.enableComments`. Declare it in .recap.json `frontMatter.fields` to type-check it.");
    assert.equal(findings[1].fixes, undefined);
  });

  it('custom keys are hints in the Jekyll preset too; near misses stay warnings with "did you mean"', () => {
    const jekyll = fixture('samples', 'promcon-2023-jekyll.md');
    const findings = check(jekyll, { preset: 'jekyll' }).filter(f => f.rule.endsWith('-key'));
    assert.deepEqual(findings.map(f => [f.rule, f.severity, underlined(jekyll, f)]), [
      ['frontmatter/unknown-key', 'warning', 'tag'],
      ['frontmatter/custom-key', 'hint', 'background'],
      ['frontmatter/custom-key', 'hint', 'twitter'],
    ]);
    assert.match(findings[1].message, /Jekyll gives it to the layouts as `page\.background`/);
    const typos = '---\ntitle: x\ndate: 2025-01-01\ncategorie: [talks]\nsumary: "A day at FOSDEM."\nDraft: false\n---\n';
    assert.deepEqual(check(typos).map(f => [f.rule, f.severity, f.message.replace(/.*Did you mean /, '')]), [
      ['frontmatter/unknown-key', 'warning', '`categories`?'],
      ['frontmatter/unknown-key', 'warning', '`summary`?'],
      ['frontmatter/unknown-key', 'warning', '`draft`?'],
    ]);
    // A key declared in .recap.json is known.
    assert.deepEqual(check('---\ntitle: x\ndate: 2025-01-01\nenableComments: true\n---\n', { file: { frontMatter: { fields: { enableComments: { type: 'boolean' } } } } }), []);
  });

  it('suggests `tags` for Jekyll `tag` and `authors` for Hugo `author`', () => {
    const jekyll = fixture('samples', 'promcon-2023-jekyll.md');
    const tag = check(jekyll, { preset: 'jekyll' }).find(f => underlined(jekyll, f) === 'tag');
    assert.match(tag!.message, /Did you mean `tags`\?/);
    const hugo = '---\ntitle: x\ndate: 2025-01-01\nauthor: [me]\n---\n';
    const author = check(hugo).find(f => f.rule === 'frontmatter/unknown-key');
    assert.match(author!.message, /Did you mean `authors`\?/);
    assert.equal(fixed(hugo, 'frontmatter/unknown-key'), hugo.replace('author:', 'authors:'));
  });

  it('a post pasted without front matter: the title is its first short standalone line, not the file name', () => {
    const text = fixture('posts', 'fosdem-2026-pasted.md');
    const filePath = '/blog/content/posts/2026-02-03-fosdem-2026-no-frontmatter.md';
    assert.equal(titleFromBody(text, filePath), 'Another Year, Another FOSDEM');
    const missing = check(text, { filePath }).find(f => f.rule === 'frontmatter/missing');
    assert.ok(applyEdits(text, missing!.fixes![0].edits).startsWith('---\ntitle: Another Year, Another FOSDEM\ndate: 2026-11-25\n---\n\nAnother Year'));
  });

  it('titleFromBody: headings first (ATX with closing #s, setext), then a title-like first line, else the file name', () => {
    const file = '/blog/content/posts/2026-02-03-fosdem-2026-no-frontmatter.md';
    const long = 'It was my sixth FOSDEM, and somehow it was still full of surprises for everyone who came to Brussels.';
    assert.equal(titleFromBody(`Intro line\n\n# FOSDEM 2026: day one ##\n\n${long}\n`, file), 'FOSDEM 2026: day one');
    assert.equal(titleFromBody('# C# in 2026\n', file), 'C# in 2026');
    assert.equal(titleFromBody(`FOSDEM 2026, day one\n====================\n\n${long}\n`, file), 'FOSDEM 2026, day one');
    assert.equal(titleFromBody(`\uFEFF\nAnother Year, Another FOSDEM\n\n${long}\n`, file), 'Another Year, Another FOSDEM');
    assert.equal(titleFromBody(`What is new in Go?\n${long}\n`, file), 'What is new in Go?');
    // Not a title: a sentence, a line that goes on in the next one, Markdown syntax, a line as long as the next.
    for (const body of [`${long}\n`, `I went to FOSDEM\nand it was great, as it is every single year in Brussels for all of us.\n`, `## Saturday\n\n${long}\n`,
      `- Saturday\n- Sunday\n`, `{{< image src="a.png" alt="A" >}}\n`, `![Janson](janson.webp)\n\n${long}\n`, `Saturday in Janson\nSunday in the K building\n`]) {
      assert.equal(titleFromBody(body, file), 'Fosdem 2026 no frontmatter', body);
    }
  });

  it('titleFromBody is linear on a long heading line (a lazy regex retried the rest of the line at every step)', () => {
    assertLinearGrowth('titleFromBody on "# a   …   x"', 3_000, n => `# a${' '.repeat(n)}x\n`, text => titleFromBody(text));
    assertLinearGrowth('titleFromBody on a long first line', 3_000, n => `${'Lorem {{< [ipsum]( '.repeat(n)}\n`, text => titleFromBody(text));
  });

  it('reports a post without front matter and adds a block from the first heading', () => {
    const text = '# FOSDEM 2025: what we saw\n\nText.\n';
    assert.deepEqual(rules(check(text)), ['frontmatter/missing']);
    assert.equal(fixed(text, 'frontmatter/missing'), '---\ntitle: "FOSDEM 2025: what we saw"\ndate: 2026-11-25\n---\n\n# FOSDEM 2025: what we saw\n\nText.\n');
  });

  it('requires title and date, and adds them with a fix that keeps comments', () => {
    const text = '---\n# a comment\ndraft: false # inline\n---\n# Heading\n';
    const findings = check(text).filter(f => f.rule === 'frontmatter/required');
    assert.deepEqual(findings.map(f => f.message), ['The required key `title` is missing.', 'The required key `date` is missing.']);
    const once = fixed(text, 'frontmatter/required');
    assert.equal(once, '---\n# a comment\ndraft: false # inline\ntitle: Heading\n---\n# Heading\n');
    const twice = fixed(once, 'frontmatter/required');
    assert.match(twice, /date: 2026-11-25\n---/);
    assert.match(twice, /# a comment\ndraft: false # inline/);
  });

  it('reports empty required values', () => {
    const findings = check('---\ntitle: ""\ndate: 2025-01-01\n---\n');
    assert.deepEqual(findings.map(f => f.message), ['The required key `title` is empty.']);
  });

  it('fixes "false" into false and wraps a scalar into a list, in place', () => {
    const text = '---\ntitle: x\ndate: 2025-01-01\ndraft: "false"   # not yet\ntags: fosdem\n---\n';
    assert.deepEqual(rules(check(text)), ['frontmatter/type', 'frontmatter/type']);
    assert.equal(fixed(text, 'frontmatter/type', 0), text.replace('"false"', 'false'));
    assert.equal(fixed(text, 'frontmatter/type', 1), text.replace('tags: fosdem', 'tags: [fosdem]'));
  });

  it('checks dates: impossible days, and normalises human-written ones', () => {
    assert.match(check('---\ntitle: x\ndate: 2025-02-30\n---\n')[0].message, /February 2025 has 28 days/);
    assert.equal(check('---\ntitle: x\ndate: 2024-02-29T10:00:00+01:00\n---\n').length, 0);
    const text = '---\ntitle: x\ndate: 1 February 2025\n---\n';
    assert.equal(fixed(text, 'frontmatter/date'), '---\ntitle: x\ndate: 2025-02-01\n---\n');
    const slash = '---\ntitle: x\ndate: "2025/2/1"\n---\n';
    assert.equal(fixed(slash, 'frontmatter/date'), '---\ntitle: x\ndate: "2025-02-01"\n---\n');
  });

  it('applies the same rules to TOML and JSON front matter', () => {
    const toml = '+++\ntitle = "x"\ndate = 2025-02-01\ndraft = "false"\ntags = "fosdem"\n+++\n';
    assert.deepEqual(rules(check(toml)), ['frontmatter/type', 'frontmatter/type']);
    assert.equal(fixed(toml, 'frontmatter/type', 1), toml.replace('tags = "fosdem"', 'tags = ["fosdem"]'));
    const json = '{\n  "title": "x",\n  "draft": "true"\n}\n';
    const findings = check(json);
    assert.deepEqual(rules(findings).sort(), ['frontmatter/required', 'frontmatter/type']);
    const withDate = applyEdits(json, findings.find(f => f.rule === 'frontmatter/required')!.fixes![0].edits);
    assert.deepEqual(JSON.parse(withDate), { title: 'x', draft: 'true', date: '2026-11-25' });
  });

  it('honours rule severities and required keys from .recap.json', () => {
    const text = '---\ntitle: x\ndate: 2025-01-01\nsubtitle: y\nfoo: 1\n---\n';
    const file = { rules: { 'frontmatter/custom-key': 'off' as const }, frontMatter: { required: ['title', 'date', 'authors'] } };
    assert.deepEqual(check(text, { file }).map(f => [f.rule, f.severity, f.message]), [['frontmatter/required', 'error', 'The required key `authors` is missing.']]);
    assert.deepEqual(check(text, { file: { rules: { 'frontmatter/custom-key': 'error' } } }).map(f => f.severity), ['error']);
  });

  it('learns the site: keys used by other posts are known, common keys become conventions', () => {
    const conventions = new SiteConventions();
    for (let i = 0; i < 6; i++) conventions.update(`/site/content/posts/p${i}.md`, parseFrontMatter(`---\ntitle: p\ndate: 2025-01-01\nenableComments: true\nimages: [a.webp]\ntags: [fosdem, ${i % 2 ? 'prometheus' : 'grafana'}]\n---\n`));
    const text = '---\ntitle: x\ndate: 2025-01-01\nenableComments: true\n---\n';
    const findings = check(text, { conventions, filePath: '/site/content/posts/new.md' });
    assert.deepEqual(findings.map(f => [f.rule, f.message]), [
      ['frontmatter/site-convention', '6 of 6 other posts (100 %) have `images`; this one does not.'],
      ['frontmatter/site-convention', '6 of 6 other posts (100 %) have `tags`; this one does not.'],
    ]);
    assert.deepEqual(conventions.values('tags').map(v => v.value), ['fosdem', 'grafana', 'prometheus']);
    // Incremental: a post changes, the stats follow.
    conventions.update('/site/content/posts/p0.md', parseFrontMatter('---\ntitle: p\n---\n'));
    assert.equal(conventions.keyUsage().get('images')?.count, 5);
    conventions.remove('/site/content/posts/p1.md');
    assert.equal(conventions.keyUsage().get('images')?.count, 4);
  });

  it('reports every problem of a badly broken post, each at its spot', () => {
    const text = fixture('site', 'content', 'posts', 'broken.md');
    const findings = check(text);
    assert.deepEqual(findings.map(f => [f.rule, underlined(text, f)]), [
      ['frontmatter/date', '2025-02-30'],
      ['frontmatter/type', '"false"'],
      ['frontmatter/unknown-key', 'tag'],
      ['frontmatter/type', 'Roman Khavronenko'],
    ]);
  });

  it('does not check binary content, and says so at its first NUL', () => {
    assert.deepEqual(check('\u0000\u0001\u0002PNG').map(f => [f.rule, f.severity, f.start, f.end]), [['file/not-text', 'error', 0, 1]]);
  });
});
