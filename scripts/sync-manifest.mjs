// Keeps package.json's `recap.rules` setting in step with the rule registry (src/core/lint/rules.ts) and the
// template settings with the built-in templates: `node --import tsx scripts/sync-manifest.mjs`.
// The manifest names its texts by `%key%`; their English goes to package.nls.json (the French and German
// in package.nls.fr.json / package.nls.de.json are written by hand: test/unit/l10n.test.ts asks for every key).
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../src/core/lint/rules.ts';
import { DEFAULT_TEMPLATES } from '../src/core/schedule/format.ts';

const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const file = path.join(root, 'package.json');
const nlsFile = path.join(root, 'package.nls.json');
const manifest = JSON.parse(readFileSync(file, 'utf8'));
const nls = JSON.parse(readFileSync(nlsFile, 'utf8'));
const properties = manifest.contributes.configuration.properties;

/** `%key%` for the manifest, with its English text in package.nls.json. */
function text(key, english) {
  nls[key] = english;
  return `%${key}%`;
}

// Rules that left the registry take their texts with them.
for (const key of Object.keys(nls)) if (key.startsWith('recap.rules.') && key !== 'recap.rules.description') delete nls[key];
properties['recap.rules'].properties = Object.fromEntries(ALL_RULES.map(rule => [rule.id, {
  type: 'string', enum: ['error', 'warning', 'info', 'hint', 'off'], default: rule.defaultLevel, description: text(`recap.rules.${rule.id}.description`, rule.description),
}]));
const templates = {
  talkTemplate: ['talk', 'inserted by "Insert FOSDEM Talk…"'],
  talkWithLinksTemplate: ['talkWithLinks', 'inserted by "Insert FOSDEM Talk with Slides and Video…"'],
  speakerTemplate: ['speaker', 'inserted by "Insert FOSDEM Speaker…"'],
  trackTemplate: ['track', 'inserted by "Insert FOSDEM Track…"'],
};
for (const [setting, [name, what]] of Object.entries(templates)) {
  properties[`recap.${setting}`] = {
    type: 'string', scope: 'resource', default: DEFAULT_TEMPLATES[name],
    markdownDescription: text(`recap.${setting}.markdownDescription`, `Markdown ${what}. \`{placeholders}\` such as \`{titleLink}\`, \`{speakers}\`, \`{track}\`, \`{room}\`, \`{day}\`, \`{start}\`, \`{slides}\`, \`{video}\`; \`{? … }\` disappears when a placeholder inside it is empty. All variables: [docs/templates.md](https://github.com/conference-recap/conference-recap/blob/main/docs/templates.md).`),
  };
}
writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
// Sorted by key, as the l10n bundles are: translations are easy to compare side by side.
const sorted = Object.fromEntries(Object.keys(nls).sort().map(key => [key, nls[key]]));
writeFileSync(nlsFile, `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`recap.rules: ${ALL_RULES.length} rules; ${Object.keys(templates).length} template settings`);
