// `npm run test:integration`: the integration suite in a real VS Code, on the minimum supported version
// and on the newest, then a self-check (a failing test must fail the run) and the UI smoke test.
// VS Code desktop is downloaded by @vscode/test-electron where it can be; where it cannot (no internet),
// code-server from npm stands in, driven by headless Chromium (scripts/vscode-test/).
//
// Then the Restricted Mode run: an untrusted folder (scripts/vscode-test/trustRun.mjs, test/integration/trust.test.ts).
//
// Environment: RECAP_VSCODE_VERSIONS=1.100|newest|1.100,newest (default both)
//              RECAP_SKIP_UI=1 (no UI smoke test), RECAP_SKIP_SELF_CHECK=1, RECAP_SKIP_TRUST=1, RECAP_SKIP_L10N=1 (no French run),
//              RECAP_FORCE_CODE_SERVER=1
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { CACHE, ROOT, TARGETS, ensureCodeServer } from './vscode-test/codeServer.mjs';
import { ensureChromium } from './vscode-test/chromium.mjs';
import { prepareTrustRun } from './vscode-test/trustRun.mjs';
import { runUiSmokeTest } from './vscode-test/uiSmoke.mjs';

const TESTS = path.join(ROOT, 'out', 'test', 'integration', 'index.js');
const SHIM = path.join(ROOT, 'scripts', 'vscode-test', 'codeShim.cjs');
const FIXTURE_SITE = path.join(ROOT, 'test', 'fixtures', 'site');
const DESKTOP_VERSIONS = { '1.100': '1.100.3', newest: 'stable' };

function log(message) {
  process.stderr.write(`[integration] ${message}\n`);
}

/** A fresh copy of the fixture site for each run: tests may edit and save files. */
function freshWorkspace() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'recap-workspace-'));
  cpSync(FIXTURE_SITE, dir, { recursive: true });
  return dir;
}

/** Can the VS Code desktop be downloaded here? Decided once, quickly. */
async function desktopAvailable() {
  if (process.env.RECAP_FORCE_CODE_SERVER === '1') return false;
  try {
    const attempt = downloadAndUnzipVSCode({ version: DESKTOP_VERSIONS['1.100'], cachePath: CACHE, timeout: 15000 });
    await Promise.race([attempt, new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 30000))]);
    return true;
  } catch (error) {
    log(`VS Code desktop cannot be downloaded (${String(error?.message ?? error).split('\n')[0]}); using code-server from npm instead`);
    return false;
  }
}

/**
 * VS Code takes a `--locale` only when a language pack for it is installed; without one it falls back to English
 * (vscode.env.language = 'en'). The pack's entry in the user data folder's languagepacks.json, with an empty
 * translation of VS Code's own strings, makes VS Code resolve the language as a French user's would: our
 * extension then speaks French (package.nls.fr.json, l10n/bundle.l10n.fr.json) while VS Code's UI stays English.
 */
function stubLanguagePack(userData, locale) {
  const translations = path.join(userData, 'stub-language-pack', 'main.i18n.json');
  mkdirSync(path.dirname(translations), { recursive: true });
  writeFileSync(translations, JSON.stringify({ contents: {} }));
  writeFileSync(path.join(userData, 'languagepacks.json'), JSON.stringify({
    [locale]: { hash: `stub-${locale}`, label: locale, extensions: [{ extensionIdentifier: { id: `stub.language-pack-${locale}` }, version: '0.0.0' }], translations: { vscode: translations } },
  }));
}

/**
 * The palette rows of the commands offered everywhere (no `when` in menus.commandPalette), as a user of `language`
 * reads them: "Recap: Vérifier tous les articles". code-server's run reads them in the workbench after the tests.
 */
