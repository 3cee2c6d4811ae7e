import * as assert from 'node:assert/strict';
import { promises as fsPromises, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** A document as the checker reads it, for the stub. */
interface StubDocument {
  uri: { fsPath: string; scheme: string; toString(): string };
  languageId: string;
  version: number;
  isClosed: boolean;
  getText(): string;
  positionAt(offset: number): unknown;
}

/** What activate() returns, as far as these tests use it. */
interface BuiltExtension {
  activate(context: unknown): {
    extendMarkdownIt(md: MarkdownIt): MarkdownIt;
    testing?: { checker: { checkNow(document: StubDocument): Promise<{ findings: { rule: string }[] } | undefined> }; errors: { messages: string[] } };
  };
}

/** Node's resolver, which the test points at a stub for `vscode`. */
const resolver = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };

/** The bench's stub of `vscode`, with a workspace.fs over the disk, no workspace folder, and the test mode. */
function vscodeStub(): object {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bench = require(path.join(ROOT, 'test', 'bench', 'vscodeStub.js')) as { workspace: object; window: object };
  const fileType = (stats: { isDirectory(): boolean }) => stats.isDirectory() ? 2 : 1;
  const workspace = Object.assign(Object.create(bench.workspace) as object, {
    fs: {
      readFile: async (uri: { fsPath: string }) => new Uint8Array(await fsPromises.readFile(uri.fsPath)),
      stat: async (uri: { fsPath: string }) => { const stats = await fsPromises.stat(uri.fsPath); return { type: fileType(stats), size: stats.size }; },
      readDirectory: async (uri: { fsPath: string }) => (await fsPromises.readdir(uri.fsPath, { withFileTypes: true })).map(entry => [entry.name, fileType(entry)]),
    },
    getWorkspaceFolder: () => undefined,
  });
  const window = Object.assign(Object.create(bench.window) as object, { createOutputChannel: () => ({ error() {}, appendLine() {}, dispose() {} }) });
  return Object.assign(Object.create(bench) as object, { workspace, window, ExtensionMode: { Production: 1, Development: 2, Test: 3 } });
}

