// `recap`: the extension's core from the command line, for CI and other editors.
import { runCheck } from './check';
import { NEW_USAGE, runNew } from './new';
import { RENDER_USAGE, runRender } from './render';
import { runTalks, TALKS_USAGE } from './talks';

export const USAGE = `Usage: recap <command> [options]

Commands:
  check [paths or globs…]   Check posts (front matter, shortcodes, images, links) like the editor does.
      --format text|json    Output format (default: text).
      --config FILE         Use this .recap.json instead of the site's own.
      --rule RULE=SEVERITY  Change a rule's severity (error|warning|info|hint|off); repeatable.
      --hints               Also print hint-level findings (hidden by default, like faint hints in the editor).
      --year YYYY | --schedule FILE|URL  Also check talk links against that FOSDEM year's (or that) schedule.
${TALKS_USAGE}
${NEW_USAGE}
${RENDER_USAGE}

Exit codes: 0 no errors, 1 errors found (talks, new: schedule unavailable or no talk found; render: unreadable post), 2 bad usage.`;

export class UsageError extends Error {}

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  check: runCheck,
  talks: runTalks,
  render: runRender,
  new: runNew,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${RECAP_VERSION}\n`);
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`recap: unknown command "${command}"\n\n${USAGE}\n`);
    return 2;
  }
  try {
    return await run(rest);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`recap ${command}: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`recap ${command}: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return 2;
  }
}

declare const RECAP_VERSION: string;

if (require.main === module) {
  // `recap check … | head`: the reader has all it wants once it closes the pipe; stop quietly, as Unix tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  main(process.argv.slice(2)).then(code => { process.exitCode = code; });
}