function paletteLabels(language) {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const texts = JSON.parse(readFileSync(path.join(ROOT, `package.nls.${language}.json`), 'utf8'));
  const text = value => value.replace(/^%(.+)%$/, (whole, key) => texts[key] ?? whole);
  const restricted = new Set((manifest.contributes.menus?.commandPalette ?? []).map(entry => entry.command));
  return manifest.contributes.commands.filter(command => !restricted.has(command.command)).map(command => `${text(command.category)}: ${text(command.title)}`);
}

/**
 * The walkthrough's title and the titles of the steps shown with a folder open (no `when`, or one that holds
 * with a folder), as a user of `language` reads them; code-server's run opens it in the workbench after the tests.
 */
function walkthroughTexts(language) {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const texts = JSON.parse(readFileSync(path.join(ROOT, `package.nls.${language}.json`), 'utf8'));
  const text = value => value.replace(/^%(.+)%$/, (whole, key) => texts[key] ?? whole);
  const [walkthrough] = manifest.contributes.walkthroughs;
  const steps = walkthrough.steps.filter(step => step.when !== 'workspaceFolderCount == 0').map(step => text(step.title));
  return { title: text(walkthrough.title), steps: [...new Set(steps)] };
}

/**
 * `prepare(workspace, userData)` may write settings before VS Code starts and add to the tests' environment;
 * `locale` runs VS Code with that UI language (`--locale`).
 */