describe('the extension bundle: activation loads only what it needs', () => {
  it('built as in the VSIX, activates without the checks or the renderer; the first check and the Markdown preview plugin load them', async function () {
    this.timeout(60000);
    const outdir = mkdtempSync(path.join(os.tmpdir(), 'recap-bundle-'));
    const stubFile = path.join(outdir, 'vscode-stub.js');
    const stub = new Module(stubFile);
    stub.exports = vscodeStub();
    stub.loaded = true;
    require.cache[stubFile] = stub;
    const resolve = resolver._resolveFilename;
    resolver._resolveFilename = function (request: string, ...rest: unknown[]) {
      return request === 'vscode' ? stubFile : resolve.call(this, request, ...rest);
    };
    try {
      const modulePath = path.join(ROOT, 'scripts', 'extensionBundle.mjs');
      const bundle = await import(modulePath) as BundleModule;
      const { metafile } = await esbuild.build(bundle.extensionBuild({ ...COMMON, minify: true }, { production: true, outdir }));
      /** The files of dist/ (here: outdir) that hold a module: the one it is bundled into. */
      const fileOf = (input: string) => Object.entries(metafile!.outputs).filter(([, output]) => Object.keys(output.inputs).some(name => name.startsWith(input))).map(([output]) => path.resolve(ROOT, output));
      const loaded = () => new Set(Object.keys(require.cache).filter(file => file.startsWith(outdir) && file !== stubFile));
      const isLoaded = (input: string) => { const files = fileOf(input); assert.ok(files.length > 0, `${input} is not in the bundle`); return files.some(file => loaded().has(file)); };

      const extension = require(path.join(outdir, 'extension.js')) as BuiltExtension;
      const api = extension.activate({ subscriptions: [], globalStorageUri: { fsPath: outdir }, extensionUri: { fsPath: ROOT }, extensionMode: 3 });
      for (const lazy of ['src/core/lint/lint.ts', 'node_modules/yaml/', 'node_modules/markdown-it/', 'src/core/render/render.ts']) assert.ok(!isLoaded(lazy), `${lazy} loaded at activation: ${[...loaded()].join(', ')}`);

      // The first check loads the checks (and yaml, for the front matter), not the renderer.
      const site = path.join(outdir, 'site');
      mkdirSync(path.join(site, 'content', 'posts'), { recursive: true });
      writeFileSync(path.join(site, 'hugo.toml'), 'title = "Site"\n');
      const post = path.join(site, 'content', 'posts', 'post.md');
      const text = '---\ntitle: "A post"\ndate: 2025-02-31\n---\n\n{{< figure src="missing.webp" alt="Missing" >}}\n';
      writeFileSync(post, text);
      const document: StubDocument = {
        uri: { fsPath: post, scheme: 'file', toString: () => `file://${post}` }, languageId: 'markdown', version: 1, isClosed: false,
        getText: () => text, positionAt: offset => ({ offset }),
      };
      const analysis = await api.testing!.checker.checkNow(document);
      assert.deepEqual(api.testing!.errors.messages, []);
      assert.deepEqual(analysis?.findings.map(finding => finding.rule).sort(), ['frontmatter/date', 'image/not-found']);
      assert.ok(isLoaded('src/core/lint/lint.ts') && isLoaded('node_modules/yaml/'));
      assert.ok(!isLoaded('node_modules/markdown-it/'));

      // VS Code's Markdown preview asks for the plugin synchronously: the renderer loads from dist/chunks/ then.
      const md = api.extendMarkdownIt(MarkdownItFactory());
      assert.ok(loaded().has(path.join(outdir, 'chunks', 'render.js')));
      const html = md.render('{{< figure src="cover.webp" alt="Cover" >}}\n', { currentDocument: { scheme: 'file', fsPath: path.join(outdir, 'post.md') } });
      assert.match(html, /<figure class="recap-figure[^"]*"[^>]*><img src="cover\.webp" alt="Cover"/);
    } finally {
      resolver._resolveFilename = resolve;
      for (const file of Object.keys(require.cache)) if (file.startsWith(outdir)) delete require.cache[file];
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('keeps the checks and their parsers, the renderer, the schedule parser and the calendar reader out of what activation loads', async () => {
    const { bundle, metafile } = await buildInMemory();
    assert.deepEqual(bundle.lazyLoadingProblems(metafile), []);
    const loaded = bundle.activationOutputs(metafile).flatMap(output => Object.keys(metafile.outputs[output].inputs));
    const bundled = Object.values(metafile.outputs).flatMap(output => Object.keys(output.inputs));
    for (const lazy of bundle.LAZY_MODULES) {
      assert.ok(!loaded.some(input => input.startsWith(lazy)), lazy);
      // A name that matches nothing in the bundle (moved, renamed) would guard nothing.
      assert.ok(bundled.some(input => input.startsWith(lazy)), `${lazy} is not in the bundle`);
    }
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

  it('fails the build when a static import would load the checks at activation', async () => {
    // As if src/extension.ts imported the linter again instead of leaving it to the first check.
    const staticLint: esbuild.Plugin = {
      name: 'static-lint',
      setup(build) {
        build.onLoad({ filter: /[\\/]src[\\/]extension\.ts$/ }, args => ({
          contents: `${readFileSync(args.path, 'utf8')}\nimport { lint } from './core/lint/lint';\nexport const eagerLint = lint;\n`,
          loader: 'ts',
        }));
      },
    };
    const { bundle, metafile } = await buildInMemory(options => { options.plugins = [staticLint, ...options.plugins ?? []]; });
    const problems = bundle.lazyLoadingProblems(metafile);
    for (const lazy of ['src/core/lint/lint.ts', 'node_modules/yaml/', 'node_modules/smol-toml/', 'node_modules/picomatch/']) {
      assert.ok(problems.some(problem => problem.startsWith(lazy)), `${lazy}:\n${problems.join('\n')}`);
    }
  });
});
