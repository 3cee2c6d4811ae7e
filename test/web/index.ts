// The web test entry (extensionTestsPath): VS Code for the Web calls run() in the extension host's web worker.
// mocha's browser build (as in VS Code's web extension samples); the suites are required after mocha.setup
// defines describe/it. scripts/web-tests.mjs bundles this file for the browser.
import 'mocha/mocha.js';

declare const RECAP_PROVE_FAILURE: boolean;

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    mocha.setup({ ui: 'bdd', reporter: undefined, timeout: 120_000 });
    if (RECAP_PROVE_FAILURE) {
      // The runner's self-check: a failing assertion in the worker must fail the run.
      it('deliberately failing assertion (self-check)', () => {
        throw new Error('this assertion fails on purpose: the runner expects a non-zero exit code');
      });
    } else {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('./recap.test');
    }
    mocha.run(failures => (failures > 0 ? reject(new Error(`${failures} web test${failures === 1 ? '' : 's'} failed`)) : resolve()));
  });
}
