// The extension bundle, split so that activation loads only what it needs. esbuild splits code only for ES modules:
// the extension is bundled as ESM with splitting (every `await import()` in src/features becomes a chunk loaded on
// first use, and modules shared by several chunks are loaded once), then each output is turned into CommonJS, whose
// `require` any VS Code version loads and which the built-in Markdown preview's synchronous extendMarkdownIt needs.
import * as esbuild from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** Loaded on first use only; the build fails if activation would load one of them. */
export const LAZY_MODULES = [
  'node_modules/any-ascii/', 'node_modules/markdown-it/', 'node_modules/markdown-it-emoji/', 'node_modules/saxes/',
  'node_modules/ical.js/', 'src/core/render/render.ts', 'src/core/schedule/parse.ts', 'src/core/schedule/slug.ts',
];

/** The renderer as a fixed file, for builtinPreview's synchronous require (relative to dist/extension.js). */
const RENDER_CHUNK = './chunks/render.js';

/**
 * builtinPreview loads the renderer with require(): VS Code's Markdown preview asks for the plugin synchronously.
 * Left to esbuild, that require would put the renderer into the activation bundle; it names the render entry instead.
 */
const renderRequire = {
  name: 'render-require',
  setup(build) {
    build.onResolve({ filter: /\/core\/render\/render$/ }, args =>
      args.kind === 'require-call' ? { path: RENDER_CHUNK, external: true } : undefined);
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
export function lazyLoadingProblems(metafile) {
  const problems = [];
  for (const output of activationOutputs(metafile)) {
    for (const input of Object.keys(metafile.outputs[output].inputs)) {
      const lazy = LAZY_MODULES.find(prefix => input.startsWith(prefix));
      if (lazy) problems.push(`${input} is loaded at activation (in ${output}); it must be imported with \`await import()\` only, from src/features.`);
    }
  }
  for (const [output, { imports }] of Object.entries(metafile.outputs)) {
    if (output !== 'dist/extension.js' && imports.some(i => i.external && i.path === RENDER_CHUNK)) {
      problems.push(`${output} requires ${RENDER_CHUNK}, a path relative to dist/extension.js only: require the renderer from a module only the extension entry imports.`);
    }
  }
  return problems;
}

/** ESM outputs (in memory) → CommonJS files in dist/, with source maps chained through the inline ESM ones. */
async function writeCommonJs(outputFiles, production) {
  rmSync('dist/chunks', { recursive: true, force: true });
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
  }
}

/** esbuild options for dist/extension.js and dist/chunks/. */
export function extensionBuild(common, { production }) {
  return {
    ...common,
    format: 'esm',
    splitting: true,
    write: false,
    metafile: true,
    // Inline maps are read back by the CommonJS pass, which writes the final .map files.
    sourcemap: production ? false : 'inline',
    entryPoints: { extension: 'src/extension.ts', 'chunks/render': 'src/core/render/render.ts' },
    outdir: 'dist',
    chunkNames: 'chunks/[name]-[hash]',
    // `vscode` is provided by the host.
    external: ['vscode'],
    plugins: [
      renderRequire,
      {
        name: 'commonjs-chunks',
        setup(build) {
          build.onEnd(async result => {
            if (result.errors.length || !result.outputFiles) return;
            const problems = lazyLoadingProblems(result.metafile);
            if (problems.length) return { errors: problems.map(text => ({ text })) };
            await writeCommonJs(result.outputFiles, production);
            return undefined;
          });
        },
      },
    ],
  };
}
