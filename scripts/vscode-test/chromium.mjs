// Headless Chromium for driving code-server: Debian's package (no browser download). As root it is
// installed with apt when missing; otherwise a clear message says what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const PACKAGES = ['chromium', 'libkrb5-dev', 'ripgrep'];

export function ensureChromium() {
  const missing = PACKAGES.filter(name => spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).stdout?.includes('install ok installed') !== true);
  if (missing.length === 0 && existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages for the code-server fallback: ${missing.join(' ')} — run: sudo apt-get install -y ${missing.join(' ')}`);
  }
  process.stderr.write(`[integration] installing ${missing.join(' ')} with apt-get …\n`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}
