// One bench suite in a process of its own: `node --import tsx test/bench/suite.ts render` prints its
// figures as a table (`--json`: as JSON, for run.ts), not skewed by the heap and JIT state another
// suite left behind.
import { printFigures, type Figure } from './timing';

const SUITES: Record<string, () => Promise<Figure[]>> = {
  body: async () => (await import('./body')).benchBody(),
  schedule: async () => (await import('./schedule')).benchSchedule(),
  render: async () => (await import('./render')).benchRender(),
  worst: async () => (await import('./worstCase')).benchWorstCase(),
  service: async () => (await import('./service')).benchService(),
};

const name = process.argv[2] ?? '';
const suite = SUITES[name];
if (!suite) {
  console.error(`usage: suite.ts ${Object.keys(SUITES).join('|')} [--json]`);
  process.exit(2);
}
suite().then(figures => {
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(figures)}\n`);
  else printFigures(figures);
}, error => {
  console.error(error);
  process.exit(1);
});
