// src/core runs in the extension host, the CLI and a browser worker: it may import neither `vscode` nor
// Node. Two checks: every core file's syntax (imports, require, Node-only globals, with file and line),
// and esbuild bundling each core file for the browser, which fails on any Node builtin a dependency pulls in.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import * as ts from 'typescript';

const CORE = path.resolve(__dirname, '../../src/core');
const NODE_BUILTINS = new Set(builtinModules.filter(name => !name.startsWith('_')));
/** Globals that only Node has; `require` also covers `require.resolve`. */
const NODE_GLOBALS = new Set(['process', 'Buffer', 'require', '__dirname', '__filename', 'setImmediate', 'clearImmediate', 'global']);

function coreFiles(dir = CORE): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return coreFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function forbiddenModule(specifier: string): boolean {
  return specifier === 'vscode' || specifier.startsWith('node:') || NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(specifier.split('/')[0]);
}

/** `file:line: why` for each import of Node or vscode and each use of a Node-only global in `text`. */
function platformProblems(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const problems: string[] = [];
  const report = (node: ts.Node, why: string) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    problems.push(`${fileName}:${line}: ${why}`);
  };
  const checkSpecifier = (node: ts.Node, specifier: ts.Expression | undefined) => {
    if (specifier && ts.isStringLiteralLike(specifier) && forbiddenModule(specifier.text)) report(node, `imports '${specifier.text}'`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) checkSpecifier(node, node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) checkSpecifier(node, node.moduleReference.expression);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) checkSpecifier(node, node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) checkSpecifier(node, node.argument.literal as ts.Expression);
    else if (ts.isIdentifier(node) && NODE_GLOBALS.has(node.text) && isGlobalReference(node)) report(node, `uses Node's ${node.text}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

/** `process.env`, `Buffer.from(…)`, `require(…)`, `typeof process`, `new Buffer`, `__dirname`: not a property name or a declaration. */
function isGlobalReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if ((ts.isPropertyAccessExpression(parent) || ts.isQualifiedName(parent)) && node !== (ts.isPropertyAccessExpression(parent) ? parent.expression : parent.left)) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent) || ts.isMethodDeclaration(parent) || ts.isMethodSignature(parent)) && parent.name === node) return false;
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isFunctionDeclaration(parent) || ts.isBindingElement(parent)) && parent.name === node) return false;
  return true;
}

describe('src/core is platform-free', () => {
  it('finds Node and vscode imports and Node-only globals, with their line (the check itself)', () => {
    const sample = [
      "import * as path from 'node:path';",
      "import { readFile } from 'fs';",
      "import type * as vscode from 'vscode';",
      "export { join } from 'path/posix';",
      "const os = require('os');",
      'const home = process.env.HOME;',
      "const bytes = Buffer.from('x');",
      'setImmediate(() => undefined);',
      'const here = __dirname;',
      "const lazy = import('node:child_process');",
      'const ok = { process: 1, Buffer: 2 }.process + thing.process;',
      'function step(process: number) { return process; }',
      "import picomatch from 'picomatch';",
      "import * as pathe from 'pathe';",
      '// process.exit() in a comment, and a string: "Buffer.from"',
    ].join('\n');
    assert.deepEqual(platformProblems('sample.ts', sample), [
      "sample.ts:1: imports 'node:path'",
      "sample.ts:2: imports 'fs'",
      "sample.ts:3: imports 'vscode'",
      "sample.ts:4: imports 'path/posix'",
      "sample.ts:5: uses Node's require",
      "sample.ts:6: uses Node's process",
      "sample.ts:7: uses Node's Buffer",
      "sample.ts:8: uses Node's setImmediate",
      "sample.ts:9: uses Node's __dirname",
      "sample.ts:10: imports 'node:child_process'",
      // A parameter that shadows the global is still flagged where it is used: rename it.
      "sample.ts:12: uses Node's process",
    ]);
  });

  it('no core file imports Node or vscode, or uses a Node-only global', () => {
    const files = coreFiles();
    assert.ok(files.length > 50, `found only ${files.length} core files`);
    const problems = files.flatMap(file => platformProblems(path.relative(process.cwd(), file), fs.readFileSync(file, 'utf8')));
    assert.deepEqual(problems, [], `src/core must run in a browser worker:\n${problems.join('\n')}`);
  });

  it('every core file bundles for the browser with its dependencies, which pull in no Node builtin', async () => {
    const result = await esbuild.build({
      entryPoints: coreFiles(), bundle: true, platform: 'browser', format: 'esm', write: false, outdir: 'browser-check',
      metafile: true, logLevel: 'silent',
    }).catch((error: esbuild.BuildFailure) => error);
    const messages = result.errors.map(e => `${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text}`);
    assert.deepEqual(messages, [], `src/core must bundle for the browser:\n${messages.join('\n')}`);
    const inputs = Object.keys('metafile' in result ? result.metafile?.inputs ?? {} : {});
    assert.ok(inputs.some(input => input.includes('node_modules/markdown-it/')), 'the bundle should include the core’s dependencies');
    assert.deepEqual(inputs.filter(input => forbiddenModule(input)), []);
  });

  it('the browser bundle fails on a Node builtin that a file pulls in (the check itself)', async () => {
    const failure = await esbuild.build({
      stdin: { contents: "import { readFileSync } from 'fs'; export const read = readFileSync;", resolveDir: CORE, sourcefile: 'sample.ts', loader: 'ts' },
      bundle: true, platform: 'browser', write: false, logLevel: 'silent',
    }).then(() => undefined, (error: esbuild.BuildFailure) => error);
    assert.ok(failure, 'esbuild bundled fs for the browser');
    assert.match(failure.errors[0].text, /Could not resolve "fs"/);
  });
});

describe('the browser entry (src/web/extension.ts) is Node-free', () => {
  it('bundles for a web worker, and none of its source files imports Node or uses a Node-only global', async () => {
    const result = await esbuild.build({
      entryPoints: [path.resolve(__dirname, '../../src/web/extension.ts')], bundle: true, platform: 'browser', format: 'cjs', write: false,
      outdir: 'web-check', metafile: true, logLevel: 'silent', external: ['vscode'], mainFields: ['browser', 'module', 'main'],
      alias: { yaml: './node_modules/yaml/browser/index.js' }, absWorkingDir: path.resolve(__dirname, '../..'),
    }).catch((error: esbuild.BuildFailure) => error);
    const messages = result.errors.map(e => `${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text}`);
    assert.deepEqual(messages, [], `the browser entry must bundle for a web worker:\n${messages.join('\n')}`);
    const sources = Object.keys('metafile' in result ? result.metafile?.inputs ?? {} : {}).filter(input => input.startsWith('src/'));
    assert.ok(sources.includes('src/features/schedules.ts') && sources.includes('src/web/platform.ts'), sources.join('\n'));
    // `vscode` is the host's module in the worker too, and a require() of a relative path is bundled (the built-in
    // preview's synchronous load of the renderer); everything else Node has is absent there.
    const problems = sources.flatMap(file => {
      const lines = fs.readFileSync(path.resolve(__dirname, '../..', file), 'utf8').split('\n');
      return platformProblems(file, lines.join('\n')).filter(problem => {
        if (problem.endsWith("imports 'vscode'")) return false;
        const line = Number(/:(\d+): /.exec(problem)?.[1]);
        return !(problem.endsWith("uses Node's require") && /\brequire\('\.\.?\//.test(lines[line - 1] ?? ''));
      });
    });
    assert.deepEqual(problems, [], `the browser entry runs in a web worker:\n${problems.join('\n')}`);
  });
});
