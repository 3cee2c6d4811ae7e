// Runs `recap …` in this process (the source, not the bundle), in a folder, and captures both streams.
import { main } from '../../src/cli/main';

export interface RecapRun { code: number; stdout: string; stderr: string }

/** Runs `recap …` with the given arguments in the current folder. */
export async function recap(...args: string[]): Promise<RecapRun> {
  const out = process.stdout.write;
  const err = process.stderr.write;
  let stdout = '';
  let stderr = '';
  process.stdout.write = ((chunk: string | Uint8Array) => { stdout += String(chunk); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => { stderr += String(chunk); return true; }) as typeof process.stderr.write;
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

/** Runs `recap …` in `cwd`. */
export async function recapIn(cwd: string, ...args: string[]): Promise<RecapRun> {
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    return await recap(...args);
  } finally {
    process.chdir(previous);
  }
}

/** Sets an environment variable for the tests of a `describe`, and puts the old value back after them. */
export function withEnv(name: string, value: () => string): void {
  let saved: string | undefined;
  before(() => { saved = process.env[name]; process.env[name] = value(); });
  after(() => { if (saved === undefined) delete process.env[name]; else process.env[name] = saved; });
}
