// The extension bundle, split so that activation loads only what it needs. esbuild splits code only for ES modules:
// the extension is bundled as ESM with splitting (every `await import()` in src/features becomes a chunk loaded on
// first use, and modules shared by several chunks are loaded once), then each output is turned into CommonJS, whose
// `require` any VS Code version loads and which the built-in Markdown preview's synchronous extendMarkdownIt needs.
import * as esbuild from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Loaded on first use only; the build fails if activation would load one of them: the checks and their parsers
 * (on the first check of a post), the renderer (the first preview), the schedule parser and the calendar reader.
 */
export const LAZY_MODULES = [
  'src/core/service/recapService.ts', 'src/core/lint/lint.ts', 'src/core/frontmatter/', 'src/core/markdown/', 'src/core/site/',
  'node_modules/yaml/', 'node_modules/smol-toml/', 'node_modules/jsonc-parser/', 'node_modules/picomatch/',
  'src/core/render/', 'node_modules/markdown-it/', 'node_modules/markdown-it-emoji/', 'node_modules/any-ascii/',
  'src/core/schedule/parse.ts', 'src/core/schedule/slug.ts', 'node_modules/saxes/', 'node_modules/ical.js/',
];

/** The renderer's modules builtinPreview loads with require() (see renderRequire): each is an entry of dist/chunks/. */
const REQUIRED_RENDER_ENTRIES = { render: 'render', context: 'renderContext' };

/**
 * builtinPreview loads the renderer with require(): VS Code's Markdown preview asks for the plugin synchronously.
 * Left to esbuild, that require would put the renderer into the activation bundle; it loads the render entry
 * (dist/chunks/render.js; renderContext.js for context.ts) instead, by an absolute path: esbuild's require helper
 * may sit in dist/chunks/, and a relative path would resolve from there. `__dirname` is dist/ as long as this
 * module is in dist/extension.js.
 */
const renderRequire = {
  name: 'render-require',
  setup(build) {
    build.onResolve({ filter: /\/core\/render\/(render|context)$/ }, args =>
      args.kind === 'require-call' ? { path: `render-loader:dist/chunks/${REQUIRED_RENDER_ENTRIES[path.basename(args.path)]}.js`, namespace: 'render-loader' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'render-loader' }, args => ({
      contents: `module.exports = require(require('node:path').join(__dirname, 'chunks', ${JSON.stringify(path.basename(args.path))}));`,
      loader: 'js',
    }));
  },
};

/** The outputs activation loads: dist/extension.js and what it requires at load time, not its dynamic imports. */
export function activationOutputs(metafile, entry = 'dist/extension.js') {
  const loaded = new Set();
  const pending = [entry];
  while (pending.length) {
    const output = pending.pop();
    if (loaded.has(output)) continue;
    loaded.add(output);
    for (const imported of metafile.outputs[output]?.imports ?? []) {
      if (imported.kind !== 'dynamic-import' && !imported.external) pending.push(imported.path);
    }
  }
  return [...loaded];
}

/** Why this build breaks the lazy loading, or an empty list. */
export function lazyLoadingProblems(metafile, entry = 'dist/extension.js') {
  const problems = [];
  for (const output of activationOutputs(metafile, entry)) {
    for (const input of Object.keys(metafile.outputs[output].inputs)) {
      const lazy = LAZY_MODULES.find(prefix => input.startsWith(prefix));
      if (lazy) problems.push(`${input} is loaded at activation (in ${output}); it must be imported with \`await import()\` only, from src/features.`);
    }
  }
  for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
    if (output !== entry && Object.keys(inputs).some(input => input.startsWith('render-loader:'))) {
      problems.push(`${output} loads the renderer by require(), from dist/chunks/ where __dirname is not dist/: require it from a module only the extension entry imports.`);
    }
  }
  return problems;
}

/** ESM outputs (in memory) → CommonJS files in outdir, with source maps chained through the inline ESM ones. */
async function writeCommonJs(outputFiles, outdir, production) {
  rmSync(path.join(outdir, 'chunks'), { recursive: true, force: true });
  const sizes = new Map();
  for (const file of outputFiles) {
    const name = path.basename(file.path);
    // Dynamic imports become require() inside a promise: VS Code's extension host has no import() for CommonJS code.
    const cjs = await esbuild.transform(file.text, {
      format: 'cjs', platform: 'node', target: 'node20', minify: production, sourcemap: !production, sourcefile: name,
      supported: { 'dynamic-import': false },
    });
    mkdirSync(path.dirname(file.path), { recursive: true });
    writeFileSync(file.path, production ? cjs.code : `${cjs.code}//# sourceMappingURL=${name}.map\n`);
    if (!production) writeFileSync(`${file.path}.map`, cjs.map);
    sizes.set(file.path, Buffer.byteLength(cjs.code));
  }
  return sizes;
}

/** esbuild options for dist/extension.js and dist/chunks/ (or another outdir, for tests). */
export function extensionBuild(common, { production, outdir = 'dist' }) {
  // The entry's key in the metafile: relative to the working directory, with forward slashes.
  const entry = path.relative(common.absWorkingDir ?? process.cwd(), path.resolve(common.absWorkingDir ?? process.cwd(), outdir, 'extension.js')).split(path.sep).join('/');
  return {
    ...common,
    format: 'esm',
    splitting: true,
    write: false,
    metafile: true,
    // Inline maps are read back by the CommonJS pass, which writes the final .map files.
    sourcemap: production ? false : 'inline',
    entryPoints: {
      extension: 'src/extension.ts',
      ...Object.fromEntries(Object.entries(REQUIRED_RENDER_ENTRIES).map(([module, name]) => [`chunks/${name}`, `src/core/render/${module}.ts`])),
    },
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    // `vscode` is provided by the host.
    external: ['vscode'],
    // esbuild would list the in-memory ES modules; the CommonJS pass reports what it wrote.
    logLevel: common.logLevel === 'info' ? 'warning' : common.logLevel,
    plugins: [
      renderRequire,
      {
        name: 'commonjs-chunks',
        setup(build) {
          build.onEnd(async result => {
            if (result.errors.length || !result.outputFiles) return;
            const problems = lazyLoadingProblems(result.metafile, entry);
            if (problems.length) return { errors: problems.map(text => ({ text })) };
            const sizes = await writeCommonJs(result.outputFiles, outdir, production);
            if (common.logLevel === 'info') {
              const atActivation = new Set(activationOutputs(result.metafile, entry).map(output => path.resolve(common.absWorkingDir ?? process.cwd(), output)));
              const kib = paths => `${([...paths].reduce((sum, file) => sum + (sizes.get(file) ?? 0), 0) / 1024).toFixed(1)} KiB`;
              const later = [...sizes.keys()].filter(file => !atActivation.has(file));
              console.log(`\n  ${entry}: ${atActivation.size} files, ${kib(atActivation)} loaded at activation; ${later.length} chunks, ${kib(later)} on first use\n`);
            }
            return undefined;
          });
        },
      },
    ],
  };
}
