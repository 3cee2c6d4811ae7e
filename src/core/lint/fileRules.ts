// The `file/…` rules: a post that was not checked, or only in part. Their own module so that the rule
// registry (config.ts) and lint.ts can both use them without importing each other.
import type { Severity } from './findings';
import { MAX_POST_BYTES } from './postSize';

/** The `file/…` rules say a post was not (fully) checked: one that could not be read at all is an error. In RULES' shape. */
export const FILE_RULES = {
  'file/not-text': { severity: 'error', description: 'A post that is not text (NUL characters: a binary file named .md) or, in `recap check`, not valid UTF-8: it is not checked.' },
  'file/unreadable': { severity: 'error', description: '`recap check`: a post that cannot be read (a symlink loop, a broken link, no permission).' },
  'file/too-large': { severity: 'warning', description: `A post over ${MAX_POST_BYTES / 1024 / 1024} MB: only its front matter and its first ${MAX_POST_BYTES / 1024 / 1024} MB are checked.` },
} as const satisfies Record<string, { severity: Severity; description: string }>;
