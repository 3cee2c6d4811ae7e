import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { nodeFileHost } from '../../src/node/fileHost';
import { findSite } from '../../src/core/site/site';
import { buildSiteIndex, nearestContentRef, nearestImage, readShortcodeTemplate, resolveContentRef, resolveImage, updateSiteIndex, type SiteIndex } from '../../src/core/site/files';
import { contentRefCompletions, pathCompletions, shortcodeCompletions } from '../../src/core/markdown/completions';
import { FIXTURES, memoryHost } from './helpers';

const SITE = path.join(FIXTURES, 'site');
const POST = path.join(SITE, 'content', 'posts', '2024-08-01-shortcodes.md');
const BUNDLE = path.join(SITE, 'content', 'posts', '2024-07-01-bundle', 'index.md');
const JOUR1 = path.join(SITE, 'content', 'tech', '2024-02-03-fosdem-2024-Jour-1.md');

describe('site files', () => {
  let index: SiteIndex;
  before(async () => {
    index = await buildSiteIndex(nodeFileHost, (await findSite(nodeFileHost, POST))!);
  });

  it('indexes static files, content with bundles, and the site shortcodes with their parameters', () => {
    assert.deepEqual(index.staticDirs, [path.join(SITE, 'static')]);
    assert.ok(index.staticFiles.has('blog/fosdem-2025/jose-intro.webp'));
    assert.ok(index.contentFiles.includes('posts/2024-07-01-bundle/photo.jpg'));
    assert.deepEqual(index.shortcodes.get('image'), { name: 'image', params: ['href', 'alt', 'caption'], positional: 0, paired: false, file: path.join(SITE, 'layouts', 'shortcodes', 'image.html') });
    assert.equal(index.shortcodes.get('note')?.paired, true);
    assert.equal(index.shortcodes.get('talk')?.positional, 2);
    assert.deepEqual(index.shortcodes.get('speaker')?.params, ['year', 'id', 'name'], 'layouts/_shortcodes and back-quoted names');
    assert.equal(index.truncated, false);
  });

  it('resolves absolute image paths in static/, relative ones in the page bundle', () => {
    assert.equal(resolveImage(index, POST, '/blog/fosdem-2025/jose-intro.webp').file, path.join(SITE, 'static', 'blog', 'fosdem-2025', 'jose-intro.webp'));
    assert.equal(resolveImage(index, POST, '/blog/fosdem-2025/jose-intro.webp?x=1#top').file !== undefined, true, 'query and fragment stripped');
    assert.equal(resolveImage(index, POST, '/blog/fosdem%2D2025/jose-intro.webp').file !== undefined, true, 'URL-decoded');
    assert.equal(resolveImage(index, BUNDLE, 'photo.jpg').file, path.join(SITE, 'content', 'posts', '2024-07-01-bundle', 'photo.jpg'));
    assert.equal(resolveImage(index, BUNDLE, './photo.jpg').file !== undefined, true);
    assert.equal(resolveImage(index, POST, '/posts/2024-07-01-bundle/photo.jpg').file !== undefined, true, 'a bundle resource at its published URL');
    const missing = resolveImage(index, POST, '/blog/nope.webp');
    assert.equal(missing.file, undefined);
    assert.deepEqual(missing.candidates, [path.join(SITE, 'static', 'blog', 'nope.webp')]);
    assert.equal(resolveImage(index, POST, 'photo.jpg').file, undefined, 'not a bundle: no photo beside it');
    for (const external of ['https://x.org/a.png', '//cdn.x/a.png', 'data:image/png;base64,xx', '{{ .Params.cover }}']) assert.equal(resolveImage(index, POST, external).external, true, external);
  });

  it('resolves ref/relref targets like Hugo', () => {
    const jour1 = JOUR1;
    assert.equal(resolveContentRef(index, POST, 'tech/2024-02-03-fosdem-2024-Jour-1').file, jour1);
    assert.equal(resolveContentRef(index, POST, '/tech/2024-02-03-fosdem-2024-jour-1.md').file, jour1, 'leading slash, extension, any case');
    assert.equal(resolveContentRef(index, POST, 'tech/2024-02-03-fosdem-2024-Jour-1#talks').file, jour1, 'anchor stripped');
    assert.equal(resolveContentRef(index, POST, '2024-07-01-bundle').file, BUNDLE, 'relative to the current section, a bundle by its folder');
    assert.equal(resolveContentRef(index, POST, 'posts/2024-07-01-bundle/').file, BUNDLE);
    assert.equal(resolveContentRef(index, JOUR1, '2024-07-01-bundle').file, BUNDLE, 'a unique name anywhere');
    assert.equal(resolveContentRef(index, POST, '/').file, path.join(SITE, 'content', '_index.md'), 'the home page by its _index.md');
    assert.equal(resolveContentRef(index, POST, 'tech/nope').file, undefined);
    assert.equal(nearestContentRef(index, 'tech/2024-02-03-fosdem-2024-jour-2'), 'tech/2024-02-03-fosdem-2024-Jour-1');
  });

  it('suggests the nearest image', () => {
    assert.equal(nearestImage(index, POST, '/blog/fosdem-2025/jose-intr.webp'), '/blog/fosdem-2025/jose-intro.webp');
    assert.equal(nearestImage(index, BUNDLE, 'foto.jpg'), 'photo.jpg');
  });

  it('reads Hugo config: staticDir lists, themes, contentDir, baseURL path; Jekyll serves the site root', async () => {
    const host = memoryHost({
      '/h/hugo.yaml': 'baseURL: https://x.org/blog/\ncontentDir: src\nstaticDir: [static, extra]\ntheme: t\n',
      '/h/src/p.md': '', '/h/static/a.png': '', '/h/extra/b.png': '', '/h/themes/t/static/c.png': '', '/h/assets/d.png': '',
      '/h/themes/t/layouts/shortcodes/box.html': '{{ .Inner }} {{ .Get "color" }}', '/h/layouts/shortcodes/box.html': '{{ .Get "kind" }}',
    });
    const hugo = await buildSiteIndex(host, (await findSite(host, '/h/src/p.md'))!);
    assert.deepEqual(hugo.staticDirs, ['/h/static', '/h/extra', '/h/themes/t/static']);
    for (const ref of ['/a.png', '/b.png', '/c.png', '/blog/a.png']) assert.ok(resolveImage(hugo, '/h/src/p.md', ref).file, ref);
    assert.equal(resolveImage(hugo, '/h/src/p.md', 'd.png').file, '/h/assets/d.png');
    assert.deepEqual(hugo.shortcodes.get('box')?.params, ['kind'], "the site's template wins over the theme's");
    const jekyll = await buildSiteIndex(memoryHost({ '/j/_config.yml': 'x: 1', '/j/_posts/2023-01-01-a.md': '', '/j/images/p/x.jpg': '', '/j/_site/images/y.jpg': '' }), (await findSite(memoryHost({ '/j/_config.yml': '' }), '/j/_posts/a.md'))!);
    assert.ok(resolveImage(jekyll, '/j/_posts/2023-01-01-a.md', '/images/p/x.jpg').file);
    assert.equal(resolveImage(jekyll, '/j/_posts/2023-01-01-a.md', '/images/y.jpg').file, undefined, '_site is output, not source');
  });

  it('caps the walk and says so', async () => {
    const files: Record<string, string> = { '/s/hugo.toml': '' };
    for (let i = 0; i < 50; i++) files[`/s/static/${i}.png`] = '';
    const small = await buildSiteIndex(memoryHost(files), (await findSite(memoryHost(files), '/s/content/x.md'))!, 10);
    assert.equal(small.truncated, true);
  });

  it('stays current as files come and go', async () => {
    const local = await buildSiteIndex(nodeFileHost, index.site);
    const added = path.join(SITE, 'static', 'blog', 'new.webp');
    updateSiteIndex(local, added, 'created');
    assert.ok(resolveImage(local, POST, '/blog/new.webp').file);
    updateSiteIndex(local, added, 'deleted');
    assert.equal(resolveImage(local, POST, '/blog/new.webp').file, undefined);
    const page = path.join(SITE, 'content', 'tech', 'day-2.md');
    updateSiteIndex(local, page, 'created');
    assert.equal(resolveContentRef(local, POST, 'tech/day-2').file, page);
    updateSiteIndex(local, page, 'deleted');
    assert.equal(resolveContentRef(local, POST, 'tech/day-2').file, undefined);
    const template = path.join(SITE, 'layouts', 'shortcodes', 'video.html');
    updateSiteIndex(local, template, 'created', '{{ .Get "src" }}');
    assert.deepEqual(local.shortcodes.get('video')?.params, ['src']);
    updateSiteIndex(local, template, 'deleted');
    assert.equal(local.shortcodes.has('video'), false);
  });

  it('reads template parameters', () => {
    assert.deepEqual(readShortcodeTemplate('{{ .Get 0 }} {{ index .Params 2 }} {{ .Get "a" }} {{ .InnerDeindent }}'), { params: ['a'], positional: 3, paired: true });
    assert.equal(readShortcodeTemplate('{{ partial "x" . }}').paired, undefined, 'a partial may read .Inner');
  });

  it('offers completions: shortcodes with snippets, paths (images first), content refs', () => {
    const shortcodes = shortcodeCompletions(index);
    const image = shortcodes.find(s => s.name === 'image');
    assert.equal(image?.snippet, 'image href="${1}" alt="${2}" caption="${3}"');
    assert.equal(image?.source, 'site');
    assert.ok(shortcodes.some(s => s.name === 'figure' && s.source === 'builtin'));
    assert.ok(shortcodeCompletions(undefined).every(s => s.source === 'builtin'));
    const root = pathCompletions(index, POST, '/');
    assert.deepEqual(root.map(c => c.label), ['blog/', 'images/', 'posts/']);
    const blog = pathCompletions(index, POST, '/blog/');
    assert.equal(blog[0].kind, 'image');
    assert.equal(blog[0].insertText, '/blog/cover-1.webp');
    assert.equal(blog[0].file, path.join(SITE, 'static', 'blog', 'cover-1.webp'));
    assert.deepEqual(blog.filter(c => c.kind === 'folder').map(c => c.insertText), ['/blog/fosdem-2025/']);
    assert.deepEqual(pathCompletions(index, POST, '/blog/fosdem-2025/jose').map(c => c.label), ['jose-intro.webp']);
    assert.deepEqual(pathCompletions(index, BUNDLE, '').map(c => [c.label, c.kind]), [['photo.jpg', 'image'], ['slides.pdf', 'file']]);
    const refs = contentRefCompletions(index, 'jour');
    assert.deepEqual(refs.map(r => r.label), ['tech/2024-02-03-fosdem-2024-Jour-1']);
    assert.equal(refs[0].file, JOUR1);
    assert.ok(contentRefCompletions(index, '').some(r => r.label === 'posts/2024-07-01-bundle'));
  });
});
