// The web test entry (extensionTestsPath): VS Code for the Web calls run() in the extension host's web worker.
// mocha's browser build (as in VS Code's web extension samples); the suites are required after mocha.setup
// defines describe/it. scripts/web-tests.mjs bundles this file for the browser.
import 'mocha/mocha.js';

declare const RECAP_PROVE_FAILURE: boolean;

/** One line per test, and never mocha's "N passing"/"N failing" summary. */
class SelfCheckReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.on('pass', test => console.log(`  self-check: passed: ${test.fullTitle()}`));
    runner.on('fail', (test, error: Error) => console.log(`  self-check: failed: ${test.fullTitle()}: ${error.message}`));
  }
}

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    // The self-check's deliberate failure is reported in lines of its own, so CI's "N passing / N failing" tally
    // counts only real runs.
    mocha.setup({ ui: 'bdd', reporter: RECAP_PROVE_FAILURE ? SelfCheckReporter : undefined, timeout: 120_000 });
    if (RECAP_PROVE_FAILURE) {
      // The runner's self-check: a failing assertion in the worker must fail the run.
      it('deliberately failing assertion (self-check)', () => {
        throw new Error('this assertion fails on purpose: the runner expects a non-zero exit code');
      });
    } else {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('./recap.test');
    }
    mocha.run(failures => (failures > 0 ? reject(new Error(RECAP_PROVE_FAILURE ? 'self-check: the deliberate failure was seen' : `${failures} web test${failures === 1 ? '' : 's'} failed`)) : resolve()));
  });
}
