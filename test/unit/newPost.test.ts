// A new recap post from the companion app export: the fixture site's file naming and front matter learned
// from its posts, every talk linked with its speakers, track, room, time, slides and recording, the body
// from the template, plain for the CLI and as one snippet with tab stops for VS Code; and the post passes
// the checks with no finding but the photo placeholders the author is meant to fill.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveConfig } from '../../src/core/site/config';
import { parseFrontMatter } from '../../src/core/frontmatter/parse';
import { lint } from '../../src/core/lint/lint';
import { buildNewPost, checkPostTemplate, DEFAULT_POST_TEMPLATE, type SitePost } from '../../src/core/recap/newPost';
import { learnConventions, listPosts } from '../../src/core/site/postIndex';
import { readCalendar } from '../../src/core/schedule/ical';
import { entriesFromCalendar, matchTalks } from '../../src/core/schedule/myTalks';
import { findSite, type SiteInfo } from '../../src/core/site/site';
import { buildSiteIndex, type SiteIndex } from '../../src/core/site/files';
import { nodeFileHost } from '../../src/node/fileHost';
import { postLocale } from '../../src/core/text/locale';
import { fixture, FIXTURES } from './helpers';
import { schedule } from './scheduleFixtures';
import { recap } from './cliRun';

const SITE = path.join(FIXTURES, 'site');
const SCHEDULE_FILE = path.join(FIXTURES, 'schedules', 'fosdem-2025-schedule.xml');
const BOOKMARKS = path.join(FIXTURES, 'ical', 'fosdem-2025-bookmarks.ics');
const NOW = new Date(2025, 1, 20, 9, 30);


