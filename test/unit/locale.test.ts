// The language of a post's dates: the post's, the site's (Hugo languageCode, Jekyll lang), the UI's, English;
// an invalid or unsupported tag is skipped, never thrown. Real sites on disk, found and parsed as the editor does.
import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { terminalLanguage } from '../../src/cli/language';
import { formatDate } from '../../src/core/render/header';
import { renderPost } from '../../src/core/render/render';
import { buildSiteIndex } from '../../src/core/site/files';
import { findSite, type SiteInfo } from '../../src/core/site/site';
import { formatTalk } from '../../src/core/schedule/format';
import { formatDay, languageFromPosixLocale, pickLocale, postLanguage, postLocale, siteLanguage } from '../../src/core/text/locale';
import { nodeFileHost } from '../../src/node/fileHost';
import { schedule } from './scheduleFixtures';

describe('the language of dates', () => {
  let root: string;
  before(() => { root = mkdtempSync(path.join(os.tmpdir(), 'recap-locale-')); });
  after(() => rmSync(root, { recursive: true, force: true }));

  /** A site on disk with one config file and one post; returns the post's path and its site. */
  async function siteWith(name: string, configFile: string, config: string, post: string, postName = 'post.md'): Promise<{ file: string; site: SiteInfo }> {
    const dir = path.join(root, name);
    const posts = path.join(dir, configFile.startsWith('_') ? '_posts' : path.join('content', 'posts'));
    mkdirSync(posts, { recursive: true });
    writeFileSync(path.join(dir, configFile), config);
    const file = path.join(posts, postName);
    writeFileSync(file, post);
    const site = await findSite(nodeFileHost, file);
    assert.ok(site);
    return { file, site };
  }
  const render = async (file: string, site: SiteInfo, text: string, uiLanguage = 'en') => renderPost(text, { filePath: file, index: await buildSiteIndex(nodeFileHost, site), uiLanguage }).headerHtml;
  const POST = '---\ntitle: "FOSDEM 2025"\ndate: 2025-02-01\n---\n\nBody.\n';

  it('a Hugo site with languageCode = "fr-fr" dates its header card in French', async () => {
    const { file, site } = await siteWith('hugo-fr', 'hugo.toml', 'title = "Blog"\nlanguageCode = "fr-fr"\n', POST);
    assert.match(await render(file, site, POST), /<time class="recap-date" datetime="2025-02-01">1 février 2025<\/time>/);
    // The post's own `lang` wins over the site's.
    assert.match(await render(file, site, POST.replace('date:', 'lang: de\ndate:')), />1\. Februar 2025</);
  });

  it('Jekyll: `lang` in _config.yml; a multilingual Hugo site: the translation\'s file name and the default language', async () => {
    const jekyll = await siteWith('jekyll-nl', '_config.yml', 'title: Blog\nlang: nl_NL\n', POST, '2025-02-01-fosdem.md');
    assert.equal(siteLanguage(jekyll.site), 'nl_NL');
    assert.match(await render(jekyll.file, jekyll.site, POST), />1 februari 2025</);
    const hugo = await siteWith('hugo-multi', 'hugo.yaml', 'defaultContentLanguage: fr\nlanguages:\n  fr:\n    languageCode: fr-BE\n  de:\n    languageCode: de-AT\n', POST, 'post.de.md');
    assert.equal(siteLanguage(hugo.site), 'fr-BE');
    assert.equal(postLanguage({}, hugo.file, hugo.site), 'de-AT');
    assert.match(await render(hugo.file, hugo.site, POST), />1\. Februar 2025</);
    // A dotted name that is no declared language is not a translation.
    assert.equal(postLanguage({}, path.join(root, 'v1.2.md'), hugo.site), undefined);
  });

  it('an invalid or unsupported tag falls back to the next candidate, without throwing', async () => {
    const { file, site } = await siteWith('hugo-bad', 'hugo.toml', 'title = "Blog"\nlanguageCode = "en_US!"\n', POST);
    assert.match(await render(file, site, POST, 'de'), />1\. Februar 2025</);
    assert.match(await render(file, site, POST.replace('date:', 'lang: "12"\ndate:'), 'fr'), />1 février 2025</);
    assert.equal(pickLocale(['x-invalid-', 'xx', '', undefined, 'en_GB']), 'en-GB');
    assert.equal(pickLocale(['not a tag', 'zz']), undefined);
    assert.equal(postLocale({ frontMatter: { lang: 42 }, site: { generatorConfig: { languageCode: ['fr'] } } }), undefined);
    // Formatters given a bad tag anyway write English rather than throw.
    assert.equal(formatDay('2025-02-01', 'not a tag', { weekday: 'long' }), 'Saturday');
    assert.equal(formatDate('2025-02-01', 'not a tag')?.iso, '2025-02-01');
  });

  it('the UI language comes last; the terminal\'s from LC_ALL, LC_TIME or LANG', () => {
    assert.equal(postLocale({ uiLanguage: 'es' }), 'es');
    assert.equal(postLocale({ site: { generatorConfig: { languageCode: 'it' } }, uiLanguage: 'es' }), 'it');
    assert.equal(languageFromPosixLocale('fr_FR.UTF-8'), 'fr-FR');
    assert.equal(languageFromPosixLocale('C.UTF-8'), undefined);
    assert.equal(terminalLanguage({ LANG: 'de_DE.UTF-8' }), 'de-DE');
    assert.equal(terminalLanguage({ LC_ALL: 'nl_BE.UTF-8', LANG: 'de_DE.UTF-8' }), 'nl-BE');
    assert.equal(terminalLanguage({}), undefined);
  });

  it('{weekday} in a talk template follows the locale it is given, English without one', () => {
    const fosdem = schedule('fosdem-2025-schedule.xml');
    const talk = fosdem.events.find(event => event.day === '2025-02-01');
    assert.ok(talk);
    assert.equal(formatTalk(talk, fosdem, '{weekday}'), 'Saturday');
    assert.equal(formatTalk(talk, fosdem, '{weekday}', 'fr-FR'), 'samedi');
  });
});
