import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileUrl } from '../../src/core/render/fileUrl';

describe('fileUrl (the core’s pathToFileURL)', () => {
  it('encodes every ASCII character in a file name as pathToFileURL does', () => {
    for (let code = 0; code < 0x80; code++) {
      const char = String.fromCharCode(code);
      if (char === '/' || char === '\\') continue; // separators in the core's paths
      const file = `/site/static/a${char}b.png`;
      assert.equal(fileUrl(file), pathToFileURL(file).href, `U+${code.toString(16).padStart(4, '0')}`);
    }
  });

  it('encodes non-ASCII names as UTF-8, and a lone surrogate as U+FFFD', () => {
    for (const file of ['/photos/café/é.jpg', '/x/😀 talk.md', '/x/日本語.md', '/x/a\ud800b.md', '/x/a\udc00.md']) {
      assert.equal(fileUrl(file), pathToFileURL(file).href, file);
    }
  });

  it('resolves `..`, `.` and doubled slashes, keeps a trailing slash, and resolves a relative path from the working folder', () => {
    for (const file of ['/a/b/../c.md', '/a/./b//c.md', '/a/b/', '/', 'posts/a b.md']) {
      assert.equal(fileUrl(file), pathToFileURL(file).href, file);
    }
    assert.equal(fileUrl('posts/x.md'), pathToFileURL(path.join(process.cwd(), 'posts/x.md')).href);
  });

  it('writes Windows drive paths as file:///C:/…, with either separator', () => {
    assert.equal(fileUrl('C:/Users/me/blog/static/a b#1.png'), 'file:///C:/Users/me/blog/static/a%20b%231.png');
    assert.equal(fileUrl('C:\\Users\\me\\blog\\post.md'), 'file:///C:/Users/me/blog/post.md');
    assert.equal(fileUrl('D:/x/../y/é.md'), 'file:///D:/y/%C3%A9.md');
    assert.equal(fileUrl('C:/'), 'file:///C:/');
  });

  it('writes UNC paths with the server as the host', () => {
    assert.equal(fileUrl('\\\\Server\\share\\blog\\a b.md'), 'file://server/share/blog/a%20b.md');
    assert.equal(fileUrl('//server/share/x.md'), 'file://server/share/x.md');
  });

  it('gives URLs that the URL parser reads back to the same path', () => {
    for (const file of ['/a b/c%d/e#f?g.md', '/ü/[x]/{y}/~z.md']) {
      assert.equal(decodeURIComponent(new URL(fileUrl(file)).pathname), file);
    }
  });
});