describe('new recap post', () => {
  const fosdem2025 = () => schedule('fosdem-2025-schedule.xml');
  const talks = () => matchTalks(entriesFromCalendar(readCalendar(fixture('ical', 'fosdem-2025-bookmarks.ics')), 'bookmarks.ics'), fosdem2025()).talks;
  let site: SiteInfo;
  let posts: SitePost[];
  let siteIndex: SiteIndex;
  before(async () => {
    site = await findSite(nodeFileHost, path.join(SITE, 'hugo.toml')) as SiteInfo;
    posts = await Promise.all((await listPosts(nodeFileHost, site)).map(async file => ({ path: file, parsed: parseFrontMatter(await nodeFileHost.readFile(file) ?? '') })));
    siteIndex = await buildSiteIndex(nodeFileHost, site);
  });
  const build = (extra: Partial<Parameters<typeof buildNewPost>[0]> = {}) => buildNewPost({
    schedule: fosdem2025(), talks: talks(), siteRoot: site.root, generator: site.generator, contentDirs: site.contentDirs, posts, siteIndex, now: NOW, ...extra,
  });

  it("writes its dates in the site's language: day headings and {weekday} follow languageCode, English stays day-month", () => {
    const dayHeadings = (text: string) => [...text.matchAll(/^## (.*)$/gm)].map(m => m[1]);
    const french = build({ locale: postLocale({ site: { generatorConfig: { languageCode: 'fr-fr' } }, uiLanguage: 'en' }) });
    assert.deepEqual(dayHeadings(french.text), ['samedi 1 février', 'dimanche 2 février']);
    assert.match(french.text, / · samedi 1[0-9]:[0-9]{2}–/);
    assert.deepEqual(dayHeadings(build({ locale: 'de' }).text), ['Samstag, 1. Februar', 'Sonntag, 2. Februar']);
    assert.deepEqual(dayHeadings(build({ locale: 'en-US' }).text), ['Saturday, February 1', 'Sunday, February 2']);
    // A bare "en" (the fixture site's languageCode, VS Code's English) keeps the headings recaps always had.
    assert.deepEqual(dayHeadings(build({ locale: postLocale({ site, uiLanguage: 'en' }) }).text), ['Saturday 1 February', 'Sunday 2 February']);
    // No usable language anywhere: English, no exception.
    assert.deepEqual(dayHeadings(build({ locale: postLocale({ site: { generatorConfig: { languageCode: 'not a tag!' } }, uiLanguage: 'C' }) }).text), ['Saturday 1 February', 'Sunday 2 February']);
  });

  it('names and fronts the post like the site\'s other FOSDEM posts', () => {
    const post = build();
    assert.equal(post.relativePath, 'content/posts/2025-02-20-fosdem-2025-recap.md');
    assert.equal(post.title, 'FOSDEM 2025 recap');
    const front = parseFrontMatter(post.text);
    assert.deepEqual(front.problems, []);
    assert.deepEqual(front.data, {
      title: 'FOSDEM 2025 recap', date: '2025-02-20', draft: true, authors: ['Jose Gomez-Selles'],
      // The site's usual tags, then the talks' tracks as candidates.
      tags: ['fosdem', 'observability', 'Confidential Computing', 'Keynotes', 'Nix and NixOS', 'Legal and Policy', 'Monitoring and Observability'],
      categories: ['conferences'], images: [], summary: '',
    });
  });

  it('writes every talk under its day: heading link, linked speakers, track, room, time, slides and recording, photo, notes', () => {
    const { text } = build();
    const body = text.slice(parseFrontMatter(text).bodyStart);
    assert.match(body, /^\nWhy you went to FOSDEM 2025, and what stood out\.\n\n## Saturday 1 February\n\n### \[Trust No One/);
    assert.deepEqual([...body.matchAll(/^## (.*)$/gm)].map(m => m[1]), ['Saturday 1 February', 'Sunday 2 February']);
    assert.deepEqual([...body.matchAll(/^### \[([^\]]+)\]\(([^)]+)\)$/gm)].map(m => m[2]), talks().map(t => t.url));
    assert.ok(body.includes([
      '### [Let\'s talk about anti-trust!](https://fosdem.org/2025/schedule/event/fosdem-2025-6637-let-s-talk-about-anti-trust-/)',
      '',
      '[Karen Sandler](https://fosdem.org/2025/schedule/speaker/karen_sandler/) and [Alanna Rutherford](https://fosdem.org/2025/schedule/speaker/alanna_rutherford/) · [Legal and Policy](https://fosdem.org/2025/schedule/track/legal-and-policy/) · H.1301 (Cornil) · Saturday 16:00–16:25 · [slides](https://fosdem.org/2025/events/attachments/fosdem-2025-6637-let-s-talk-about-anti-trust-/slides/238155/12-lets-t_p4pwtOz.pdf), [video](https://video.fosdem.org/2025/h1301/fosdem-2025-6637-let-s-talk-about-anti-trust-.av1.webm)',
      '',
      // The site's own image shortcode, with the parameter its template reads (href).
      '{{< image href="let-s-talk-about-anti-trust.jpg" alt="Photo of the talk" >}}',
      '',
      'Your notes on this talk.',
    ].join('\n')), body);
  });

  it('passes the checks with no finding but the photo placeholders', async () => {
    const { text, relativePath } = build();
    const filePath = path.join(site.root, relativePath);
    const config = resolveConfig({ detectedPreset: 'hugo', file: site.config });
    const conventions = await learnConventions(nodeFileHost, posts.map(p => p.path));
    const { findings } = lint({ text, filePath, config, conventions, siteIndex, schedules: [fosdem2025()], now: NOW });
    assert.deepEqual([...new Set(findings.map(f => f.rule))], ['image/not-found']);
    assert.equal(findings.length, talks().length);
  });

  it('gives VS Code one snippet: the title, intro, photo path and alt, and notes are tab stops in order; the rest is escaped', () => {
    const s = fosdem2025();
    const priced = { ...talks()[0], title: 'Costs $5 {or} less \\ really' };
    const { snippet } = buildNewPost({ schedule: s, talks: [priced], siteRoot: site.root, generator: 'hugo', contentDirs: site.contentDirs, posts, siteIndex, now: NOW });
    const stops = [...snippet.matchAll(/\$\{(\d+):([^}]*)\}/g)].map(m => [Number(m[1]), m[2]]);
    assert.deepEqual(stops, [[1, 'FOSDEM 2025 recap'], [2, ''], [3, 'Why you went to FOSDEM 2025, and what stood out.'], [4, 'trust-no-one-secure-storage-with-confidential-containers.jpg'], [5, 'Photo of the talk'], [6, 'Your notes on this talk.']]);
    assert.ok(snippet.includes('### [Costs \\$5 {or\\} less \\\\\\\\ really]('), snippet);
    assert.ok(snippet.endsWith('$0'));
    assert.equal((snippet.match(/\$0/g) ?? []).length, 1);
  });

  it('groups by track, or not at all', () => {
    const byTrack = build({ group: 'track' }).text;
    assert.deepEqual([...byTrack.matchAll(/^## (.*)$/gm)].map(m => m[1]).slice(0, 2), ['[Confidential Computing](https://fosdem.org/2025/schedule/track/confidential/)', '[Keynotes](https://fosdem.org/2025/schedule/track/keynote/)']);
    const flat = build({ group: 'none' }).text;
    assert.deepEqual([...flat.matchAll(/^## /gm)], []);
    assert.equal([...flat.matchAll(/^### /gm)].length, 5);
  });

  it('follows a changed template; a template without its talk block is refused with a reason', () => {
    const template = 'Intro: {intro}\n{#talk}\n- {titleLink} ({room}){? — {video}}\n{/talk}\nThat was {conference}.';
    assert.equal(checkPostTemplate(template), undefined);
    const body = build({ template, group: 'none' }).text.split('---\n')[2];
    assert.equal(body.split('\n')[1], 'Intro: Why you went to FOSDEM 2025, and what stood out.');
    assert.match(body, /\n- \[Rust for Linux\]\(https:\/\/fosdem\.org\/2025\/schedule\/event\/fosdem-2025-6507-rust-for-linux\/\) \(Janson\) — \[video\]\(https:\/\/video\.fosdem\.org\/2025\/janson\/fosdem-2025-6507-rust-for-linux\.av1\.webm\)\n/);
    assert.match(body, /That was FOSDEM 2025\.\n$/);
    assert.equal(checkPostTemplate(DEFAULT_POST_TEMPLATE), undefined);
    assert.match(checkPostTemplate('{intro}\n{titleLink}') ?? '', /needs a \{#talk\} … \{\/talk\} block/);
    assert.match(checkPostTemplate('{#talk}x{/talk}{#group}y{/group}') ?? '', /must be closed and come before \{#talk\}/);
  });

  it('learns a title pattern, TOML, a Jekyll site\'s _posts and published: false, a page bundle, and a post outside any site', () => {
    const fake = (file: string, text: string): SitePost => ({ path: file, parsed: parseFrontMatter(text) });
    const toml = [1, 2, 3].map(i => fake(`/s/content/blog/fosdem-202${i}/index.md`, `+++\ntitle = "FOSDEM 202${i}: what I saw"\ndate = 202${i}-02-10\ntags = ["fosdem"]\n+++\n`));
    const bundle = build({ posts: toml, siteRoot: '/s', contentDirs: ['/s/content'], siteIndex: undefined });
    assert.equal(bundle.relativePath, 'content/blog/fosdem-2025-what-i-saw/index.md');
    assert.match(bundle.text, /^\+\+\+\ntitle = "FOSDEM 2025: what I saw"\ndate = 2025-02-20\ndraft = true\ntags = \["fosdem", "Confidential Computing", /);
    // No site image shortcode known: Hugo's figure.
    assert.match(bundle.text, /\{\{< figure src="trust-no-one-secure-storage-with-confidential-containers\.jpg" alt="Photo of the talk" >\}\}/);
    const jekyll = build({ posts: [fake('/j/_posts/2024-02-05-fosdem.md', '---\nlayout: post\ntitle: FOSDEM 2024\nauthor: Ann\n---\n')], siteRoot: '/j', generator: 'jekyll', contentDirs: ['/j/_posts', '/j/_drafts'], siteIndex: undefined });
    assert.equal(jekyll.relativePath, '_posts/2025-02-20-fosdem-2025.md');
    assert.match(jekyll.text, /^---\ntitle: "FOSDEM 2025"\ndate: 2025-02-20\npublished: false\nauthor: Ann\n/);
    assert.match(jekyll.text, /!\[Photo of the talk\]\(rust-for-linux\.jpg\)/);
    const alone = buildNewPost({ schedule: fosdem2025(), talks: talks().slice(0, 1), now: NOW });
    assert.equal(alone.relativePath, 'fosdem-2025-recap.md');
    assert.match(alone.text, /^---\ntitle: "FOSDEM 2025 recap"\ndate: 2025-02-20\ndraft: true\ntags:\n {2}- fosdem\n {2}- Confidential Computing\n---\n/);
  });

  describe('recap new', () => {
    let dir: string;
    let cacheDir: string;
    // Read when the tests start, not when the file loads: root hooks may have set it in between.
    let saved: string | undefined;
    before(() => {
      saved = process.env.RECAP_CACHE_DIR;
      dir = mkdtempSync(path.join(os.tmpdir(), 'recap-new-'));
      cpSync(SITE, path.join(dir, 'site'), { recursive: true });
      cacheDir = mkdtempSync(path.join(os.tmpdir(), 'recap-cache-'));
      process.env.RECAP_CACHE_DIR = cacheDir;
    });
    after(() => {
      rmSync(dir, { recursive: true, force: true });
      rmSync(cacheDir, { recursive: true, force: true });
      if (saved === undefined) delete process.env.RECAP_CACHE_DIR; else process.env.RECAP_CACHE_DIR = saved;
    });

    it('writes the post to standard output, reports the entry it could not match, and names where the site keeps it', async () => {
      const { code, stdout, stderr } = await recap('new', '--ics', BOOKMARKS, '--schedule', SCHEDULE_FILE, '--site', path.join(dir, 'site'));
      assert.equal(code, 0, stderr);
      assert.match(stdout, /^---\ntitle: "FOSDEM 2025 recap"\n/);
      assert.equal([...stdout.matchAll(/^### \[/gm)].length, 5);
      assert.ok(stderr.includes(`${BOOKMARKS}:73: not found: no talk "fosdem-2025-99999-a-talk-that-was-never-scheduled" in FOSDEM 2025\n`), stderr);
      assert.ok(stderr.includes(`${BOOKMARKS}:60: "Trust no one, secure storage with Kata" is now titled "Trust No One: Secure Storage with Confidential Containers"\n`), stderr);
      assert.match(stderr, /5 talks of FOSDEM 2025, 1 entry not found; the site keeps such a post at .*content\/posts\/\d{4}-\d\d-\d\d-fosdem-2025-recap\.md/);
    });

    it('-o writes the file, which recap check passes but for the photo placeholders; it never overwrites', async () => {
      const target = path.join(dir, 'site', 'content', 'posts', 'new-recap.md');
      const links = path.join(dir, 'links.txt');
      writeFileSync(links, 'https://fosdem.org/2025/schedule/event/fosdem-2025-5388-how-to-monitor-the-monitoring/\nhttps://archive.fosdem.org/2025/schedule/event/fosdem-2025-6507-rust_for_linux\n');
      const made = await recap('new', '--links', links, '--schedule', SCHEDULE_FILE, '--group', 'none', '-o', target);
      assert.equal(made.code, 0, made.stderr);
      assert.equal(made.stdout, '');
      assert.match(readFileSync(target, 'utf8'), /### \[Rust for Linux\]/);
      const checked = await recap('check', '--year', '2025', '--schedule', SCHEDULE_FILE, '--format', 'json', target);
      assert.equal(checked.code, 0, checked.stderr);
      assert.deepEqual((JSON.parse(checked.stdout) as { rule: string }[]).map(f => f.rule), ['image/not-found', 'image/not-found']);
      const again = await recap('new', '--links', links, '--schedule', SCHEDULE_FILE, '-o', target);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /exists; it is left as it is/);
    });

    it('exits 2 without talks or with a bad --group, 1 when nothing matches', async () => {
      assert.equal((await recap('new', '--schedule', SCHEDULE_FILE)).code, 2);
      assert.equal((await recap('new', '--ics', BOOKMARKS, '--group', 'room')).code, 2);
      const nothing = path.join(dir, 'nothing.txt');
      writeFileSync(nothing, 'https://example.org/x\n');
      const none = await recap('new', '--links', nothing, '--schedule', SCHEDULE_FILE);
      assert.equal(none.code, 1);
      assert.match(none.stderr, /none of the 1 entries is a talk of FOSDEM 2025/);
    });
  });
});
