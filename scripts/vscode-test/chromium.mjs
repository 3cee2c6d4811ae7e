// Debian packages the code-server fallback needs, installed with apt when missing (as root), or one
// clear line saying what to install. Headless Chromium drives code-server in the tests (Debian's
// package: no browser download); code-server's own install needs libkrb5-dev (kerberos headers) and
// ripgrep (seeded into @vscode/ripgrep, whose postinstall would download it).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
/** What installing code-server needs (`npm run setup`). */
export const CODE_SERVER_PACKAGES = ['libkrb5-dev', 'ripgrep'];
/** What the tests need besides: the browser that drives code-server. */
export const TEST_PACKAGES = ['chromium', ...CODE_SERVER_PACKAGES];

function installed(name) {
  return spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).stdout?.includes('install ok installed') === true;
}

/** Installs the missing Debian `packages` with apt as root; elsewhere throws one line naming the command to run. */
export function ensureDebianPackages(packages, who = 'vscode-test') {
  const missing = packages.filter(name => !installed(name));
  if (missing.length === 0) return;
  if (!existsSync('/usr/bin/apt-get')) {
    throw new Error(`missing system packages: ${missing.join(' ')} — install them with your package manager (they are Debian's names)`);
  }
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')} — run: sudo apt-get install -y ${missing.join(' ')}`);
  }
  process.stderr.write(`[${who}] installing ${missing.join(' ')} with apt-get …\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
}

export function ensureChromium() {
  ensureDebianPackages(TEST_PACKAGES, 'integration');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing although the chromium package is installed; set CHROMIUM to the browser's path`);
}
