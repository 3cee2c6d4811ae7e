// Writes l10n/bundle.l10n.json (the English messages of every `l10n.t` call in src/, through @vscode/l10n-dev), then
// sorts every bundle of l10n/ by key, so translations are reviewed and merged key by key.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

execFileSync(process.execPath, ['node_modules/@vscode/l10n-dev/dist/cli.js', 'export', '--outDir', './l10n', './src'], { stdio: 'inherit' });
for (const name of readdirSync('l10n').filter(file => /^bundle\.l10n(\.[\w-]+)?\.json$/.test(file))) {
  const file = path.join('l10n', name);
  const bundle = JSON.parse(readFileSync(file, 'utf8'));
  const sorted = Object.fromEntries(Object.keys(bundle).sort().map(key => [key, bundle[key]]));
  writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
}
