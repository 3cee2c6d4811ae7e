import * as assert from 'node:assert/strict';
import { MAX_POST_BYTES } from '../../src/core/lint/postSize';
import { renderPost } from '../../src/core/render/render';

describe('render: a post over the size limit', () => {
  const paragraph = 'A line of the recap about a talk, with [a link](https://fosdem.org/2025/) and *emphasis*.\n\n';
  const huge = (bytes: number) => `---\ntitle: Huge\n---\n${paragraph.repeat(Math.ceil(bytes / paragraph.length))}The very end.\n`;

  it('renders up to the limit, at a line boundary, and says in the page what was left out', () => {
    const result = renderPost(huge(1.5 * 1024 * 1024), { filePath: '/site/content/posts/huge.md', maxBytes: 1024 * 1024 });
    assert.equal(result.title, 'Huge', 'the front matter is still read');
    assert.ok(!result.bodyHtml.includes('The very end.'), 'the part past the limit is not rendered');
    assert.match(result.bodyHtml, /<div class="recap-render-error recap-too-large code-line" data-line="\d+"><p>The rest of this post is not shown: it is too large \(1\.[5-6] MB; the limit is 1 MB\)\.<\/p><\/div>$/);
    assert.ok(result.warnings.some(w => /too large \(1\.[5-6] MB; the limit is 1 MB\)/.test(w.message)));
    // The cut falls between lines: the last rendered paragraph is whole.
    assert.match(result.bodyHtml, /<em>emphasis<\/em>\.<\/p>\n<div class="recap-render-error recap-too-large/);
  });

  it('the default limit is the checks\' one (MAX_POST_BYTES)', function () {
    this.timeout(600000);
    const result = renderPost(huge(MAX_POST_BYTES + 64 * 1024));
    assert.match(result.bodyHtml, /it is too large \(5\.1 MB; the limit is 5 MB\)/);
    assert.ok(!result.bodyHtml.includes('The very end.'));
  });

  it('a post under the limit is rendered whole, last line included', () => {
    const result = renderPost('---\ntitle: Small\n---\nFirst.\n\nLast line without a newline');
    assert.match(result.bodyHtml, /Last line without a newline/);
    assert.ok(!result.bodyHtml.includes('recap-too-large'));
  });
});
