import * as assert from 'node:assert/strict';
import { parsePageMessage, ScrollEcho } from '../../src/features/previewProtocol';

describe('preview protocol: messages from the page', () => {
  it('takes well-formed messages with lines inside the document', () => {
    assert.deepEqual(parsePageMessage({ type: 'ready' }, 10), { type: 'ready' });
    assert.deepEqual(parsePageMessage({ type: 'revealLine', line: 4.5 }, 10), { type: 'revealLine', line: 4.5 });
    assert.deepEqual(parsePageMessage({ type: 'openLine', line: 9 }, 10), { type: 'openLine', line: 9 });
    assert.deepEqual(parsePageMessage({ type: 'openLink', href: 'https://fosdem.org/2025/', extra: 1 }, 10), { type: 'openLink', href: 'https://fosdem.org/2025/' });
    assert.deepEqual(parsePageMessage({ type: 'openLink', href: '../x/', file: '/site/content/x.md' }, 10), { type: 'openLink', href: '../x/', file: '/site/content/x.md' });
  });

  it('drops anything else: unknown types, lines out of range or not numbers, oversized or missing links', () => {
    const bad: unknown[] = [
      undefined, null, 'revealLine', 42, [], {}, { type: 'eval', code: 'x' }, { type: 'toString' }, { type: '__proto__' },
      { type: 'revealLine' }, { type: 'revealLine', line: '3' }, { type: 'revealLine', line: -1 }, { type: 'revealLine', line: 10 },
      { type: 'openLine', line: Number.NaN }, { type: 'openLine', line: Infinity }, { type: 'openLine', line: 1e9 },
      { type: 'openLink' }, { type: 'openLink', href: '' }, { type: 'openLink', href: 7 }, { type: 'openLink', href: 'x'.repeat(9000) },
      { type: 'openLink', href: 'https://x/', file: 5 }, { type: 'openLink', href: 'https://x/', file: '' },
    ];
    for (const message of bad) assert.equal(parsePageMessage(message, 10), undefined, JSON.stringify(message)?.slice(0, 60));
  });
});

describe('preview scroll sync: the echo of a reveal is recognised by what it shows, not by when it comes', () => {
  it('ignores the editor reporting the line the page asked for, however late, and its repeats', () => {
    const echo = new ScrollEcho();
    echo.revealing(120.7);
    // No clock anywhere: the report may come a second or a minute later on a slow machine.
    assert.equal(echo.isEcho(120, 5), true);
    assert.equal(echo.isEcho(120, 5), true, 'the same top line again (a layout pass) is still the echo');
    assert.equal(echo.isEcho(135, 5), false, 'then the author scrolls: passed on');
    assert.equal(echo.isEcho(120, 5), false, 'and the echo is over');
  });

  it('accepts the top line a few lines above the target when sticky scroll covers it, and no further', () => {
    const sticky = new ScrollEcho();
    sticky.revealing(120);
    assert.equal(sticky.isEcho(116, 5), true);
    const tooFar = new ScrollEcho();
    tooFar.revealing(120);
    assert.equal(tooFar.isEcho(100, 5), false);
    const below = new ScrollEcho();
    below.revealing(120);
    assert.equal(below.isEcho(121, 5), false);
  });

  it('passes every report on when the page asked for nothing', () => {
    const echo = new ScrollEcho();
    assert.equal(echo.isEcho(0, 5), false);
    assert.equal(echo.isEcho(50, 5), false);
  });

  it('the author scrolling the page sends several requests: their late echoes are all recognised, in order', () => {
    const echo = new ScrollEcho();
    echo.revealing(190);
    echo.revealing(150);
    echo.revealing(120);
    // Echoes arrive after all three requests were sent: none goes back to the page.
    assert.equal(echo.isEcho(190, 5), true);
    assert.equal(echo.isEcho(148, 5), true);
    assert.equal(echo.isEcho(117, 5), true);
    // The author's own scroll afterwards is passed on.
    assert.equal(echo.isEcho(400, 5), false);
  });

  it('requests whose echoes the editor merged are dropped with the echo that came', () => {
    const echo = new ScrollEcho();
    echo.revealing(10);
    echo.revealing(300);
    assert.equal(echo.isEcho(300, 0), true);
    assert.equal(echo.isEcho(10, 0), false, 'the older request was dropped: 10 now is the author scrolling back');
  });
});
