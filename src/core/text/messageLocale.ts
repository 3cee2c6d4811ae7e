// The language the core's messages are written in: the configured @vscode/l10n bundle names it (its translation of
// this one key), so numbers inside messages are formatted as that language writes them ("1,234" / "1 234" / "1.234").
import * as l10n from '@vscode/l10n';

/** The BCP 47 tag of the configured bundle's language; `en` when none is configured. */
export function messageLocale(): string {
  const tag = l10n.t({ message: 'en', comment: ['The BCP 47 language tag of this translation (fr, de …): numbers in messages are formatted for it.'] });
  return isLocaleTag(tag) ? tag : 'en';
}

/** A number as the messages' language writes it. */
export function formatCount(n: number): string {
  return n.toLocaleString(messageLocale());
}

function isLocaleTag(tag: string): boolean {
  try {
    return Intl.NumberFormat.supportedLocalesOf([tag]).length > 0;
  } catch {
    return false;
  }
}

/**
 * The form of a counted phrase for `n` in the messages' language: `one` (`{0} file`) or `other` (`{0} files`), both
 * already translated. The language's plural rule picks (French counts 0 as one, English as other).
 */
export function counted(n: number, one: string, other: string): string {
  return new Intl.PluralRules(messageLocale()).select(n) === 'one' ? one : other;
}
