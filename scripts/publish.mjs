// Publishes the extension to the Visual Studio Marketplace (vsce, token in VSCE_PAT) and to Open VSX (ovsx,
// token in OVSX_PAT), from one VSIX built and checked here. `--dry-run` needs no token: it packages into a
// temporary folder and runs every check (vsce's own while packaging, then ours on the VSIX: files, icon,
// walkthrough media, README images, engines, Open VSX's manifest and licence checks), and publishes nothing.
//
//   npm run release                    both registries (needs VSCE_PAT and OVSX_PAT)
//   npm run release -- --dry-run       package and validate only (CI runs this)
//   npm run release -- --marketplace-only | --open-vsx-only | --pre-release
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import vsce from '@vscode/vsce';
import MarkdownIt from 'markdown-it';
import ovsx from 'ovsx';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** What must never ship: sources, tests, tooling, source maps, local test installs and results. */
const FORBIDDEN = [/^src\//, /^test\//, /^out\//, /^scripts\//, /^node_modules\//, /^\.vscode-test/, /^test-results\//, /^media\/src\//,
  /\.map$/, /(?<!\.d)\.ts$/, /\.vsix$/, /^\.github\//, /^tsconfig/];
/** What must ship besides the icon and the walkthrough's media. */
const REQUIRED = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/extension.js', 'dist/cli.js', 'dist/webview/preview.js'];
/** The marketplace accepts at most 30 tags (its keywords). */
const MAX_KEYWORDS = 30;

/** Width and height of a PNG (from its IHDR chunk), or undefined when the bytes are not a PNG. */
export function pngSize(bytes) {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((byte, i) => bytes[i] !== byte) || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The files of a ZIP archive (a VSIX): name → contents, read through its central directory. */
export function readZip(zip) {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a ZIP archive (no end of central directory)');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('broken ZIP central directory');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    if (!name.endsWith('/')) files.set(name, method === 0 ? data : inflateRawSync(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** The image sources of a Markdown text, as a Markdown renderer sees them: `![alt](src)` and `<img src="…">` (not in code). */
export function readmeImages(markdown) {
  const sources = [];
  const visit = tokens => {
    for (const token of tokens) {
      if (token.type === 'image') sources.push(token.attrGet('src'));
      else if (token.type === 'html_block' || token.type === 'html_inline') sources.push(...[...token.content.matchAll(/<img[^>]+src=["']([^"']+)["']/gi)].map(match => match[1]));
      if (token.children) visit(token.children);
    }
  };
  visit(new MarkdownIt({ html: true }).parse(markdown, {}));
  return sources;
}

/** Every media file the walkthroughs name (images with their theme variants, SVGs, Markdown). */
export function walkthroughMedia(manifest) {
  const files = [];
  for (const walkthrough of manifest.contributes?.walkthroughs ?? []) {
    for (const step of walkthrough.steps ?? []) {
      const media = step.media ?? {};
      const image = typeof media.image === 'string' ? [media.image] : Object.values(media.image ?? {});
      files.push(...image, ...[media.svg, media.markdown].filter(Boolean));
    }
  }
  return files;
}

/** The problems of a packaged VSIX (an empty list when it is ready to publish). */
export function checkVsix(files, { sourceReadme, isTracked }) {
  const problems = [];
  const manifestBytes = files.get('extension/package.json');
  if (!manifestBytes) return ['extension/package.json is missing from the VSIX'];
  if (!files.has('extension.vsixmanifest')) problems.push('extension.vsixmanifest is missing from the VSIX');
  const manifest = JSON.parse(manifestBytes.toString('utf8'));
  // vsce stores README.md as readme.md, CHANGELOG.md as changelog.md and LICENSE as LICENSE.txt.
  const names = new Set([...files.keys()].map(name => name.toLowerCase()));
  const shipped = name => {
    const wanted = `extension/${path.posix.normalize(name.replace(/^\.\//, ''))}`.toLowerCase();
    return names.has(wanted) || (/\/license$/.test(wanted) && names.has(`${wanted}.txt`));
  };

  for (const name of files.keys()) {
    const relative = name.replace(/^extension\//, '');
    if (name.startsWith('extension/') && FORBIDDEN.some(pattern => pattern.test(relative))) problems.push(`${relative} should not be in the VSIX`);
  }
  for (const name of REQUIRED) if (!shipped(name)) problems.push(`${name} is missing from the VSIX`);
  for (const entry of [manifest.main, manifest.browser].filter(Boolean)) if (!shipped(entry.endsWith('.js') ? entry : `${entry}.js`)) problems.push(`the entry point ${entry} is missing from the VSIX`);

  // The icon: a PNG (the marketplace refuses SVG icons) of 128×128 pixels.
  if (!manifest.icon) problems.push('package.json has no icon');
  else if (!shipped(manifest.icon)) problems.push(`the icon ${manifest.icon} is missing from the VSIX`);
  else {
    const size = pngSize(files.get(`extension/${path.posix.normalize(manifest.icon)}`));
    if (!size) problems.push(`the icon ${manifest.icon} is not a PNG`);
    else if (size.width !== 128 || size.height !== 128) problems.push(`the icon ${manifest.icon} is ${size.width}×${size.height}, not 128×128`);
  }
  if (!/^#[0-9a-f]{6}$/i.test(manifest.galleryBanner?.color ?? '') || !['dark', 'light'].includes(manifest.galleryBanner?.theme)) {
    problems.push('galleryBanner needs a color (#rrggbb) and a theme (dark or light)');
  }
  for (const field of ['displayName', 'description', 'publisher', 'license', 'repository', 'homepage', 'bugs']) if (!manifest[field]) problems.push(`package.json has no ${field}`);
  if ((manifest.keywords ?? []).length > MAX_KEYWORDS) problems.push(`${manifest.keywords.length} keywords: the marketplace takes at most ${MAX_KEYWORDS}`);
  if (!/^\^?\d+\.\d+\.\d+$/.test(manifest.engines?.vscode ?? '')) problems.push(`engines.vscode should be a minimum version like ^1.100.0, not ${manifest.engines?.vscode}`);

  // The walkthrough: every step can be done (a completion event), described for screen readers, and its media shipped.
  for (const walkthrough of manifest.contributes?.walkthroughs ?? []) {
    for (const step of walkthrough.steps ?? []) {
      if (!(step.completionEvents?.length > 0)) problems.push(`walkthrough step ${step.id} has no completionEvents`);
      if ((step.media?.image || step.media?.svg) && !step.media.altText) problems.push(`walkthrough step ${step.id} has no altText`);
    }
  }
  for (const media of walkthroughMedia(manifest)) if (!shipped(media)) problems.push(`the walkthrough's ${media} is missing from the VSIX`);

  // README images: vsce rewrites relative ones to the repository's raw files, so they must be committed;
  // the marketplace shows only https images, and no SVG.
  for (const src of readmeImages(sourceReadme)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(src)) {
      if (!src.startsWith('https:')) problems.push(`README image ${src} is not https`);
    } else if (!isTracked(src)) problems.push(`README image ${src} is not committed (the marketplace shows it from the repository)`);
    if (/\.svg(?:$|[?#])/i.test(src)) problems.push(`README image ${src} is an SVG, which the marketplace refuses`);
  }
  const packagedReadme = files.get('extension/readme.md') ?? files.get('extension/README.md');
  if (packagedReadme) for (const src of readmeImages(packagedReadme.toString('utf8'))) if (!src.startsWith('https:')) problems.push(`the packaged README still has the image ${src}, which the marketplace cannot show`);
  return problems;
}

function log(message) {
  process.stderr.write(`[publish] ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${path.basename(command)} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

async function main(argv) {
  const dryRun = argv.includes('--dry-run');
  const preRelease = argv.includes('--pre-release');
  const targets = { marketplace: !argv.includes('--open-vsx-only'), openVsx: !argv.includes('--marketplace-only') };
  const unknown = argv.filter(arg => !['--dry-run', '--pre-release', '--open-vsx-only', '--marketplace-only'].includes(arg));
  if (unknown.length > 0 || (!targets.marketplace && !targets.openVsx)) {
    log(`usage: node scripts/publish.mjs [--dry-run] [--pre-release] [--marketplace-only | --open-vsx-only]${unknown.length ? ` (unknown: ${unknown.join(' ')})` : ''}`);
    return 2;
  }
  if (!dryRun) {
    const missing = [targets.marketplace && !process.env.VSCE_PAT && 'VSCE_PAT (a Visual Studio Marketplace personal access token with the Marketplace › Manage scope)',
      targets.openVsx && !process.env.OVSX_PAT && 'OVSX_PAT (an Open VSX access token, from open-vsx.org › Settings › Access Tokens)'].filter(Boolean);
    if (missing.length > 0) {
      log(`refusing to publish without ${missing.join(' and ')}. Set ${missing.length > 1 ? 'them' : 'it'} in the environment, or run with --dry-run to package and validate only.`);
      return 2;
    }
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim();
    if (dirty) {
      log(`refusing to publish uncommitted changes (the marketplace shows README images from the repository):\n${dirty}`);
      return 2;
    }
  }

  const started = Date.now();
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  // A release is always a fresh production build; a dry run checks the packaging of whatever build is there.
  if (!dryRun) run(process.execPath, ['scripts/build.mjs', '--production']);
  else if (!existsSync(path.join(ROOT, 'dist', 'extension.js'))) run(process.execPath, ['scripts/build.mjs']);

  // `vsce ls`: what .vscodeignore lets through.
  const listed = await vsce.listFiles({ cwd: ROOT, dependencies: false });
  const leaked = listed.filter(file => FORBIDDEN.some(pattern => pattern.test(file.replace(/\\/g, '/'))));
  if (leaked.length > 0) {
    log(`.vscodeignore lets through files that must not ship:\n  ${leaked.join('\n  ')}`);
    return 1;
  }
  log(`vsce ls: ${listed.length} files, none from src/, test/, scripts/, node_modules/ or source maps`);

  const temp = mkdtempSync(path.join(os.tmpdir(), 'recap-publish-'));
  try {
    const vsix = path.join(temp, `${manifest.name}-${manifest.version}.vsix`);
    // vsce's own checks run here (manifest fields, engines against @types/vscode, README images, SVG icons …).
    await vsce.createVSIX({ cwd: ROOT, packagePath: vsix, dependencies: false, preRelease });
    const files = readZip(readFileSync(vsix));
    const isTracked = file => spawnSync('git', ['ls-files', '--error-unmatch', '--', path.posix.normalize(file)], { cwd: ROOT }).status === 0;
    const problems = checkVsix(files, { sourceReadme: readFileSync(path.join(ROOT, 'README.md'), 'utf8'), isTracked });
    // Open VSX: its manifest checks and its licence rule (ovsx has no offline dry run; these are its own functions).
    try {
      ovsx.validateManifest(manifest);
      if (!(await ovsx.isLicenseOk(ROOT, manifest))) problems.push('Open VSX requires a licence (package.json license or a LICENSE file)');
    } catch (error) {
      problems.push(`Open VSX: ${error.message}`);
    }
    if (problems.length > 0) {
      log(`the VSIX is not ready to publish:\n  ${problems.join('\n  ')}`);
      return 1;
    }
    const size = statSync(vsix).size;
    log(`${path.basename(vsix)}: ${files.size} files, ${(size / 1024).toFixed(0)} KiB; icon, walkthrough media, README images, engines and Open VSX checks pass`);
    if (dryRun) {
      log(`dry run: would publish ${manifest.publisher}.${manifest.name} ${manifest.version}${preRelease ? ' (pre-release)' : ''} to ${[targets.marketplace && 'the Visual Studio Marketplace', targets.openVsx && 'Open VSX'].filter(Boolean).join(' and ')} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      return 0;
    }
    const bin = name => path.join(ROOT, 'node_modules', '.bin', name);
    // --skip-duplicate: after a failure on one registry, running again publishes to the other only.
    if (targets.marketplace) run(bin('vsce'), ['publish', '--packagePath', vsix, '--skip-duplicate', ...(preRelease ? ['--pre-release'] : [])]);
    if (targets.openVsx) run(bin('ovsx'), ['publish', vsix, '--skip-duplicate', ...(preRelease ? ['--pre-release'] : [])]);
    log(`published ${manifest.publisher}.${manifest.name} ${manifest.version}`);
    return 0;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main(process.argv.slice(2)).then(code => { process.exitCode = code; }, error => {
    log(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
