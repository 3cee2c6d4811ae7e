// `npm run bench`: figures, not pass/fail timings. Prints a table and writes test-results/bench.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { nodeFileHost } from '../../src/node/fileHost';
import { resolveConfig } from '../../src/core/site/config';
import { lint } from '../../src/core/lint/lint';
import { learnConventions, listPosts } from '../../src/core/site/postIndex';
import { findSite } from '../../src/core/site/site';
import { median, printFigures, timeMedian, type Figure } from './timing';

const ROOT = path.join(__dirname, '..', '..');
const figures: Figure[] = [];

/** A realistic long post: front matter with comments, then 5,000 lines of recap text. */
export function longPost(lines = 5000): string {
  const front = ['---', '# Recap of the weekend', 'title: "FOSDEM 2025: the observability devroom"', 'date: 2025-02-03', 'draft: false',
    'authors: [Jose Gomez-Selles, Roman Khavronenko]', 'tags: [fosdem, observability, prometheus]', 'categories: [conferences]',
    'images: ["/blog/fosdem-2025/cover.webp"]', 'summary: "What we saw at FOSDEM 2025."', '---', ''];
  const body: string[] = [];
  for (let i = 0; body.length < lines - front.length; i++) {
    body.push(`## Talk ${i}`, '', `[How to Monitor the Monitoring](https://fosdem.org/2025/schedule/event/fosdem-2025-${5000 + i}-talk/) by [Roman Khavronenko](https://fosdem.org/2025/schedule/speaker/roman_khavronenko/) was about *metrics* and \`PromQL\`.`,
      `{{<image href="/blog/fosdem-2025/talk-${i}.webp" alt="Slide ${i}">}}`, '', '- one point', '- another point', '');
  }
  return [...front, ...body].join('\n');
}

async function main(): Promise<void> {
  // `--only activation`: the production build and the activation figures alone (seconds, not minutes).
  if (process.argv.includes('--only') && process.argv[process.argv.indexOf('--only') + 1] === 'activation') {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--production'], { cwd: ROOT, stdio: 'ignore' });
    pushActivationFigures();
    printFigures(figures);
    return;
  }
  // 1. Front matter + lint of a 5,000-line post.
  const post = longPost();
  const config = resolveConfig({ detectedPreset: 'hugo' });
  const validation = timeMedian(200, () => lint({ text: post, config, filePath: '/site/content/posts/long.md', frontMatterOnly: true }), 5);
  figures.push({ name: 'front-matter validation of a 5,000-line post (median of 200)', value: validation, unit: 'ms', budget: '< 5 ms' });
  const fullLint = timeMedian(200, () => lint({ text: post, config, filePath: '/site/content/posts/long.md' }), 5);
  figures.push({ name: 'front matter + body checks of the same post, no site index (median of 200)', value: fullLint, unit: 'ms' });

  // 2. Index a generated site of 10,000 posts (walk + read + parse + learn conventions).
  const site = mkdtempSync(path.join(os.tmpdir(), 'recap-bench-site-'));
  try {
    writeFileSync(path.join(site, 'hugo.toml'), 'title = "bench"\n');
    for (let dir = 0; dir < 100; dir++) {
      const folder = path.join(site, 'content', 'posts', `section-${dir}`);
      mkdirSync(folder, { recursive: true });
      for (let i = 0; i < 100; i++) {
        writeFileSync(path.join(folder, `post-${i}.md`), `---\ntitle: "Post ${dir}-${i}"\ndate: 2025-02-0${1 + (i % 9)}\ndraft: false\ntags: [fosdem, t${i % 17}]\nauthors: [a${i % 5}]\n---\n\nBody ${i}.\n`);
      }
    }
    const info = await findSite(nodeFileHost, path.join(site, 'content', 'posts', 'section-0', 'post-0.md'));
    const start = performance.now();
    const files = await listPosts(nodeFileHost, info!);
    const conventions = await learnConventions(nodeFileHost, files);
    figures.push({ name: `index a site of ${conventions.size.toLocaleString('en')} posts`, value: performance.now() - start, unit: 'ms', budget: '< 3000 ms' });
  } finally {
    rmSync(site, { recursive: true, force: true });
  }

  // 3. VSIX size (its production build is also what the activation figures measure).
  execFileSync('npm', ['run', 'package', '--silent'], { cwd: ROOT, stdio: 'ignore' });
  const vsix = readdirSync(ROOT).find(f => f.endsWith('.vsix'));
  if (vsix) figures.push({ name: `VSIX size (${vsix})`, value: statSync(path.join(ROOT, vsix)).size / 1024, unit: 'KiB', budget: '< 1024 KiB' });

  // 4. Cold activation of the production bundle: load dist/extension.js and call activate() against a stub `vscode`,
  // beside loading markdown-it alone, each in fresh processes taking turns so that the machine's load hits both alike.
  pushActivationFigures();

  for (const extra of await extraBenches()) figures.push(extra);
  if (process.env.RECAP_BENCH_SKIP_VSCODE !== '1') figures.push(...measurePreviewLatency());

  printFigures(figures);
  mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'test-results', 'bench.json'), JSON.stringify(figures, null, 2));
}

