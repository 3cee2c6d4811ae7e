import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import MarkdownItFactory from 'markdown-it';
import type { MarkdownIt } from 'markdown-it';

interface BundleModule {
  LAZY_MODULES: string[];
  extensionBuild(common: esbuild.BuildOptions, options: { production: boolean; outdir?: string }): esbuild.BuildOptions;
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

/** What activate() returns, as far as these tests use it. */
interface BuiltExtension {
  activate(context: unknown): { extendMarkdownIt(md: MarkdownIt): MarkdownIt };
}

/** Node's resolver, which the test points at the bench's stub for `vscode`. */
const resolver = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };

describe('the extension bundle: activation loads only what it needs', () => {
  it('built as in the VSIX, activates without loading a chunk, and the Markdown preview plugin loads the renderer', async function () {
    this.timeout(60000);
    const outdir = mkdtempSync(path.join(os.tmpdir(), 'recap-bundle-'));
    const resolve = resolver._resolveFilename;
    resolver._resolveFilename = function (request: string, ...rest: unknown[]) {
      return request === 'vscode' ? path.join(ROOT, 'test', 'bench', 'vscodeStub.js') : resolve.call(this, request, ...rest);
    };
    try {
      const modulePath = path.join(ROOT, 'scripts', 'extensionBundle.mjs');
      const bundle = await import(modulePath) as BundleModule;
      await esbuild.build(bundle.extensionBuild({ ...COMMON, minify: true }, { production: true, outdir }));
      const extension = require(path.join(outdir, 'extension.js')) as BuiltExtension;
      const api = extension.activate({ subscriptions: [], globalStorageUri: { fsPath: outdir }, extensionUri: { fsPath: ROOT } });
      const loaded = () => Object.keys(require.cache).filter(file => file.startsWith(outdir)).map(file => path.relative(outdir, file));
      assert.ok(!loaded().includes(path.join('chunks', 'render.js')), loaded().join(', '));
      // VS Code's Markdown preview asks for the plugin synchronously: the renderer loads from dist/chunks/ then.
      const md = api.extendMarkdownIt(MarkdownItFactory());
      assert.ok(loaded().includes(path.join('chunks', 'render.js')));
      const html = md.render('{{< figure src="cover.webp" alt="Cover" >}}\n', { currentDocument: { scheme: 'file', fsPath: path.join(outdir, 'post.md') } });
      assert.match(html, /<figure class="recap-figure[^"]*"[^>]*><img src="cover\.webp" alt="Cover"/);
    } finally {
      resolver._resolveFilename = resolve;
      for (const file of Object.keys(require.cache)) if (file.startsWith(outdir)) delete require.cache[file];
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('keeps any-ascii, markdown-it, saxes, ical.js, the renderer and the schedule parser out of what activation loads', async () => {
    const { bundle, metafile } = await buildInMemory();
    assert.deepEqual(bundle.lazyLoadingProblems(metafile), []);
    const loaded = bundle.activationOutputs(metafile).flatMap(output => Object.keys(metafile.outputs[output].inputs));
    assert.ok(loaded.includes('src/core/lint/lint.ts'), 'the checks run at activation');
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
