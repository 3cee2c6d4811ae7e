// The extension host's test entry (extensionTestsPath): runs every compiled *.test.js beside it with mocha.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type MochaType from 'mocha';

export function run(): Promise<void> {
  // mocha is resolved at run time from the repository's node_modules (it is not bundled).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Mocha = require('mocha') as typeof MochaType;
  const provingFailure = process.env.RECAP_PROVE_FAILURE === '1';
  /** Prints one line per test, and never mocha's "N passing"/"N failing" summary. */
  class SelfCheckReporter extends Mocha.reporters.Base {
    constructor(runner: MochaType.Runner, options?: MochaType.MochaOptions) {
      super(runner, options);
      runner.on('pass', test => console.log(`  self-check: passed: ${test.fullTitle()}`));
      runner.on('fail', (test, error: Error) => console.log(`  self-check: failed: ${test.fullTitle()}: ${error.message}`));
    }
  }
  // The self-check's deliberate failure is reported with the terse "dot" reporter, relabelled, so CI's
  // "N passing / N failing" tally counts only real runs.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 120000, reporter: provingFailure ? SelfCheckReporter : 'spec' });
  // `npm run bench` runs only the test that measures the preview's latency.
  if (process.env.RECAP_TEST_GREP) mocha.grep(process.env.RECAP_TEST_GREP);
  const only = process.env.RECAP_TEST_FILTER;
  for (const file of fs.readdirSync(__dirname).filter(name => name.endsWith('.test.js')).sort()) {
    // trust.test.js needs an untrusted folder: only the Restricted Mode run (RECAP_TEST_FILTER=trust) has one.
    if (only ? file.includes(only) : !file.startsWith('trust.')) mocha.addFile(path.join(__dirname, file));
  }
  if (provingFailure) {
    // The harness's self-check: a failing assertion in the extension host must fail the run.
    mocha.suite.addTest(new Mocha.Test('deliberately failing assertion (self-check)', () => {
      throw new Error('this assertion fails on purpose: the harness expects a non-zero exit code');
    }));
  }
  return new Promise((resolve, reject) => {
    mocha.run(failures => (failures > 0 ? reject(new Error(`${failures} integration test${failures === 1 ? '' : 's'} failed`)) : resolve()));
  });
}
