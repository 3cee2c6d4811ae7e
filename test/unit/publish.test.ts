// The marketplace release path (scripts/publish.mjs): the dry run packages a VSIX and validates it, as CI does
// on every `npm test`; a real run refuses without tokens; the VSIX checks catch what the marketplaces refuse.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'publish.mjs');

interface PublishModule {
  pngSize(bytes: Buffer): { width: number; height: number } | undefined;
  readmeImages(markdown: string): string[];
  checkVsix(files: Map<string, Buffer>, options: { sourceReadme: string; isTracked: (file: string) => boolean }): string[];
  walkthroughMedia(manifest: unknown): string[];
}
const load = () => import(SCRIPT) as Promise<PublishModule>;

/** Runs the script to its end (no time limit here: mocha's bound catches a hang). */
function runScript(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', chunk => { output += chunk; });
    child.stderr.on('data', chunk => { output += chunk; });
    child.on('error', reject);
    child.on('close', code => resolve({ code, output }));
  });
}

function withoutTokens(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.VSCE_PAT;
  delete env.OVSX_PAT;
  delete env.npm_command;
  return env;
}

/** A VSIX's files as the dry run sees them, from this checkout (the big bundles replaced by a line). */
function goodVsix(walkthroughMedia: string[]): Map<string, Buffer> {
  const manifest = readFileSync(path.join(ROOT, 'package.json'));
  const { icon, main, browser } = JSON.parse(manifest.toString('utf8')) as { icon: string; main: string; browser?: string };
  const files = new Map<string, Buffer>([
    ['extension.vsixmanifest', Buffer.from('<PackageManifest/>')],
    ['extension/package.json', manifest],
    ['extension/readme.md', Buffer.from('![Shot](https://github.com/o/r/raw/HEAD/docs/screenshot.png)\n')],
    ['extension/changelog.md', Buffer.from('# Changelog\n')],
    ['extension/LICENSE.txt', Buffer.from('MIT\n')],
    [`extension/${icon}`, readFileSync(path.join(ROOT, icon))],
  ]);
  const entries = [main, browser].filter((entry): entry is string => entry !== undefined).map(entry => path.posix.normalize(entry));
  for (const file of ['dist/extension.js', 'dist/cli.js', 'dist/webview/preview.js', ...entries]) files.set(`extension/${file}`, Buffer.from('// bundle\n'));
  for (const media of walkthroughMedia) files.set(`extension/${media}`, readFileSync(path.join(ROOT, media)));
  return files;
}

describe('publishing (scripts/publish.mjs)', () => {
  it('refuses a real run without VSCE_PAT and OVSX_PAT, naming both, before building anything', async () => {
    const { code, output } = await runScript([], withoutTokens());
    assert.equal(code, 2, output);
    assert.match(output, /refusing to publish without VSCE_PAT .* and OVSX_PAT/);
    assert.doesNotMatch(output, /vsce ls|Packaged/);
  });

  it('--dry-run packages the VSIX and passes every check (vsce, icon, walkthrough media, README images, Open VSX)', async function () {
    this.timeout(180000);
    const { code, output } = await runScript(['--dry-run'], withoutTokens());
    assert.equal(code, 0, output);
    assert.match(output, /vsce ls: \d+ files, none from src\//);
    assert.match(output, /would publish conference-recap\.conference-recap .* to the Visual Studio Marketplace and Open VSX/);
  });

  it('reads the icon as a 128×128 PNG and finds README images outside code only', async () => {
    const { pngSize, readmeImages } = await load();
    assert.deepEqual(pngSize(readFileSync(path.join(ROOT, 'media', 'icon.png'))), { width: 128, height: 128 });
    assert.equal(pngSize(Buffer.from('<svg/>')), undefined);
    assert.deepEqual(readmeImages('![a](docs/a.png)\n\n`![b](b.png)`\n\n    ![c](c.png)\n\n<img src="https://x.test/d.png">\n'), ['docs/a.png', 'https://x.test/d.png']);
  });

  it('flags what the marketplaces refuse or show broken', async () => {
    const { checkVsix, walkthroughMedia } = await load();
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { icon: string; keywords: string[]; contributes: { walkthroughs: { steps: { id: string; completionEvents?: string[] }[] }[] } };
    const media = walkthroughMedia(manifest);
    assert.ok(media.length >= 5, media.join());
    const options = { sourceReadme: '![Shot](docs/screenshot.png)\n', isTracked: (file: string) => file === 'docs/screenshot.png' };
    assert.deepEqual(checkVsix(goodVsix(media), options), []);

    const broken = goodVsix(media);
    broken.set(`extension/${manifest.icon}`, readFileSync(path.join(ROOT, media.find(file => file.endsWith('.png'))!)));
    broken.delete(`extension/${media[0]}`);
    broken.set('extension/src/extension.ts', Buffer.from(''));
    broken.set('extension/dist/extension.js.map', Buffer.from(''));
    manifest.keywords = Array.from({ length: 31 }, (_, i) => `k${i}`);
    delete manifest.contributes.walkthroughs[0].steps[1].completionEvents;
    broken.set('extension/package.json', Buffer.from(JSON.stringify(manifest)));
    const problems = checkVsix(broken, { sourceReadme: '![a](http://x.test/a.png) ![b](docs/new.png) ![c](https://x.test/c.svg)\n', isTracked: () => false });
    for (const expected of [/^the icon media\/icon\.png is \d+×\d+, not 128×128$/, new RegExp(`^the walkthrough's ${media[0]} is missing`), /^src\/extension\.ts should not be in the VSIX$/,
      /^dist\/extension\.js\.map should not be in the VSIX$/, /^31 keywords/, /^walkthrough step \w+ has no completionEvents$/, /^README image http:\/\/x\.test\/a\.png is not https$/,
      /^README image docs\/new\.png is not committed/, /^README image https:\/\/x\.test\/c\.svg is an SVG/]) {
      assert.ok(problems.some(problem => expected.test(problem)), `${expected} in:\n${problems.join('\n')}`);
    }
  });
});
