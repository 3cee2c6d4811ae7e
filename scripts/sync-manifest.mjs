// Keeps package.json's `recap.rules` setting in step with the rule registry (src/core/lint/rules.ts) and the
// template settings with the built-in templates: `node --import tsx scripts/sync-manifest.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../src/core/lint/rules.ts';
import { DEFAULT_TEMPLATES } from '../src/core/schedule/format.ts';

const file = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'package.json');
const manifest = JSON.parse(readFileSync(file, 'utf8'));
const properties = manifest.contributes.configuration.properties;
properties['recap.rules'].properties = Object.fromEntries(ALL_RULES.map(rule => [rule.id, {
  type: 'string', enum: ['error', 'warning', 'info', 'hint', 'off'], default: rule.defaultLevel, description: rule.description,
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
    markdownDescription: `Markdown ${what}. \`{placeholders}\` such as \`{titleLink}\`, \`{speakers}\`, \`{track}\`, \`{room}\`, \`{day}\`, \`{start}\`, \`{slides}\`, \`{video}\`; \`{? … }\` disappears when a placeholder inside it is empty. All variables: [docs/templates.md](https://github.com/conference-recap/conference-recap/blob/main/docs/templates.md).`,
  };
}
writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`recap.rules: ${ALL_RULES.length} rules; ${Object.keys(templates).length} template settings`);
