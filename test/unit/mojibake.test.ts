import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Finding, TextEdit } from '../../src/core/lint/findings';
import { checkMojibake, CODE_PAGE_TABLES, repairMojibake } from '../../src/core/markdown/mojibake';
import { assertLinearGrowth } from './growth';
import { check, fixture } from './helpers';

/** `text` as UTF-8 bytes read with a single-byte code page: how mojibake is made. */
function misread(text: string, page: 'Windows-1252' | 'Windows-1254' | 'Windows-1250' | 'Latin-1'): string {
  const bytes = Buffer.from(text, 'utf8');
  if (page === 'Latin-1') return bytes.toString('latin1');
  const table = CODE_PAGE_TABLES[page];
  return [...bytes].map(byte => byte < 0x80 ? String.fromCharCode(byte) : table[byte - 0x80]).join('');
}

/** What "Fix all" does (src/features/codeActions.ts): every safe fix whose edits overlap no other, at once. */
function fixAll(text: string, findings: Omit<Finding, 'severity'>[]): string {
  const edits: TextEdit[] = [];
  for (const finding of findings) {
    const fix = finding.fixes?.find(candidate => candidate.safe);
    if (!fix || fix.edits.some(edit => edits.some(other => edit.start < other.end && other.start < edit.end))) continue;
    edits.push(...fix.edits);
  }
  let out = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}

function mojibake(text: string): Finding[] {
  return check(text, { body: true }).filter(f => f.rule === 'text/mojibake');
}

/** Each finding's fix, applied alone, leaves no mojibake in the text it replaced. */
function assertCleanSuggestions(text: string): void {
  for (const finding of mojibake(text)) {
    for (const fix of finding.fixes ?? []) {
      const repaired = fixAll(text, [{ ...finding, fixes: [{ ...fix, safe: true }] }]);
      const end = finding.end + fix.edits.reduce((grown, edit) => grown + edit.newText.length - (edit.end - edit.start), 0);
      const left = checkMojibake(repaired, 0).filter(f => f.start < end && f.end > finding.start);
      assert.deepEqual(left.map(f => f.message), [], `after "${fix.title}" on ${JSON.stringify(text)}`);
    }
  }
}

const FRENCH = fixture('samples', 'fosdem-2024-fr.md');

