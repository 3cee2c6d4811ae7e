// talk/… checks stay linear on hostile posts: constructs that never close, and one enormous line (a 15 MB title).
import * as assert from 'node:assert/strict';
import { checkTalks } from '../../src/core/schedule/talkRules';
import { assertLinearGrowth } from './growth';
import { schedule } from './scheduleFixtures';

const s25 = () => schedule('fosdem-2025-schedule.xml');
const run = (text: string) => checkTalks(text, s25(), { bodyStart: 0 });

describe('talk rules: linear on hostile posts', () => {
  it('unclosed HTML comments (every "<!--" once rescanned the rest of the post)', () => {
    assertLinearGrowth('checkTalks on unclosed <!--', 40_000, n => '<!-- x '.repeat(n), run);
  });

  it('unclosed Hugo shortcodes ("{{<" without ">}}")', () => {
    assertLinearGrowth('checkTalks on unclosed {{<', 40_000, n => '{{< x '.repeat(n), run);
  });

  it('one enormous line: a heading of talk-title words, and a line of unclosed brackets and backticks', () => {
    assertLinearGrowth('checkTalks on one long heading', 5_000, n => `# ${'How to monitor the monitoring '.repeat(n)}`, run, { rounds: 7 });
    assertLinearGrowth('checkTalks on one long line of [ ( ` <', 5_000, n => '[How ( to ` monitor <the '.repeat(n), run, { rounds: 7 });
  });

  it('a recap linking many talks, each with its own media links (each covered talk once scanned every URL of the post)', () => {
    const talks = s25().events.filter(talk => talk.videos.length || talk.slides.length);
    const recap = (n: number) => Array.from({ length: n }, (_, i) => {
      const talk = talks[i % talks.length];
      return `- [${talk.title}](${talk.url}) and [my notes](https://example.org/notes/${i}/)\n`;
    }).join('');
    assert.ok(run(recap(talks.length)).some(f => f.rule === 'talk/recording-available'));
    assertLinearGrowth('checkTalks on a recap of n talks with 2n links', 64, recap, run);
  });

  it('still protects what it should: closed comments, shortcodes and code spans; an unclosed one hides nothing', () => {
    const title = 'How to monitor the monitoring';
    const hidden = [`<!-- ${title} -->`, `{{< image alt="${title}" >}}`, `\`\`${title}\`\``, `\`\` \`${title}\` \`\``];
    for (const text of hidden) assert.deepEqual(run(`Intro.\n\n${text}\n`), [], text);
    for (const text of [`<!-- ${title}`, `{{< image ${title}`, `\`\`${title}\``]) {
      assert.deepEqual(run(`Intro.\n\n${text}\n`).map(f => f.rule), ['talk/unlinked-mention'], text);
    }
    // A code span cannot run into a fenced block: the title after the fence is prose.
    const fenced = `A \`tick.\n\n\`\`\`\ncode\n\`\`\`\n\n${title}, then a \` closing tick.\n`;
    assert.deepEqual(run(fenced).map(f => fenced.slice(f.start, f.end)), [title]);
  });
});
