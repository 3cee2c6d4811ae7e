import * as assert from 'node:assert/strict';
import { BUILTIN_BY_NAME, pairShortcodes, scanShortcodes } from '../../src/core/markdown/shortcodes';

describe('shortcode scanner', () => {
  it('reads named, positional, quoted, back-quoted and escaped arguments with exact ranges', () => {
    const text = 'x {{< figure src="/a.webp" alt="say \\"hi\\"" caption=`raw \\n` 42 >}} y';
    const [token] = scanShortcodes(text);
    assert.equal(token.name, 'figure');
    assert.equal(token.kind, 'open');
    assert.equal(token.delimiter, '<');
    assert.equal(text.slice(token.start, token.end), text.slice(2, -2));
    assert.equal(text.slice(token.nameStart, token.nameEnd), 'figure');
    const [src, alt, caption, positional] = token.args;
    assert.deepEqual([src.name, src.value, src.quote, text.slice(src.valueStart, src.valueEnd)], ['src', '/a.webp', '"', '/a.webp']);
    assert.equal(alt.value, 'say "hi"');
    assert.equal(text.slice(alt.start, alt.end), 'alt="say \\"hi\\""');
    assert.deepEqual([caption.value, caption.quote], ['raw \\n', '`']);
    assert.deepEqual([positional.name, positional.value, positional.quote], [undefined, '42', '']);
    assert.equal(token.problem, undefined);
  });

  it('knows closing, self-closing, % and no-space forms, and the comment form', () => {
    const text = '{{<image href="/x.webp">}}\n{{% note %}}\nhi\n{{% /note %}}\n{{< qr text="x" />}}\n{{</* figure src="a" */>}}\n{{< highlight go "linenos=inline" >}}';
    const tokens = scanShortcodes(text);
    assert.deepEqual(tokens.map(t => [t.name, t.kind, t.delimiter, !!t.comment]), [
      ['image', 'open', '<', false], ['note', 'open', '%', false], ['note', 'close', '%', false], ['qr', 'self-closing', '<', false], ['', 'self-closing', '<', true], ['highlight', 'open', '<', false],
    ]);
    assert.deepEqual(tokens[5].args.map(a => a.value), ['go', 'linenos=inline']);
  });

  it('reads a tag spanning lines', () => {
    const text = '{{< figure\n    src="/a.webp"\n    alt="A"\n>}}';
    const [token] = scanShortcodes(text);
    assert.equal(token.end, text.length);
    assert.deepEqual(token.args.map(a => a.name), ['src', 'alt']);
  });

  it('reports broken tags with located problems and goes on', () => {
    const unterminatedQuote = scanShortcodes('{{< figure src="/a.webp >}}\nnext {{< x >}}');
    assert.match(unterminatedQuote[0].problem ?? '', /Unterminated quoted value for `src`/);
    assert.equal(unterminatedQuote[1].name, 'x');
    const atEof = scanShortcodes('text {{<');
    assert.equal(atEof.length, 1);
    assert.equal(atEof[0].unterminated, true);
    const noClose = scanShortcodes('{{< figure src="a"\n\nParagraph {{< y >}}');
    assert.equal(noClose[0].unterminated, true);
    assert.equal(noClose[1].name, 'y');
    assert.match(scanShortcodes('{{< x %}}')[0].problem ?? '', /Mismatched/);
    assert.match(scanShortcodes('{{</* never closed')[0].problem ?? '', /never closed/);
    assert.deepEqual(scanShortcodes('{{'), []);
    assert.deepEqual(scanShortcodes('{{ .Title }} {{- x -}}'), []);
  });

  it('never throws: hostile and huge input', () => {
    const samples = ['{{<', '{{%', '{{< "', '{{< `', '{{< a="', '{{< a=`', '{{</*', '{{< />}}', '{{< / >}}', '{{<<<>>>}}', '{{< a b=c d="e\\', '\u0000{{<\u0000>}}', '{{< \uD800 >}}'];
    for (const sample of samples) assert.doesNotThrow(() => scanShortcodes(sample), sample);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['{{<', '{{%', '>}}', '%}}', '/>}}', '"', '`', '\\', '=', ' ', '\n', 'a', '/*', '*/', '\u0000', '\uFFFD'];
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: 40 }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const tokens = scanShortcodes(text);
      for (const t of tokens) assert.ok(t.start >= 0 && t.end <= text.length && t.start < t.end, JSON.stringify(text));
    }
    const big = `${'{{< figure src="/a.webp" alt="x" >}} text '.repeat(250_000)}{{< unterminated "`;
    assert.ok(big.length > 10_000_000);
    assert.equal(scanShortcodes(big).length, 250_001);
    const binary = Array.from({ length: 200_000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('') + '{{<';
    assert.doesNotThrow(() => scanShortcodes(binary));
    assert.doesNotThrow(() => scanShortcodes('{{< "'.repeat(100_000)));
  });

  it('scans only the given range', () => {
    const text = '{{< a >}} {{< b >}} {{< c >}}';
    assert.deepEqual(scanShortcodes(text, 5, 20).map(t => t.name), ['b']);
  });

  it('pairs opening and closing tags, and finds the unclosed and the stray', () => {
    const text = '{{< details summary="x" >}}\n{{< note >}}a{{< /note >}}\n{{< highlight go >}}\n{{< /details >}}\n{{< /figure >}}\n{{< /nope >}}';
    const isPaired = (name: string) => name === 'note' ? true : BUILTIN_BY_NAME.get(name)?.paired;
    const result = pairShortcodes(scanShortcodes(text), isPaired);
    assert.deepEqual(result.pairs.map(p => p.open.name), ['note', 'details']);
    assert.deepEqual(result.unclosed.map(t => t.name), ['highlight']);
    assert.deepEqual(result.stray.map(s => [s.token.name, s.reason]), [['figure', 'no-open'], ['nope', 'no-open']]);
    const notPaired = pairShortcodes(scanShortcodes('{{< figure src="a" >}}{{< /figure >}}'));
    assert.deepEqual(notPaired.stray.map(s => s.reason), ['not-paired']);
    assert.deepEqual(pairShortcodes(scanShortcodes('{{< unknown >}}')).unclosed, [], 'unknown pairedness is never unclosed');
  });

  it('lists Hugo built-ins with their parameters and pairedness', () => {
    assert.ok(BUILTIN_BY_NAME.get('figure')?.params.includes('alt'));
    assert.equal(BUILTIN_BY_NAME.get('highlight')?.paired, true);
    assert.equal(BUILTIN_BY_NAME.get('details')?.paired, true);
    assert.equal(BUILTIN_BY_NAME.get('youtube')?.paired, false);
    for (const name of ['ref', 'relref', 'vimeo', 'x', 'tweet', 'instagram', 'gist', 'param', 'qr', 'comment']) assert.ok(BUILTIN_BY_NAME.has(name), name);
  });
});

describe('scanShortcodes at the edge of its range', () => {
  it('a range that ends right after `name=` leaves the quote past it alone (found by the property test)', () => {
    const text = '{{<{{<{{<\n\u0000\t_src="a.png" ';
    for (const token of scanShortcodes(text, 3, 17)) {
      for (const arg of token.args) assert.ok(arg.start <= arg.valueStart && arg.valueStart <= arg.valueEnd && arg.valueEnd <= arg.end && arg.end <= token.end, JSON.stringify(arg));
    }
  });
});

describe('scanShortcodes: an unterminated back-quoted value', () => {
  it('ends at the tag\'s closer on its line, inside its token (found by the property test)', () => {
    const [token] = scanShortcodes('{{<`*/>}}{{<{{<', 0, 10);
    assert.deepEqual(token.args.map(arg => [arg.value, arg.end <= token.end]), [['*/', true]]);
  });
});
