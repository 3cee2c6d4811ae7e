// The `file/…` rules: a post that was not checked, or only in part.
import { defineRules } from './rule';
import { MAX_POST_BYTES } from './postSize';

/**
 * The `file/…` rules say a post was not (fully) checked: one that could not be read at all is an error. No check of
 * their own: what reads the post reports them (the reader: unreadable, not UTF-8; lint: NUL characters, too large).
 */
export const FILE_RULES = defineRules(undefined, [
  { id: 'file/not-text', defaultLevel: 'error', description: 'A post that is not text (NUL characters: a binary file named .md) or, in `recap check`, not valid UTF-8: it is not checked.' },
  { id: 'file/unreadable', defaultLevel: 'error', description: '`recap check`: a post that cannot be read (a symlink loop, a broken link, no permission).' },
  { id: 'file/too-large', defaultLevel: 'warning', description: `A post over ${MAX_POST_BYTES / 1024 / 1024} MB: only its front matter and its first ${MAX_POST_BYTES / 1024 / 1024} MB are checked.` },
]);
