// src/core has no import cycle at run time. Modules evaluate top-level values from their imports (the rule registry
// gathers every domain's rules, the configuration reads the registry's defaults): in a cycle one of them would read
// an import not yet evaluated, and which one depends on what the editor, the CLI or a worker loads first.
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const CORE = path.resolve(__dirname, '../../src/core');

function coreFiles(dir = CORE): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? coreFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Each cycle as `a -> b -> a`, found by a depth-first walk of `graph`. */
function cyclesOf(graph: Map<string, string[]>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].join(' -> '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('src/core imports', () => {
  it('finds a cycle (the check itself)', () => {
    assert.deepEqual(cyclesOf(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]])), ['a -> b -> c -> a']);
    assert.deepEqual(cyclesOf(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]])), []);
  });

  it('have no cycle at run time (type-only imports aside)', async () => {
    // esbuild drops the imports that TypeScript erases, so its metafile is the run-time graph.
    const result = await esbuild.build({
      entryPoints: coreFiles(), bundle: true, packages: 'external', platform: 'browser', format: 'esm', write: false, outdir: 'cycle-check', metafile: true, logLevel: 'silent',
    });
    const graph = new Map(Object.entries(result.metafile.inputs).map(([file, input]) => [file, input.imports.filter(i => !i.external).map(i => i.path)]));
    assert.ok(graph.size > 50);
    assert.deepEqual(cyclesOf(graph), []);
  });
});
