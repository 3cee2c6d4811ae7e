import * as assert from 'node:assert/strict';
import { checkTalks, TALK_RULES } from '../../src/core/schedule/talkRules';
import { assertLinearGrowth } from './growth';
import { fixture } from './helpers';
import { schedule } from './scheduleFixtures';

const POST = fixture('samples', 'fosdem-2025-victoriametrics.md');
const s25 = () => schedule('fosdem-2025-schedule.xml');

function apply(text: string, edit: { start: number; end: number; newText: string }): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}

describe('talk rules', () => {
  it('the real VictoriaMetrics recap: every talk and speaker link is known, nothing to report', () => {
    assert.deepEqual(checkTalks(POST, s25()), []);
  });

  it('a mistyped event link: talk/unknown-event with the right suggestion and fix', () => {
    const text = POST.replace('fosdem-2025-5388-how-to-monitor-the-monitoring', 'fosdem-2025-5389-how-to-monitor-the-monitorng');
    const findings = checkTalks(text, s25());
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f.rule, 'talk/unknown-event');
    assert.equal(f.severity, TALK_RULES.find(rule => rule.id === 'talk/unknown-event')?.defaultLevel);
    assert.match(f.message, /did you mean "How to monitor the monitoring"\?/);
    assert.equal(text.slice(f.start, f.end), 'https://fosdem.org/2025/schedule/event/fosdem-2025-5389-how-to-monitor-the-monitorng/');
    assert.equal(apply(text, f.fixes![0].edits[0]), POST);
  });

  it('a link found by id but with an old slug: talk/outdated-link with a safe fix', () => {
    const text = POST.replace('fosdem-2025-5388-how-to-monitor-the-monitoring', 'fosdem-2025-5388-updated-how-to-monitor-the-monitoring');
    const [f] = checkTalks(text, s25());
    assert.equal(f.rule, 'talk/outdated-link');
    assert.ok(f.fixes![0].safe);
    assert.equal(apply(text, f.fixes![0].edits[0]), POST);
  });

  it('a mistyped speaker link: talk/unknown-speaker with the closest speaker', () => {
    const text = POST.replace('speaker/roman_khavronenko/', 'speaker/roman_khavronenk/');
    const [f] = checkTalks(text, s25());
    assert.equal(f.rule, 'talk/unknown-speaker');
    assert.match(f.message, /did you mean Roman Khavronenko\?/);
    assert.equal(apply(text, f.fixes![0].edits[0]), POST);
  });

  it('an unlinked talk title (other case and punctuation) gets "Link to talk"; links, code and shortcodes are left alone', () => {
    const extra = '\n\nWe also enjoyed the art of fleet-wide Kubernetes observability — 3 core strategies.\n\n`The Art of Fleet-Wide Kubernetes Observability`\n\n{{<image alt="How to monitor the monitoring">}}\n';
    const text = POST + extra;
    const findings = checkTalks(text, s25());
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f.rule, 'talk/unlinked-mention');
    assert.equal(text.slice(f.start, f.end), 'the art of fleet-wide Kubernetes observability — 3 core strategies');
    assert.equal(f.fixes![0].title, 'Link to talk');
    assert.equal(f.fixes![0].edits[0].newText, '[the art of fleet-wide Kubernetes observability — 3 core strategies](https://fosdem.org/2025/schedule/event/fosdem-2025-5581-the-art-of-fleet-wide-kubernetes-observability-3-core-strategies/)');
  });

  it('a speaker of a linked talk named away from its link: a talk/unlinked-speaker hint with "Link to speaker"', () => {
    const text = `${POST}\n\nIsrael Blancas co-presented with Jose.\n`;
    const findings = checkTalks(text, s25());
    assert.deepEqual(findings.map(f => [f.rule, f.severity, text.slice(f.start, f.end)]), [['talk/unlinked-speaker', 'hint', 'Israel Blancas']]);
    assert.match(findings[0].message, /^Israel Blancas speaks at "[^"]+", linked elsewhere in this post/);
    assert.equal(findings[0].fixes![0].title, 'Link to speaker');
    assert.equal(findings[0].fixes![0].edits[0].newText, '[Israel Blancas](https://fosdem.org/2025/schedule/speaker/israel_blancas/)');
  });

  describe('a FOSDEM 2026 "talks I missed" post (18 talk links, 21 speakers named beside them)', () => {
    const MISSED = fixture('posts', 'fosdem-2026-talks-i-missed.md');
    const s26 = () => schedule('fosdem-2026-schedule-2026-01-30.xml');

    it('names beside their talk\'s link, in a paragraph, a list item or a table row, are fine: nothing to report', () => {
      assert.equal([...MISSED.matchAll(/fosdem\.org\/2026\/schedule\/event\//g)].length, 18);
      assert.deepEqual(checkTalks(MISSED, s26()), []);
    });

    it('the same speaker named in another paragraph gets the hint, once', () => {
      const text = MISSED.replace('Our team came fourth. Next year.', 'Our team came fourth. Next year.\n\nDaniel Stenberg was in the audience too, and Daniel Stenberg knew every curl question.');
      const findings = checkTalks(text, s26());
      assert.deepEqual(findings.map(f => [f.rule, text.slice(f.start, f.end)]), [['talk/unlinked-speaker', 'Daniel Stenberg']]);
      assert.equal(findings[0].start, text.indexOf('Daniel Stenberg was'));
      assert.match(findings[0].message, /"Open Source Security in spite of AI"/);
    });

    it('a list item is its own block: a speaker named in another item than their talk\'s link gets the hint', () => {
      const text = MISSED.replace('by Katharine Jarmul:', 'by Katharine Jarmul, who quoted Hannah Kim:');
      assert.deepEqual(checkTalks(text, s26()).map(f => [f.rule, text.slice(f.start, f.end)]), [['talk/unlinked-speaker', 'Hannah Kim']]);
    });
  });

  it('links of another year and the front matter are ignored', () => {
    const other = POST.replace(/fosdem\.org\/2025\//g, 'fosdem.org/2024/');
    assert.deepEqual(checkTalks(other, s25()), []);
  });

  it('grows linearly with the post: the real recap repeated 10 and 40 times (5,000 lines)', () => {
    assertLinearGrowth('checkTalks on the recap repeated', 10, n => Array.from({ length: n }, () => POST).join('\n'), text => checkTalks(text, s25()));
  });
});
