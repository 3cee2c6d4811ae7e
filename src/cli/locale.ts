// The language of `recap`'s messages: `--locale`, else the POSIX locale (LC_ALL, LC_MESSAGES, LANG), and the
// bundle of that language shipped beside the CLI (l10n/bundle.l10n.<lang>.json, the extension's own bundles).
import * as l10n from '@vscode/l10n';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { languageFromPosixLocale } from '../core/text/locale';

/**
 * The language the environment asks for, as a BCP 47 tag: the first of LC_ALL, LC_MESSAGES and LANG that is set
 * (`fr_FR.UTF-8` → `fr-FR`, `de_AT@euro` → `de-AT`); `C`, `POSIX` or nothing → `en`.
 */
export function localeFromEnvironment(env: NodeJS.ProcessEnv = process.env): string {
  return languageFromPosixLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG) ?? 'en';
}

/**
 * The `--locale LANG` (or `--locale=LANG`) of a command line, not after `--` (where it would be a file name). Left in
 * the arguments: every command accepts it, and `recap render` also formats its dates with it.
 */
export function localeOption(args: string[]): string | undefined {
  let locale: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') break;
    if (arg === '--locale') locale = args[++i];
    else if (arg.startsWith('--locale=')) locale = arg.slice('--locale='.length);
  }
  return locale?.trim() || undefined;
}

/** Where the bundles are: l10n/ beside dist/ (the bundled CLI, dist/cli.js) or beside src/ (the sources, in tests). */
function bundleFolders(): string[] {
  return [path.join(__dirname, '..', 'l10n'), path.join(__dirname, '..', '..', 'l10n')];
}

/**
 * The translations for `locale` (`de-AT` falls back to `de`), or undefined for English and for a language without
 * a bundle (its messages stay English).
 */
export function bundleFor(locale: string, folders = bundleFolders()): Record<string, string> | undefined {
  const tag = locale.trim().replace(/_/g, '-').toLowerCase();
  const candidates = [...new Set([tag, tag.split('-')[0]])].filter(candidate => /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(candidate) && candidate !== 'en');
  for (const candidate of candidates) {
    for (const folder of folders) {
      let text: string;
      try {
        text = readFileSync(path.join(folder, `bundle.l10n.${candidate}.json`), 'utf8');
      } catch {
        continue;
      }
      return JSON.parse(text) as Record<string, string>;
    }
  }
  return undefined;
}

/** Makes `l10n.t` (the core's and the CLI's messages) speak `locale`; English when there is no bundle for it. */
export function useLocale(locale: string): void {
  l10n.config({ contents: bundleFor(locale) ?? {} });
}
