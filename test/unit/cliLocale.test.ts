// The language of `recap`'s messages: --locale, else LC_ALL / LC_MESSAGES / LANG, with the bundles of l10n/.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { bundleFor, localeFromEnvironment, localeOption } from '../../src/cli/locale';
import { resolveConfig } from '../../src/core/site/config';
import { lint } from '../../src/core/lint/lint';
import { FIXTURES } from './helpers';
import { recapIn } from './cliRun';

const SITE = path.join(FIXTURES, 'site');
const POST = 'content/posts/broken.md';
const LOCALE_VARIABLES = ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const;

/** Runs `recap …` in the fixture site with the locale variables set as given (the others unset), then puts them back. */
async function recapWithLocale(env: Partial<Record<(typeof LOCALE_VARIABLES)[number], string>>, ...args: string[]) {
  const saved = LOCALE_VARIABLES.map(name => [name, process.env[name]] as const);
  for (const name of LOCALE_VARIABLES) {
    if (env[name] === undefined) delete process.env[name]; else process.env[name] = env[name];
  }
  try {
    return await recapIn(SITE, ...args);
  } finally {
    for (const [name, value] of saved) if (value === undefined) delete process.env[name]; else process.env[name] = value;
  }
}

describe('recap speaks the language asked for', () => {
  it('recap check --locale fr: French findings and summary, English rule ids', async () => {
    const run = await recapWithLocale({ LANG: 'C' }, 'check', '--no-talks', '--locale', 'fr', POST);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^content\/posts\/broken\.md:4:7 error frontmatter\/date `date`\u00a0: `2025-02-30` n’existe pas\u00a0: février 2025 compte 28 jours\.$/m);
    assert.match(run.stdout, / error frontmatter\/type `draft` devrait être un booléen \(true ou false\), pas la chaîne entre guillemets "false"\.$/m);
    assert.match(run.stderr, /^1 fichier vérifié\u00a0: \d+ erreurs, \d+ autres? problèmes?\.$/m);
  });

  it('LANG=de_DE.UTF-8: German, also in --format json (the rule ids stay as they are)', async () => {
    const text = await recapWithLocale({ LANG: 'de_DE.UTF-8' }, 'check', '--no-talks', POST);
    assert.match(text.stdout, / error frontmatter\/date `date`: `2025-02-30` gibt es nicht: Der Februar 2025 hat 28 Tage\.$/m);
    assert.match(text.stderr, /^1 Datei geprüft: \d+ Fehler, \d+ weiteres? Probleme?\.$/m);
    const json = await recapWithLocale({ LANG: 'de_DE.UTF-8' }, 'check', '--no-talks', '--format', 'json', POST);
    const findings = JSON.parse(json.stdout) as { rule: string; message: string }[];
    assert.equal(findings.find(finding => finding.rule === 'frontmatter/required' || finding.rule === 'frontmatter/date')?.message, '`date`: `2025-02-30` gibt es nicht: Der Februar 2025 hat 28 Tage.');
  });

  it('LANG=C (and POSIX, and nothing) is English; LC_ALL wins over LANG, --locale over both', async () => {
    for (const env of [{ LANG: 'C' }, { LANG: 'POSIX' }, {}, { LC_ALL: 'C.UTF-8', LANG: 'fr_FR.UTF-8' }]) {
      const run = await recapWithLocale(env, 'check', '--no-talks', POST);
      assert.match(run.stdout, / error frontmatter\/date `date`: `2025-02-30` is not a real date: February 2025 has 28 days\.$/m, JSON.stringify(env));
      assert.match(run.stderr, /^1 file checked: \d+ errors, /m);
    }
    const chosen = await recapWithLocale({ LC_ALL: 'de_DE.UTF-8' }, 'check', '--no-talks', '--locale=fr', POST);
    assert.match(chosen.stderr, /^1 fichier vérifié/m);
  });

  it('the help is translated, and the language goes back to English after the run', async () => {
    const help = await recapWithLocale({ LANG: 'C' }, '--locale', 'de', 'check', '--help');
    assert.match(help.stdout, /^Aufruf: recap check \[Pfade oder Globs…\]$/m);
    assert.match(help.stdout, /^ {6}--locale SPRACHE {6}Sprache der Meldungen/m);
    // main() runs in this process in the unit tests: the core's next message is English again.
    const { findings } = lint({ text: '# No front matter\n', config: resolveConfig({ detectedPreset: 'hugo' }), filePath: '/x/post.md' });
    assert.equal(findings.find(finding => finding.rule === 'frontmatter/missing')?.message, 'This post has no front matter (title, date …).');
  });

  it('reads the POSIX locale variables as a language tag, and falls back from a region to its language', () => {
    assert.equal(localeFromEnvironment({ LANG: 'fr_FR.UTF-8' }), 'fr-FR');
    assert.equal(localeFromEnvironment({ LANG: 'de_AT@euro' }), 'de-AT');
    assert.equal(localeFromEnvironment({ LC_MESSAGES: 'de_DE.UTF-8', LANG: 'fr_FR.UTF-8' }), 'de-DE');
    assert.equal(localeFromEnvironment({ LC_ALL: '', LANG: 'fr_FR.UTF-8' }), 'fr-FR');
    assert.equal(localeFromEnvironment({ LANG: 'C.UTF-8' }), 'en');
    assert.equal(localeFromEnvironment({}), 'en');
    assert.equal(localeOption(['check', '--locale', 'fr', 'a.md']), 'fr');
    assert.equal(localeOption(['check', '--locale=de', 'a.md']), 'de');
    assert.equal(localeOption(['check', '--', '--locale=de']), undefined);
    assert.equal(bundleFor('de-AT')?.['The image'], 'Das Bild');
    assert.equal(bundleFor('FR_ca')?.['The image'], 'L’image');
    assert.equal(bundleFor('en-GB'), undefined);
    assert.equal(bundleFor('es'), undefined);
  });
});

describe('the core\'s messages follow the configured bundle', () => {
  after(() => l10n.config({ contents: {} }));

  it('a finding and its quick fix are French with the French bundle, English again once reset', () => {
    const text = '---\ntitle: x\ndate: 2025-02-01\ndraft: "false"\n---\n\nBody.\n';
    const draftFinding = () => lint({ text, config: resolveConfig({ detectedPreset: 'hugo' }), filePath: '/x/post.md' }).findings.find(finding => finding.rule === 'frontmatter/type');
    l10n.config({ contents: bundleFor('fr') ?? {} });
    const french = draftFinding();
    assert.equal(french?.message, '`draft` devrait être un booléen (true ou false), pas la chaîne entre guillemets "false".');
    assert.equal(french?.fixes?.[0].title, 'Remplacer par false');
    l10n.config({ contents: {} });
    assert.equal(draftFinding()?.message, '`draft` should be a boolean (true or false), not the quoted string "false".');
  });
});
