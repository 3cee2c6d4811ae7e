// One bench suite in a process of its own (`node --import tsx test/bench/suite.ts render`): a suite's
// figures are not skewed by the heap and JIT state another suite left behind. Prints its figures as JSON.
import type { Figure } from './timing';

const SUITES: Record<string, () => Promise<Figure[]>> = {
  body: async () => (await import('./body')).benchBody(),
  schedule: async () => (await import('./schedule')).benchSchedule(),
  render: async () => (await import('./render')).benchRender(),
};

const name = process.argv[2] ?? '';
const suite = SUITES[name];
if (!suite) {
  console.error(`usage: suite.ts ${Object.keys(SUITES).join('|')}`);
  process.exit(2);
}
suite().then(figures => process.stdout.write(`${JSON.stringify(figures)}\n`), error => {
  console.error(error);
  process.exit(1);
});
