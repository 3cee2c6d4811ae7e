// The terminal's language, for dates the CLI writes when neither the post nor the site names one.
import { languageFromPosixLocale } from '../core/text/locale';

/** `LC_ALL`, then `LC_TIME`, then `LANG` (POSIX order for dates): `fr_FR.UTF-8` → `fr-FR`; `C` gives undefined. */
export function terminalLanguage(env: Record<string, string | undefined> = process.env): string | undefined {
  return languageFromPosixLocale(env.LC_ALL || env.LC_TIME || env.LANG);
}