describe('text/mojibake', () => {
  it('code page tables: Windows-1254 and 1250 as TextDecoder has them, Windows-1252 as 1254 but for its Turkish letters', () => {
    for (const name of ['windows-1254', 'windows-1250']) {
      const decoded = new TextDecoder(name).decode(Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i));
      assert.equal(CODE_PAGE_TABLES[name.replace('windows', 'Windows')], decoded, name);
    }
    // Node 20's TextDecoder('windows-1252') is Latin-1, so 1252 is checked against 1254, which differs only here.
    const turkish: Record<number, string> = { 0x8e: 'Ž', 0x9e: 'ž', 0xd0: 'Ð', 0xdd: 'Ý', 0xde: 'Þ', 0xf0: 'ð', 0xfd: 'ý', 0xfe: 'þ' };
    for (let byte = 0x80; byte <= 0xff; byte++) {
      assert.equal(CODE_PAGE_TABLES['Windows-1252'][byte - 0x80], turkish[byte] ?? CODE_PAGE_TABLES['Windows-1254'][byte - 0x80], byte.toString(16));
    }
  });

  it('a French post double-encoded as a whole: one finding, whose "Fix all" restores it byte for byte', () => {
    for (const page of ['Windows-1252', 'Latin-1', 'Windows-1254'] as const) {
      const broken = misread(FRENCH, page);
      assert.notEqual(broken, FRENCH);
      const found = mojibake(broken);
      assert.equal(found.length, 1, `${page}: ${found.map(f => f.message).join('\n')}`);
      const [finding] = found;
      assert.match(finding.message, /double-encoded/);
      assert.match(finding.message, page === 'Windows-1254' ? /Windows-1254/ : /Windows-1252/);
      assert.match(finding.fixes![0].title, /^Fix all \d+ broken words in this post/);
      assert.equal(finding.fixes![0].safe, true);
      assert.equal(broken.slice(finding.start, finding.end), 'rÃ©cap', 'the first broken word');
      assert.equal(fixAll(broken, check(broken, { body: true })), FRENCH, page);
    }
    // The emoji are what Windows-1254 breaks differently from 1252.
    const turkish = misread(FRENCH, 'Windows-1254');
    for (const emoji of ['ğŸ\u008e¯', 'ğŸ˜ƒ', 'ğŸ¤”']) assert.ok(turkish.includes(emoji), emoji);
  });

  it('a post double-encoded twice is repaired in one go', () => {
    const twice = misread(misread(FRENCH, 'Windows-1252'), 'Windows-1252');
    assert.ok(twice.includes('ÃƒÂ©'));
    const found = mojibake(twice);
    assert.equal(found.length, 1);
    assert.equal(fixAll(twice, found), FRENCH);
  });

  it('a mixed post: one finding per broken line, with one fix for all of its words', () => {
    const lines = FRENCH.split('\n');
    const brokenAt = [9, 12];
    const text = lines.map((line, i) => brokenAt.includes(i) ? misread(line, 'Windows-1252') : line).join('\n');
    const found = mojibake(text);
    assert.equal(found.length, 2, found.map(f => f.message).join('\n'));
    const lineOf = (offset: number) => text.slice(0, offset).split('\n').length - 1;
    assert.deepEqual(found.map(f => lineOf(f.start)), brokenAt);
    assert.deepEqual(found.map(f => lineOf(f.end)), brokenAt);
    assert.match(found[0].message, /^\d+ words on this line are UTF-8 read as Windows-1252/);
    assert.match(found[0].fixes![0].title, /^Repair the encoding of the \d+ broken words on this line$/);
    assert.equal(fixAll(text, found), FRENCH);
    assertCleanSuggestions(text);
  });

  it('a word with two broken characters is one finding whose suggestion is whole', () => {
    const cases: [string, string][] = [
      ['Les technologies Ã©mergÃ©es.', 'Les technologies émergées.'],
      ['Le procÃ©dÃ© reste opaque.', 'Le procédé reste opaque.'],
      ['Le format prÃ©fÃ©rÃ© des talks.', 'Le format préféré des talks.'],
      ['C’Ã©tait dÃ©jÃ\u00a0 ma cinquième.', 'C’était déjà ma cinquième.'],
      ['KÃ¶nigsberger Klopse', 'Königsberger Klopse'],
      ['Wroc\u0139\u201aaw', 'Wrocław'], // Windows-1250
    ];
    for (const [broken, fixed] of cases) {
      const found = mojibake(broken);
      assert.equal(found.length, 1, broken);
      assert.equal(fixAll(broken, found), fixed);
      assert.equal(repairMojibake(broken), fixed);
    }
    const [finding] = mojibake('Les technologies Ã©mergÃ©es.');
    assert.equal(finding.message, '`Ã©mergÃ©es` is UTF-8 read as Windows-1252 (or Latin-1): it should read `émergées`.');
    assert.equal(finding.fixes![0].title, 'Repair the encoding: `émergées`');
  });

  it('`à` whose no-break space became a space or vanished, as ftfy restores it', () => {
    const cases: [string, string][] = [
      ['dÃ©jÃ  vu', 'déjà vu'], // the no-break space became a space
      ['dÃ©jÃ vu', 'déjà vu'], // … and the two spaces were collapsed
      ['c’Ã©tait dÃ©jÃ \nla suite', 'c’était déjà\nla suite'], // at the end of a line
      ['c’Ã©tait dÃ©jÃ\nla suite', 'c’était déjà\nla suite'],
      ['voilÃ ', 'voilà'],
      ['Rendez-vous Ã  Bruxelles, en fÃ©vrier', 'Rendez-vous à Bruxelles, en février'],
      ['Ã s vezes, nÃ£o', 'às vezes, não'], // Portuguese `às`: the space was the byte
      ['la keynote Â«Â Open sourceÂ Â» a rempli', 'la keynote «\u00a0Open source\u00a0» a rempli'], // no-break spaces that became spaces
      ['itâ€™s â€œquotedâ€\u009d â€” done', 'it’s “quoted” — done'], // Latin-1's C1 control for the byte Windows-1252 lacks
    ];
    for (const [broken, fixed] of cases) {
      assert.equal(fixAll(broken, mojibake(broken)), fixed, broken);
      assertCleanSuggestions(broken);
    }
  });

  it('emoji read as Windows-1252 or Windows-1254', () => {
    for (const [broken, fixed] of [['Cible ðŸŽ¯ atteinte', 'Cible 🎯 atteinte'], ['Cible ğŸ\u008e¯ atteinte', 'Cible 🎯 atteinte'], ['Content ğŸ˜ƒ', 'Content 😃'], ['Hmm ğŸ¤”', 'Hmm 🤔']]) {
      const found = mojibake(broken);
      assert.equal(found.length, 1, broken);
      assert.equal(fixAll(broken, found), fixed);
    }
    assert.match(mojibake('Content ğŸ˜ƒ')[0].message, /Windows-1254 \(Turkish\)/);
  });

  it('an emoji that lost a byte (the control character Windows-1254 gives 8E, dropped): its own finding, without a fix', () => {
    const stripped = misread(FRENCH, 'Windows-1254').replace(/[\u0080-\u009f]/g, '');
    assert.ok(stripped.includes('ğŸ¯') && !stripped.includes('ğŸ\u008e¯'));
    const found = mojibake(stripped);
    assert.equal(found.length, 2, found.map(f => f.message).join('\n'));
    const lost = found.find(f => stripped.slice(f.start, f.end) === 'ğŸ¯');
    assert.ok(lost);
    assert.equal(lost.fixes, undefined);
    assert.match(lost.message, /lost one of its bytes .* type the emoji again/);
    assert.equal(fixAll(stripped, found), FRENCH.replace('🎯', 'ğŸ¯'), 'everything else is restored');
    const [alone] = mojibake('Objectif atteint ğŸ¯');
    assert.equal(alone.fixes, undefined);
  });

  it('no finding on correct text in many languages, nor on a lone `Ã` or signs after capitals', () => {
    const fine = [
      'Comme chaque année, j’ai passé le premier week-end de février à Bruxelles : c’était déjà ma cinquième édition, « même endroit » — et le cœur y était… 🎯 😃 🤔',
      'CAFÉ\u00a0! « déjà » 25 °C — l’été… Ô Seigneur, ÇA VA ? À bientôt. «\u00a0Très bien\u00a0», dit-il. CAFÉ… ÉTÉ’ café…» L’ÉTÉ»',
      'Die Königsberger Klopse schmecken überall gleich, außer in München. Äußerst schön: ÜBER ÄRGER.',
      'Türkçe metin: Ağaç, ışık, çiçek, öğrenci, İstanbul’da şu an güneşli. İĞNE, ÇİĞ, ŞİŞ’İ.',
      'Zażółć gęślą jaźń. Łódź i Wrocław są piękne; Źródło, Świętokrzyskie, Żółw, część, mężczyzna, źdźbło.',
      'Příliš žluťoučký kůň úpěl ďábelské ódy. Dobrý den, ještě příští týden. ŘÍŠE, PŘÍŠTÍ.',
      '¿Qué tal? ¡Olé! El niño comió piña en España; «¡Hola!», dijo. AÑO, ESPAÑA…',
      'A irmã não está lá; às vezes, àquele ponto, São Paulo é ótimo. IRMÃ» NÃO… Coração, ação.',
      'Ελληνικά: Η γρήγορη καφέ αλεπού πηδάει πάνω από το τεμπέλικο σκυλί.',
      'Русский: Съешь же ещё этих мягких французских булок, да выпей чаю. а и в',
      'Italiano: «Com’è…» disse lui. È così. Perché? Più tardi, c’è.',
      'Soit Ã la fermeture de A, et Ã ∩ B = ∅. Â est un autre ensemble.',
      'Ida Fürjesová, Mikołaj, 中文 and 日本語, x² + y³, 3×4, ±5 %, 10 µs, 90°.',
    ];
    for (const text of fine) assert.deepEqual(mojibake(text).map(f => f.message), [], text);
    for (const sample of ['fosdem-2025-victoriametrics.md', 'promcon-2023-jekyll.md', 'fosdem-2024-fr.md']) {
      assert.deepEqual(mojibake(fixture('samples', sample)).map(f => f.message), [], sample);
    }
  });

  it('property: any French text double-encoded is restored exactly by "Fix all"', () => {
    const words = ['été', 'déjà', 'émergées', 'préféré', 'procédé', 'à', 'où', 'là', 'ça', 'Ça', 'cœur', 'Œuvre', 'naïve', 'Noël', 'août', 'maître', 'sûr',
      'garçon', 'côté', 'Être', 'ÉTÉ', 'À', 'CAFÉ', 'Ô', 'FOSDEM', 'Bruxelles', 'le', 'talk', '2024', '8 000', '🎯', '😃', '🤔'];
    const opening = ['', '', '«\u00a0', '« ', '“', '(', '— '];
    const closing = ['', '', '', '\u00a0:', ' :', '\u00a0!', '\u202f?', '…', '\u00a0»', ' »', '”', '’', ',', '.', ')', ' —'];
    const token = fc.tuple(fc.constantFrom(...opening), fc.constantFrom(...words), fc.constantFrom(...closing)).map(parts => parts.join(''));
    // Each line has one accent inside a word: a line whose only non-ASCII sign is a lone `»` or `à` is
    // left alone on purpose (precision first), unless the whole post is broken.
    const line = fc.array(token, { minLength: 1, maxLength: 12 }).map(tokens => `Été ${tokens.join(' ')}`);
    const post = fc.array(line, { minLength: 1, maxLength: 8 }).map(lines => lines.join('\n'));
    fc.assert(fc.property(post, fc.constantFrom('Windows-1252' as const, 'Windows-1254' as const, 'Latin-1' as const), (text, page) => {
      const broken = misread(text, page);
      assert.equal(fixAll(broken, checkMojibake(broken, 0)), text);
    }), { numRuns: 500 });
  });

  it('property: real words of several languages with any punctuation between them are never flagged', () => {
    const words = ['café', 'déjà', 'là', 'où', 'è', 'à', 'Ô', 'ÉTÉ', 'CAFÉ', 'IRMÃ', 'NÃO', 'São', 'ação', 'año', 'AÑO', 'niño', 'über', 'Straße', 'GRÖSSE',
      'Ağaç', 'İĞNE', 'ŞİŞ', 'Łódź', 'część', 'źdźbło', 'ještě', 'ŘÍŠE', 'ďábelské', 'Ελλάδα', 'мягких', 'а', 'x²', '3×4', '±5', '10µs', '90°', '©', '™'];
    // Signs where typography puts them: opening ones before a word, closing ones after it.
    const opening = ['', ' ', '«', '«\u00a0', '“', '„', '¿', '¡', '‘', '(', '— '];
    const closing = [' ', '\u00a0', '…', '»', '\u00a0»', '’', '”', '“', '—', '–', '!', '\u00a0!', ',', '. ', '?', '\u202f?', ':', '…»', '’»', '”…', ')'];
    const token = fc.tuple(fc.constantFrom(...opening), fc.constantFrom(...words), fc.array(fc.constantFrom(...closing), { minLength: 1, maxLength: 3 }));
    const text = fc.array(token, { minLength: 1, maxLength: 12 }).map(parts => parts.map(([before, word, after]) => before + word + after.join('')).join(' '));
    fc.assert(fc.property(text, sample => {
      assert.deepEqual(checkMojibake(sample, 0).map(f => f.message), []);
    }), { numRuns: 2000 });
  });

  it('grows linearly on a long line of broken words, and on a long word', () => {
    assertLinearGrowth('one long line of broken words', 2000, n => 'dÃ©jÃ  vu, Ã©mergÃ©es ðŸŽ¯ '.repeat(n), text => checkMojibake(text, 0));
    assertLinearGrowth('one long broken word', 10000, n => 'Ã©a'.repeat(n), text => checkMojibake(text, 0));
    assertLinearGrowth('many lines with one broken word at the end', 100000, n => `${'plain ascii line\n'.repeat(n)}sÃ©rie`, text => checkMojibake(text, 0));
  });
});
