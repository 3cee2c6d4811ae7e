import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

interface BundleModule {
  LAZY_MODULES: string[];
  extensionBuild(common: esbuild.BuildOptions, options: { production: boolean }): esbuild.BuildOptions;
  activationOutputs(metafile: esbuild.Metafile): string[];
  lazyLoadingProblems(metafile: esbuild.Metafile): string[];
}

const ROOT = path.join(__dirname, '..', '..');
const COMMON: esbuild.BuildOptions = { bundle: true, platform: 'node', target: 'node20', mainFields: ['module', 'main'], logLevel: 'silent', absWorkingDir: ROOT };

/** The extension build of scripts/build.mjs, in memory and without its CommonJS pass (nothing is written). */
async function buildInMemory(adjust: (options: esbuild.BuildOptions) => void = () => {}): Promise<{ bundle: BundleModule; metafile: esbuild.Metafile }> {
  const modulePath = path.join(ROOT, 'scripts', 'extensionBundle.mjs');
  const bundle = await import(modulePath) as BundleModule;
  const options = bundle.extensionBuild(COMMON, { production: true });
  options.plugins = (options.plugins ?? []).filter(plugin => plugin.name !== 'commonjs-chunks');
  adjust(options);
  const result = await esbuild.build(options);
  return { bundle, metafile: result.metafile! };
}

describe('the extension bundle: activation loads only what it needs', () => {
  it('keeps any-ascii, markdown-it, saxes, ical.js, the renderer and the schedule parser out of what activation loads', async () => {
    const { bundle, metafile } = await buildInMemory();
    assert.deepEqual(bundle.lazyLoadingProblems(metafile), []);
    const loaded = bundle.activationOutputs(metafile).flatMap(output => Object.keys(metafile.outputs[output].inputs));
    assert.ok(loaded.includes('src/core/lint.ts'), 'the checks run at activation');
    for (const lazy of bundle.LAZY_MODULES) assert.ok(!loaded.some(input => input.startsWith(lazy)), lazy);
    // Each module is in one output only: one copy of its state (the talk index cache of search.ts, the link indexes).
    const outputsOf = new Map<string, string[]>();
    for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
      for (const input of Object.keys(inputs)) outputsOf.set(input, [...outputsOf.get(input) ?? [], output]);
    }
    assert.deepEqual([...outputsOf].filter(([, outputs]) => outputs.length > 1), []);
    assert.ok(outputsOf.get('src/core/schedule/search.ts'));
  });

  it('fails the build when a static import would load the renderer at activation', async () => {
    // Without the plugin that points builtinPreview's require() at dist/chunks/render.js, esbuild bundles the renderer in.
    const { bundle, metafile } = await buildInMemory(options => { options.plugins = options.plugins?.filter(plugin => plugin.name !== 'render-require'); });
    const problems = bundle.lazyLoadingProblems(metafile);
    assert.ok(problems.some(problem => problem.startsWith('src/core/render/render.ts is loaded at activation')), problems.join('\n'));
    assert.ok(problems.some(problem => problem.startsWith('node_modules/markdown-it/')), problems.join('\n'));
  });
});
