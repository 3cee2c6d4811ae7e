// Bundles the extension, the CLI and the integration tests with esbuild (one file each).
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's UMD build hides its requires from the bundler; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

const integrationEntries = readdirSync('test/integration')
  .filter(f => f.endsWith('.ts'))
  .map(f => `test/integration/${f}`);

const builds = [
  // `vscode` is provided by the host; heavy parts are split by dynamic import() so they load on first use.
  { ...common, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...common, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' }, define: { RECAP_VERSION: JSON.stringify(version) } },
  // The preview page's script: a browser bundle, no Node, no source map in the VSIX.
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: { preview: 'src/webview/preview.ts' }, outdir: 'dist/webview' },
  { ...common, entryPoints: integrationEntries, outdir: 'out/test/integration', external: ['vscode', 'mocha'], sourcemap: true, minify: false },
];

if (watch) {
  for (const options of builds) (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map(options => esbuild.build(options)));
}