/** The feature suites (body checks, schedule, renderer), each in a fresh process. */
async function extraBenches(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const suite of ['body', 'schedule', 'render', 'service', 'worst']) {
    const output = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'suite.ts'), suite, '--json'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 });
    figures.push(...JSON.parse(output.trim().split('\n').pop() ?? '[]') as Figure[]);
  }
  return figures;
}

/**
 * Edit → posted update in the extension, measured where it happens: the preview's latency test in a
 * real VS Code (code-server, newest), which writes test-results/preview-latency.json.
 */
function measurePreviewLatency(): Figure[] {
  const result = path.join(ROOT, 'test-results', 'preview-latency.json');
  rmSync(result, { force: true });
  const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'integration-tests.mjs')], {
    cwd: ROOT, encoding: 'utf8', timeout: 10 * 60 * 1000,
    env: { ...process.env, RECAP_VSCODE_VERSIONS: 'newest', RECAP_TEST_FILTER: 'preview', RECAP_TEST_GREP: 'latency', RECAP_SKIP_SELF_CHECK: '1', RECAP_SKIP_UI: '1' },
  });
  if (run.status !== 0 || !existsSync(result)) {
    console.error(`preview latency not measured: the VS Code run failed (exit ${run.status}).\n${String(run.stdout ?? '').split('\n').slice(-15).join('\n')}`);
    return [];
  }
  const figure = JSON.parse(readFileSync(result, 'utf8')) as { vscode: string; lines: number; delay: number; total: number; render: number; post: number };
  return [
    { name: `edit → posted update in the extension, ${figure.lines.toLocaleString('en')}-line post (VS Code ${figure.vscode}; median)`, value: figure.total, unit: 'ms' },
    { name: `  of which: debounce (recap.preview.delay) ${figure.delay} ms, render ${figure.render.toFixed(0)} ms, postMessage`, value: figure.post, unit: 'ms' },
  ];
}

function pushActivationFigures(): void {
  const activation = measureActivation();
  figures.push({ name: 'cold load + activate of dist/extension.js (stub vscode, fresh process; median of 9)', value: activation.activate, unit: 'ms', budget: '≤ markdown-it load' });
  figures.push({ name: '  beside it: require(\'markdown-it\') alone (fresh process; median of 9)', value: activation.markdownIt, unit: 'ms' });
  figures.push({ name: `  code activation loads: dist/extension.js and ${activation.files - 1} chunks (dist/chunks/)`, value: activation.bytes / 1024, unit: 'KiB', budget: '≤ 300 KiB' });
}

/** Median load + activate time, markdown-it's load time, and the files activation loaded from dist/ (count, bytes). */
function measureActivation(): { activate: number; markdownIt: number; files: number; bytes: number } {
  const dist = path.join(ROOT, 'dist');
  const activateScript = `
    const Module = require('module');
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? ${JSON.stringify(path.join(__dirname, 'vscodeStub.js'))} : resolve.call(this, request, ...rest); };
    const start = process.hrtime.bigint();
    const extension = require(${JSON.stringify(path.join(dist, 'extension.js'))});
    extension.activate({ subscriptions: [], globalStorageUri: { fsPath: require('os').tmpdir() }, extensionUri: { fsPath: '.' } });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const loaded = Object.keys(require.cache).filter(file => file.startsWith(${JSON.stringify(dist + path.sep)}));
    console.log(JSON.stringify({ ms, files: loaded.length, bytes: loaded.reduce((sum, file) => sum + require('fs').statSync(file).size, 0) }));`;
  const markdownItScript = `
    const start = process.hrtime.bigint();
    require(${JSON.stringify(require.resolve('markdown-it', { paths: [ROOT] }))});
    console.log(JSON.stringify({ ms: Number(process.hrtime.bigint() - start) / 1e6 }));`;
  const run = (script: string) => JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim()) as { ms: number; files?: number; bytes?: number };
  const activations: ReturnType<typeof run>[] = [];
  const markdownIt: number[] = [];
  for (let i = 0; i < 9; i++) {
    activations.push(run(activateScript));
    markdownIt.push(run(markdownItScript).ms);
  }
  const last = activations[activations.length - 1];
  return { activate: median(activations.map(a => a.ms)), markdownIt: median(markdownIt), files: last.files ?? 0, bytes: last.bytes ?? 0 };
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