async function runSuite(target, desktop, extraEnv = {}, prepare = async () => ({}), { locale } = {}) {
  const localeArgs = locale ? [`--locale=${locale}`] : [];
  const workspace = freshWorkspace();
  const userData = mkdtempSync(path.join(os.tmpdir(), 'recap-user-'));
  const started = Date.now();
  if (locale) stubLanguagePack(userData, locale);
  try {
    extraEnv = { ...extraEnv, ...(await prepare(workspace, userData)) };
    if (desktop) {
      const vscodeExecutablePath = await downloadAndUnzipVSCode({ version: DESKTOP_VERSIONS[target], cachePath: CACHE });
      return await runTests({ vscodeExecutablePath, extensionDevelopmentPath: ROOT, extensionTestsPath: TESTS, extensionTestsEnv: extraEnv,
        launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${userData}`, ...localeArgs] });
    }
    const server = ensureCodeServer(target);
    return await runTests({
      vscodeExecutablePath: SHIM, extensionDevelopmentPath: ROOT, extensionTestsPath: TESTS,
      extensionTestsEnv: { ...server.env, ...extraEnv, RECAP_CODE_SERVER_BIN: server.bin, RECAP_VSCODE_VERSION: server.version },
      launchArgs: [workspace, `--user-data-dir=${userData}`, `--extensions-dir=${path.join(userData, 'extensions')}`, ...localeArgs],
    });
  } catch (error) {
    // runTests rejects with TestRunFailedError when the tests fail: report, then fail the run.
    log(`${TARGETS[target].label}: ${String(error?.message ?? error)}`);
    return typeof error?.code === 'number' && error.code !== 0 ? error.code : 1;
  } finally {
    log(`${TARGETS[target].label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    rmSync(workspace, { recursive: true, force: true });
    rmSync(userData, { recursive: true, force: true });
  }
}

async function main() {
  if (!existsSync(TESTS)) throw new Error('out/test/integration/index.js is missing: run `npm run build` first');
  const targets = (process.env.RECAP_VSCODE_VERSIONS || '1.100,newest').split(',').map(t => t.trim()).filter(Boolean);
  for (const target of targets) if (!TARGETS[target]) throw new Error(`RECAP_VSCODE_VERSIONS: unknown target "${target}" (use ${Object.keys(TARGETS).join(', ')})`);
  const desktop = await desktopAvailable();
  if (!desktop) ensureChromium();
  const failures = [];

  for (const target of targets) {
    log(`running the integration suite on ${TARGETS[target].label}${desktop ? '' : ' (code-server)'}`);
    const code = await runSuite(target, desktop);
    if (code !== 0) failures.push(`${TARGETS[target].label}: exit ${code}`);
  }

  if (process.env.RECAP_SKIP_TRUST !== '1') {
    // In code-server even where a desktop VS Code is at hand: @vscode/test-electron always disables workspace trust.
    const target = targets.includes('1.100') ? '1.100' : targets[0];
    log(`Restricted Mode run on ${TARGETS[target].label} (code-server): an untrusted folder whose settings name a schedule URL and a stylesheet`);
    let ready = true;
    if (desktop) {
      // A machine with the desktop VS Code may lack what code-server needs (Debian's chromium): say so, go on.
      try {
        ensureChromium();
        ensureCodeServer(target);
      } catch (error) {
        ready = false;
        log(`Restricted Mode run skipped: ${String(error?.message ?? error).split('\n')[0]}`);
      }
    }
    if (ready) {
      let trust;
      const code = await runSuite(target, false, {}, async (workspace, userData) => {
        trust = await prepareTrustRun(workspace, userData);
        return trust.env;
      });
      const reached = trust ? await trust.finish() : [];
      if (code !== 0) failures.push(`Restricted Mode run: exit ${code}`);
      if (reached.length > 0) failures.push(`Restricted Mode run: the folder's URLs were contacted: ${reached.join(', ')}`);
    }
  }

  // Skipped when RECAP_TEST_FILTER picks other suites.
  const filter = process.env.RECAP_TEST_FILTER;
  if (process.env.RECAP_SKIP_L10N !== '1' && (!filter || 'l10n.test.js'.includes(filter))) {
    // A French user's first run: the UI language French, only the language suite (test/integration/l10n.test.ts);
    // then, in code-server, the palette's commands and the walkthrough as the user reads them.
    log(`the author's language: test/integration/l10n.test.ts with the UI language French on ${TARGETS[targets[0]].label}`);
    const code = await runSuite(targets[0], desktop, { RECAP_TEST_FILTER: 'l10n', RECAP_EXPECT_LANGUAGE: 'fr', RECAP_PALETTE_EXPECT: JSON.stringify(paletteLabels('fr')), RECAP_WALKTHROUGH_EXPECT: JSON.stringify(walkthroughTexts('fr')) }, undefined, { locale: 'fr' });
    if (code !== 0) failures.push(`French UI (${TARGETS[targets[0]].label}): exit ${code}`);
  }

  if (process.env.RECAP_SKIP_SELF_CHECK !== '1') {
    // Prove that a failing assertion inside the extension host fails the run (and so `npm test`).
    log('self-check: a deliberately failing test must make the run fail');
    const code = await runSuite(targets[0], desktop, { RECAP_PROVE_FAILURE: '1', RECAP_TEST_FILTER: 'activation' });
    if (code === 0) failures.push('self-check: a deliberately failing test did NOT fail the run');
    else log(`self-check passed: the deliberately failing test made the run exit ${code}`);
  }

  if (process.env.RECAP_SKIP_UI !== '1') {
    if (desktop) log('UI smoke test: needs code-server (browser-driven); skipped with a desktop VS Code');
    else {
      const target = targets.includes('newest') ? 'newest' : targets[0];
      log(`UI smoke test on ${TARGETS[target].label}: install the VSIX, run a command from the palette, screenshot`);
      const packaged = spawnSync('npm', ['run', 'package', '--silent'], { cwd: ROOT, stdio: 'inherit' });
      if (packaged.status !== 0) failures.push('UI smoke test: `npm run package` failed');
      else {
        const ok = await runUiSmokeTest({ server: ensureCodeServer(target), workspace: freshWorkspace() });
        if (!ok) failures.push(`UI smoke test on ${TARGETS[target].label} failed`);
      }
    }
  }

  if (failures.length > 0) {
    log(`FAILED:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  log('all integration runs passed');
}

main().catch(error => {
  log(error?.stack ?? String(error));
  process.exit(1);
});
