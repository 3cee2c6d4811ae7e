// The rule registry (src/core/lint/rules.ts): each rule declared once with its id, default level, description, docs
// link and check; each check (a family's, shared) finds only its own rules; the configuration starts from it.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { nodeFileHost } from '../../src/node/fileHost';
import { parseFrontMatter } from '../../src/core/frontmatter/parse';
import { FRONTMATTER_RULES } from '../../src/core/frontmatter/rules';
import { buildSchema } from '../../src/core/frontmatter/schema';
import type { Finding, RuleId } from '../../src/core/lint/findings';
import { checksOf, ruleDocUrl, type Rule } from '../../src/core/lint/rule';
import { ALL_RULES, defaultRuleLevels, isRuleId, RULES_BY_ID } from '../../src/core/lint/rules';
import { frontMatterImages } from '../../src/core/lint/lint';
import { BODY_RULES } from '../../src/core/markdown/rules';
import { scanBody } from '../../src/core/markdown/rules/context';
import { resolveConfig } from '../../src/core/site/config';
import { buildSiteIndex } from '../../src/core/site/files';
import { findSite } from '../../src/core/site/site';
import { FIXTURES, NOW } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');

function posts(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? posts(full) : name.endsWith('.md') ? [full] : [];
  });
}

/** The ids of the rules that share each check: what that check may find. */
function familiesOf<Input>(rules: readonly Rule<RuleId, Input>[]): Map<(input: Input) => unknown, Set<string>> {
  const families = new Map<(input: Input) => unknown, Set<string>>();
  for (const rule of rules) if (rule.check) families.set(rule.check, (families.get(rule.check) ?? new Set()).add(rule.id));
  return families;
}

describe('rule registry', () => {
  it('declares each rule once, as family/name, with a default level, a description and its section of docs/rules.md', () => {
    const ids = ALL_RULES.map(rule => rule.id);
    assert.equal(new Set(ids).size, ids.length, 'an id is declared twice');
    assert.ok(ids.length >= 30);
    const docs = readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8');
    for (const rule of ALL_RULES) {
      assert.match(rule.id, /^[a-z]+\/[a-z]+(-[a-z]+)*$/);
      assert.ok(['error', 'warning', 'info', 'hint'].includes(rule.defaultLevel), rule.id);
      assert.ok(rule.description.length > 10 && /[.)]$/.test(rule.description), `${rule.id}: a sentence`);
      assert.equal(rule.docs, ruleDocUrl(rule.id));
      const section = docs.indexOf(`\n## ${rule.id}\n`);
      assert.ok(section !== -1, `docs/rules.md has no section for ${rule.id}`);
      // The section states the registry's default level first.
      assert.equal(/\*Default: (\w+)/.exec(docs.slice(section, section + 400))?.[1], rule.defaultLevel, `docs/rules.md: ${rule.id}'s default`);
      assert.equal(RULES_BY_ID.get(rule.id), rule);
      assert.ok(isRuleId(rule.id));
    }
    assert.ok(!isRuleId('image/typo'));
    // @ts-expect-error: a finding names a declared rule, checked by the compiler.
    const typo: Finding['rule'] = 'image/typo';
    assert.ok(typo);
  });

  it('gives every rule a check but the file/… rules, which whoever reads the post reports', () => {
    for (const rule of ALL_RULES) assert.equal(rule.check === undefined, rule.id.startsWith('file/'), rule.id);
  });

  it('starts the configuration from the default levels', () => {
    const levels = defaultRuleLevels();
    assert.deepEqual(Object.keys(levels), ALL_RULES.map(rule => rule.id));
    assert.deepEqual(resolveConfig({ detectedPreset: 'hugo' }).rules, levels);
    assert.equal(resolveConfig({ detectedPreset: 'hugo', file: { rules: { 'image/not-found': 'off' } }, ruleOverrides: { 'text/mojibake': 'hint' } }).rules['image/not-found'], 'off');
  });

  it('runs each body family’s check once per post, and each check finds only its family’s rules; the fixtures find every body rule', async () => {
    const families = familiesOf(BODY_RULES);
    assert.equal(checksOf(BODY_RULES).length, families.size);
    assert.ok(families.size < BODY_RULES.length, 'image/missing-alt and image/not-found share one pass');
    const found = new Set<string>();
    const corpus = posts(FIXTURES).filter(file => !file.includes('bad-input')).map(file => ({ file, text: readFileSync(file, 'utf8') }));
    corpus.push({ file: path.join(FIXTURES, 'site', 'content', 'posts', 'broken.md'), text: '---\ntitle: Broken\n---\n{{< figure src="/a.png" alt="A >}}\n' });
    for (const { file, text } of corpus) {
      const parsed = parseFrontMatter(text);
      const site = await findSite(nodeFileHost, file);
      const index = site ? await buildSiteIndex(nodeFileHost, site) : undefined;
      const scan = scanBody(text, parsed.bodyStart, { index, filePath: file, frontMatterImages: frontMatterImages(parsed) });
      for (const [check, ids] of families) {
        for (const finding of check(scan) as Finding[]) {
          assert.ok(ids.has(finding.rule), `${path.basename(file)}: the check of ${[...ids].join(', ')} found ${finding.rule}`);
          found.add(finding.rule);
        }
      }
    }
    assert.deepEqual([...found].sort(), BODY_RULES.map(rule => rule.id).sort());
  });

  it('each front-matter check finds only its family’s rules', () => {
    const families = familiesOf(FRONTMATTER_RULES);
    const texts = [
      'No front matter at all.\n',
      '---\ntitle: [unclosed\n---\n',
      '---\ntitle: A\n',
      '---\ntitle: A\ntitle: B\ndate: 2025-13-45\ndraft: "false"\ntag: [x]\nmood: happy\nsummary: ' + 'x'.repeat(400) + '\n---\nBody.\n',
      '+++\ndraft = 3\n+++\n',
    ];
    const found = new Set<string>();
    for (const text of texts) {
      const input = { text, parsed: parseFrontMatter(text), context: { schema: buildSchema('hugo'), conventionThreshold: 0.8, now: NOW } };
      for (const [check, ids] of families) {
        for (const finding of check(input) as Finding[]) {
          assert.ok(ids.has(finding.rule), `the check of ${[...ids].join(', ')} found ${finding.rule}`);
          found.add(finding.rule);
        }
      }
    }
    // frontmatter/site-convention needs a site's other posts (rules.test.ts).
    assert.deepEqual([...found].sort(), FRONTMATTER_RULES.map(rule => rule.id).filter(id => id !== 'frontmatter/site-convention').sort());
  });
});
