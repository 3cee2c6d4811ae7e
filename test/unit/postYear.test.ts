// The post's conference year, worked out in the core for the editor and `recap check` alike (it lived in the
// editor only, so `recap check` skipped every talk rule unless given --year).
import * as assert from 'node:assert/strict';
import { parseFrontMatter } from '../../src/core/frontmatter/parse';
import { conferenceYears, fosdemYears, yearOfPost } from '../../src/core/schedule/postYear';
import { fixture } from './helpers';

const NOW = new Date(2026, 10, 25);

function yearsOf(text: string): number[] {
  return fosdemYears(text, parseFrontMatter(text), NOW).sort();
}

describe('the year a post is about (src/core/schedule/postYear)', () => {
  it('real posts: the year in the title, else the date, else the first FOSDEM link, else this year', () => {
    const victoria = fixture('samples', 'fosdem-2025-victoriametrics.md');
    assert.equal(yearOfPost(parseFrontMatter(victoria).data, victoria, NOW), 2025);
    const french = fixture('samples', 'fosdem-2024-fr.md');
    assert.equal(yearOfPost(parseFrontMatter(french).data, french, NOW), 2024);
    assert.equal(yearOfPost({ title: 'My weekend in Brussels', date: '2023-02-06' }, '', NOW), 2023);
    assert.equal(yearOfPost({ title: 'My weekend', date: new Date(Date.UTC(2022, 1, 7)) }, '', NOW), 2022);
    assert.equal(yearOfPost({ title: 'Notes' }, 'See https://fosdem.org/2021/schedule/event/x/', NOW), 2021);
    assert.equal(yearOfPost({ title: 'Notes' }, 'Home: https://fosdem.org/ then https://archive.fosdem.org/2019/interviews/.', NOW), 2019, 'the first link with a year');
    assert.equal(yearOfPost({}, 'no year at all', NOW), 2026);
  });

  it('FOSDEM years: the years its schedule links name, plus its own year when it talks about FOSDEM', () => {
    assert.deepEqual(yearsOf(fixture('samples', 'fosdem-2025-victoriametrics.md')), [2025]);
    assert.deepEqual(yearsOf(fixture('samples', 'fosdem-2024-fr.md')), [2024], 'no schedule link, FOSDEM in the front matter');
    assert.deepEqual(yearsOf(fixture('posts', 'fosdem-2026-retour-fr.md')), [2026]);
    // A 2026 post that links a talk of 2025 checks against both years.
    assert.deepEqual(yearsOf('---\ntitle: FOSDEM 2026\n---\n\nLast year: https://archive.fosdem.org/2025/schedule/event/x/\n'), [2025, 2026]);
    assert.deepEqual(yearsOf('---\ntitle: Notes\ndate: 2026-02-03\n---\n\n[Rooms](https://fosdem.org/2024/schedule/rooms/), https://fosdem.org/2023/about/\n'), [2024, 2026], 'any schedule page counts; other pages do not');
  });

  it('a post that never mentions FOSDEM has no FOSDEM year (so no schedule is downloaded for it)', () => {
    assert.deepEqual(yearsOf(fixture('samples', 'promcon-2023-jekyll.md')), []);
    assert.deepEqual(yearsOf('---\ntitle: Holidays 2025\n---\n\nFOSDEM only in the body does not count.\n'), []);
  });

  it('years past next year or before 2000 are not conference years', () => {
    assert.deepEqual(yearsOf('---\ntitle: FOSDEM 2031\n---\n'), []);
    assert.deepEqual(yearsOf('---\ntitle: FOSDEM 1999\n---\n'), []);
    assert.deepEqual(yearsOf('---\ntitle: FOSDEM 2027\n---\n'), [2027]);
  });

  it('another conference: the post\'s year when its front matter names it', () => {
    const promcon = fixture('samples', 'promcon-2023-jekyll.md');
    assert.deepEqual(conferenceYears(promcon, parseFrontMatter(promcon), 'PromCon', NOW), [2023]);
    assert.deepEqual(conferenceYears(promcon, parseFrontMatter(promcon), '38C3', NOW), []);
    const victoria = fixture('samples', 'fosdem-2025-victoriametrics.md');
    assert.deepEqual(conferenceYears(victoria, parseFrontMatter(victoria), 'fosdem', NOW), [2025], 'FOSDEM: fosdemYears');
  });
});
