// The author's language: every string the extension shows is in the English bundle (exported from the sources),
// and every translation (l10n/bundle.l10n.<lang>.json, package.nls.<lang>.json) has every key, no other key, and
// the same placeholders. `npm run l10n` regenerates l10n/bundle.l10n.json.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { englishBundle, exportStrings, L10N_DIR, ROOT } from '../../scripts/l10n';

type Bundle = Record<string, string | { message: string; comment: string[] }>;

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const messageOf = (value: Bundle[string]): string => (typeof value === 'string' ? value : value.message);

/** `{0}`, `{name}` (and in the manifest `{year}`, `${postSlug}`): sorted, repeats kept. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map(match => match[1]).sort();
}

/** What a translation must not touch: `code` spans and link targets. */
function verbatim(text: string): string[] {
  const code = [...text.matchAll(/`[^`]*`/g)].map(match => match[0]);
  const links = [...text.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)].map(match => match[1]);
  return [...code, ...links].sort();
}

/** The text outside `code` spans and link targets (`command:…?%5B…`), where typography applies. */
const prose = (text: string): string => text.replace(/`[^`]*`/g, '`…`').replace(/\]\([^)\s]+\)/g, '](…)');

/** Translations beside `english`: `bundle.l10n.fr.json` → fr. */
function translations(dir: string, english: string): { language: string; file: string }[] {
  const [stem, ext] = [english.slice(0, -'.json'.length), '.json'];
  return readdirSync(dir)
    .filter(name => name.startsWith(`${stem}.`) && name.endsWith(ext) && name !== english)
    .map(name => ({ language: name.slice(stem.length + 1, -ext.length), file: path.join(dir, name) }));
}

function checkTranslation(english: Record<string, string>, translated: Record<string, string>, label: string, options: { verbatim: boolean }): void {
  const missing = Object.keys(english).filter(key => !(key in translated));
  const extra = Object.keys(translated).filter(key => !(key in english));
  assert.deepEqual(missing, [], `${label} lacks these keys`);
  assert.deepEqual(extra, [], `${label} has keys the English does not (renamed or removed strings)`);
  for (const [key, text] of Object.entries(english)) {
    assert.equal(typeof translated[key], 'string', `${label}: ${key}`);
    assert.ok(translated[key].trim(), `${label}: ${key} is empty`);
    assert.deepEqual(placeholders(translated[key]), placeholders(text), `${label}: the placeholders of ${JSON.stringify(key)}`);
    if (options.verbatim) assert.deepEqual(verbatim(translated[key]), verbatim(text), `${label}: the code and links of ${JSON.stringify(key)}`);
  }
}

/** French: a no-break space before : ; ? ! and inside « »; German: „…“ rather than straight quotes. */
function checkTypography(language: string, translated: Record<string, string>, label: string): void {
  for (const [key, text] of Object.entries(translated)) {
    const outside = prose(text);
    if (language === 'fr') {
      assert.doesNotMatch(outside, /[^\S\u00a0\u202f][:;?!»]|«[^\S\u00a0\u202f]|\w[;?!»]/, `${label}: ${key}: a no-break space before : ; ? ! and inside « » (${JSON.stringify(text)})`);
      assert.doesNotMatch(outside, /\w:(?!\/\/)\s|"/, `${label}: ${key}: a no-break space before a colon, « » for quotes (${JSON.stringify(text)})`);
    }
    if (language === 'de') assert.doesNotMatch(outside, /"/, `${label}: ${key}: „…“ for quotes (${JSON.stringify(text)})`);
  }
}

describe('localisation', () => {
  const englishFile = path.join(L10N_DIR, 'bundle.l10n.json');

  it('l10n/bundle.l10n.json holds every string the sources pass to l10n.t (npm run l10n)', async function () {
    this.timeout(120000);
    assert.equal(readFileSync(englishFile, 'utf8'), await englishBundle(), 'l10n/bundle.l10n.json is out of date: run `npm run l10n`');
  });

  const english = Object.fromEntries(Object.entries(readJson<Bundle>(englishFile)).map(([key, value]) => [key, messageOf(value)]));
  const bundles = translations(L10N_DIR, 'bundle.l10n.json');

  it('ships French and German', () => {
    assert.deepEqual(bundles.map(b => b.language).sort(), ['de', 'fr']);
    assert.deepEqual(translations(ROOT, 'package.nls.json').map(b => b.language).sort(), ['de', 'fr']);
  });

  for (const { language, file } of bundles) {
    it(`l10n/bundle.l10n.${language}.json: every key of the English bundle, no other, the same placeholders; the editor's strings in ${language} typography`, async () => {
      const translated = readJson<Record<string, string>>(file);
      checkTranslation(english, translated, path.basename(file), { verbatim: false });
      // Typography is checked on the editor's own sentences; the core's and the CLI's also quote code (`"{value}"`)
      // and align help columns with spaces.
      const editorKeys = Object.keys(await exportStrings(['src/features', 'src/extension.ts']));
      assert.ok(editorKeys.length > 50, `the editor's strings (${editorKeys.length})`);
      checkTypography(language, Object.fromEntries(editorKeys.map(key => [key, translated[key]])), path.basename(file));
      assert.equal(readFileSync(file, 'utf8'), `${JSON.stringify(Object.fromEntries(Object.keys(translated).sort().map(key => [key, translated[key]])), null, 2)}\n`, `${path.basename(file)} is sorted by key`);
    });
  }

  const manifestEnglish = readJson<Record<string, string>>(path.join(ROOT, 'package.nls.json'));

  for (const { language, file } of translations(ROOT, 'package.nls.json')) {
    it(`package.nls.${language}.json: every key of package.nls.json, no other, the same placeholders, code and links, ${language} typography`, () => {
      const translated = readJson<Record<string, string>>(file);
      checkTranslation(manifestEnglish, translated, path.basename(file), { verbatim: true });
      checkTypography(language, translated, path.basename(file));
    });
  }

  it('every %key% in package.json is in package.nls.json, and every key there is used', () => {
    const manifest = readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    const used = new Set([...manifest.matchAll(/"%([^"%]+)%"/g)].map(match => match[1]));
    assert.ok(used.size > 50, `package.json names its texts by %key% (${used.size} found)`);
    assert.deepEqual([...used].filter(key => !(key in manifestEnglish)), [], 'keys used in package.json but missing from package.nls.json');
    assert.deepEqual(Object.keys(manifestEnglish).filter(key => !used.has(key)), [], 'keys of package.nls.json that package.json never uses');
  });
});
