import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { nodeFileHost } from '../../src/node/fileHost';
import { parseConfigFile } from '../../src/core/site/config';
import { completeFrontMatter } from '../../src/core/frontmatter/completions';
import { parseFrontMatter } from '../../src/core/frontmatter/parse';
import { buildSchema } from '../../src/core/frontmatter/schema';
import { learnConventions, listPosts } from '../../src/core/site/postIndex';
import { findSite, isPost, presetFor } from '../../src/core/site/site';
import { FIXTURES, memoryHost } from './helpers';

const SITE = path.join(FIXTURES, 'site');

describe('site model', () => {
  it('finds the Hugo fixture site and says which files are posts', async () => {
    const post = path.join(SITE, 'content', 'posts', 'broken.md');
    const site = await findSite(nodeFileHost, post);
    assert.equal(site?.generator, 'hugo');
    assert.equal(site?.root, SITE);
    assert.equal(isPost(site, post), true);
    assert.equal(isPost(site, path.join(SITE, 'README.md')), false, 'a README outside content/ is not a post');
    assert.equal(isPost(site, path.join(SITE, 'content', '_index.md')), false);
    const posts = await listPosts(nodeFileHost, site!);
    assert.equal(posts.length, 12);
    const conventions = await learnConventions(nodeFileHost, posts);
    assert.equal(conventions.values('tags')[0].value, 'fosdem');
  });

  it('gives a code repository no site, so its README is no post', async () => {
    const host = memoryHost({ '/repo/package.json': '{}', '/repo/README.md': '# x', '/repo/config.json': '{}' });
    const site = await findSite(host, '/repo/README.md', '/repo');
    assert.equal(site, undefined);
    assert.equal(isPost(site, '/repo/README.md'), false);
  });

  it('detects Jekyll, Hugo config dirs and contentDir, and .recap.json globs', async () => {
    const jekyll = await findSite(memoryHost({ '/j/_config.yml': 'title: x', '/j/_posts/2023-09-28-promcon.md': '' }), '/j/_posts/2023-09-28-promcon.md');
    assert.equal(jekyll?.generator, 'jekyll');
    assert.equal(isPost(jekyll, '/j/_posts/2023-09-28-promcon.md'), true);
    assert.equal(isPost(jekyll, '/j/about.md'), false);
    const hugo = await findSite(memoryHost({ '/h/hugo.yaml': 'contentDir: posts-src\n', '/h/posts-src/a.md': '' }), '/h/posts-src/a.md');
    assert.deepEqual(hugo?.contentDirs, ['/h/posts-src']);
    const plain = await findSite(memoryHost({ '/b/.recap.json': '{ // comment\n "posts": ["blog/**/*.md"] }', '/b/blog/2025/x.md': '' }), '/b/blog/2025/x.md');
    assert.equal(plain?.generator, 'markdown');
    assert.equal(isPost(plain, '/b/blog/2025/x.md'), true);
    assert.equal(isPost(plain, '/b/README.md'), false);
  });

  it('reports problems in .recap.json, located', () => {
    const { config, problems } = parseConfigFile('{ "preset": "gatsby", "rules": { "frontmatter/type": "loud" }, }');
    assert.equal(config.preset, undefined);
    assert.equal(problems.length, 2);
    assert.ok(parseConfigFile('{ "a": ').problems[0].offset > 0);
  });

  it('guesses the preset of a file outside any site from its front matter', () => {
    assert.equal(presetFor(undefined, parseFrontMatter('---\nlayout: post\ntitle: x\n---\n')), 'jekyll');
    assert.equal(presetFor(undefined, parseFrontMatter('---\ntitle: x\n---\n')), 'hugo');
  });
});

describe('front-matter completions', () => {
  it('offers missing keys, then site values most used first', async () => {
    const posts = await listPosts(nodeFileHost, (await findSite(nodeFileHost, path.join(SITE, 'hugo.toml')))!);
    const conventions = await learnConventions(nodeFileHost, posts);
    const schema = buildSchema('hugo');
    const text = '---\ntitle: x\nta\n---\n';
    const keys = completeFrontMatter(text, text.indexOf('ta') + 2, parseFrontMatter(text), schema, conventions);
    assert.ok(keys.some(k => k.label === 'tags' && k.insertText === 'tags: '));
    assert.ok(!keys.some(k => k.label === 'title'), 'present keys are not offered again');
    const list = '---\ntitle: x\ntags: [fosdem, ]\n---\n';
    const values = completeFrontMatter(list, list.indexOf(', ]') + 2, parseFrontMatter(list), schema, conventions);
    assert.deepEqual(values.map(v => v.label), ['observability', 'prometheus']);
    const block = '---\ntitle: x\nauthors:\n  - \n---\n';
    const authors = completeFrontMatter(block, block.indexOf('- ') + 2, parseFrontMatter(block), schema, conventions);
    assert.deepEqual(authors.map(v => v.label), ['Jose Gomez-Selles', 'Roman Khavronenko']);
    const draft = '---\ndraft: \n---\n';
    assert.deepEqual(completeFrontMatter(draft, draft.indexOf(': ') + 2, parseFrontMatter(draft), schema).map(v => v.label), ['true', 'false']);
  });
});
