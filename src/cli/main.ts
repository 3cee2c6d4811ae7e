// `recap`: the extension's core from the command line, for CI and other editors.
import * as l10n from '@vscode/l10n';
import { checkUsage, runCheck } from './check';
import { localeFromEnvironment, localeOption, useLocale } from './locale';
import { newUsage, runNew } from './new';
import { renderUsage, runRender } from './render';
import { runTalks, talksUsage } from './talks';
import { UsageError } from './usage';

export { UsageError } from './usage';

interface Command {
  run: (args: string[]) => Promise<number>;
  /** Its line in `recap --help`, then its options (functions: the texts are in the language chosen at start). */
  usage: () => string;
  exitCodes: () => string;
}

const COMMANDS: Record<string, Command> = {
  check: { run: runCheck, usage: checkUsage, exitCodes: () => l10n.t('0 no errors (after --fix: none left), 1 errors found, 2 bad usage or a post that could not be checked.') },
  talks: { run: runTalks, usage: talksUsage, exitCodes: () => l10n.t('0 done, 1 schedule unavailable, 2 bad usage.') },
  new: { run: runNew, usage: newUsage, exitCodes: () => l10n.t('0 post written, 1 schedule unavailable or no talk found, 2 bad usage.') },
  render: { run: runRender, usage: renderUsage, exitCodes: () => l10n.t('0 page written, 1 unreadable post, 2 bad usage.') },
};

/** `recap --help`: the commands, one line each. */
export function usage(): string {
  return l10n.t('Usage: recap <command> [options]\n\nCommands:\n{commands}\n\n`recap <command> --help` shows a command\'s options. `recap --version` prints the version. `--locale LANG` (fr, de …) chooses the language of the messages; the default is the one of LC_ALL, LC_MESSAGES or LANG.', {
    commands: Object.values(COMMANDS).map(command => command.usage().split('\n')[0]).join('\n'),
  });
}

/** `recap <command> --help`: that command's options and exit codes only. */
export function commandUsage(name: string): string {
  const command = COMMANDS[name];
  const [first, ...options] = command.usage().split('\n');
  const [synopsis, description] = first.trim().split(/\s{2,}/);
  return l10n.t('Usage: recap {synopsis}\n\n{description}\n\nOptions:\n{options}\n\nExit codes: {exitCodes}', { synopsis, description, options: options.join('\n'), exitCodes: command.exitCodes() });
}

/** `--help` or `-h` among a command's options (not after `--`, where it would be a file name). */
function asksForHelp(args: string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

export async function main(argv: string[]): Promise<number> {
  useLocale(localeOption(argv) ?? localeFromEnvironment());
  try {
    return await runCommand(argv);
  } finally {
    // Back to English: the unit tests run main() in the process that runs the core's tests.
    useLocale('en');
  }
}

async function runCommand(argv: string[]): Promise<number> {
  // `recap --locale fr check …`: the option may come before the command too.
  const leading = argv[0] === '--locale' ? 2 : argv[0]?.startsWith('--locale=') ? 1 : 0;
  // Handed on to the command (which accepts it too: `recap render` also formats its dates with it).
  const [command, ...commandArgs] = argv.slice(leading);
  const rest = [...argv.slice(0, leading), ...commandArgs];
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    // `recap help check` is `recap check --help`.
    if (command === 'help' && rest[0] && Object.hasOwn(COMMANDS, rest[0])) {
      process.stdout.write(`${commandUsage(rest[0])}\n`);
      return 0;
    }
    process.stdout.write(`${usage()}\n`);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${RECAP_VERSION}\n`);
    return 0;
  }
  if (!Object.hasOwn(COMMANDS, command)) {
    process.stderr.write(`recap: ${l10n.t('unknown command "{command}"', { command })}\n\n${usage()}\n`);
    return 2;
  }
  if (asksForHelp(rest)) {
    process.stdout.write(`${commandUsage(command)}\n`);
    return 0;
  }
  try {
    return await COMMANDS[command].run(rest);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`recap ${command}: ${error.message}\n\n${commandUsage(command)}\n`);
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
