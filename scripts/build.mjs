// Bundles the extension (split: see extensionBundle.mjs), the CLI and the integration tests with esbuild.
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { extensionBuild } from './extensionBundle.mjs';

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
  // yaml's ES module build (its exports map gives Node the CommonJS one): the same code, but unused parts drop out.
  alias: { yaml: './node_modules/yaml/browser/index.js' },
  // Non-ASCII text (mojibake tables, folding) as UTF-8 rather than \u escapes: smaller files.
  charset: 'utf8',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

/** A browser web worker: VS Code for the Web's extension host. Packages' `browser` builds come first. */
const webWorker = { platform: 'browser', format: 'cjs', target: 'es2022', mainFields: ['browser', 'module', 'main'] };

const integrationEntries = readdirSync('test/integration')
  .filter(f => f.endsWith('.ts'))
  .map(f => `test/integration/${f}`);

const builds = [
  // dist/extension.js with the code activation needs; dist/chunks/ with what loads on first use (extensionBundle.mjs).
  extensionBuild(common, { production }),
  { ...common, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' }, define: { RECAP_VERSION: JSON.stringify(version) } },
  // VS Code for the Web loads the `browser` entry in a web worker as CommonJS: one file, no Node modules (the build fails
  // if anything imports one). The dynamic imports of src/features are inlined: a worker has no chunks to load.
  { ...common, ...webWorker, entryPoints: { extension: 'src/web/extension.ts' }, outdir: 'dist/web', external: ['vscode'] },
  // The preview page's script: a browser bundle, no Node, no source map in the VSIX.
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: { preview: 'src/webview/preview.ts' }, outdir: 'dist/webview' },
  { ...common, entryPoints: integrationEntries, outdir: 'out/test/integration', external: ['vscode', 'mocha'], sourcemap: true, minify: false },
];

if (watch) {
  for (const options of builds) (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map(options => esbuild.build(options)));
}
