// `npm run l10n`: writes l10n/bundle.l10n.json, the English bundle of every string the sources pass to
// `vscode.l10n.t` (src/features) and `l10n.t` from @vscode/l10n (src/core, src/cli), as @vscode/l10n-dev exports
// them. The translations (bundle.l10n.fr.json, bundle.l10n.de.json) are written by hand beside it;
// test/unit/l10n.test.ts checks that this file is current and that every translation has every key.
import { getL10nJson, type l10nJsonFormat } from '@vscode/l10n-dev';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
export const L10N_DIR = path.join(ROOT, 'l10n');

/** The TypeScript files under `dir` (or `dir` itself when it is one). */
function sources(dir: string): string[] {
  if (statSync(dir).isFile()) return [dir];
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(file) : /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [file] : [];
  });
}

/** Sorted by key, as the translations are: a new string lands at the same place in every file. */
export function sortedJson(bundle: l10nJsonFormat | Record<string, unknown>): string {
  return `${JSON.stringify(Object.fromEntries(Object.keys(bundle).sort().map(key => [key, bundle[key]])), null, 2)}\n`;
}

/** The strings that the sources under `dirs` (relative to the repository) pass to l10n.t. */
export async function exportStrings(dirs: string[] = ['src']): Promise<l10nJsonFormat> {
  const files = dirs.flatMap(dir => sources(path.join(ROOT, dir))).sort();
  return getL10nJson(files.map(file => ({ extension: path.extname(file), contents: readFileSync(file, 'utf8') })));
}

/** The English bundle's text, from the sources under src/. */
export async function englishBundle(): Promise<string> {
  return sortedJson(await exportStrings());
}

if (require.main === module) {
  void englishBundle().then(text => {
    writeFileSync(path.join(L10N_DIR, 'bundle.l10n.json'), text);
    // The translations sorted the same way, so they are reviewed and merged key by key.
    for (const name of readdirSync(L10N_DIR).filter(file => /^bundle\.l10n\.[\w-]+\.json$/.test(file))) {
      const file = path.join(L10N_DIR, name);
      writeFileSync(file, sortedJson(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>));
    }
    console.log(`l10n/bundle.l10n.json: ${Object.keys(JSON.parse(text) as object).length} strings`);
  });
}
