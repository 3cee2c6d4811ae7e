// The Hugo shortcode rules: broken tags (shortcode/syntax), names that nothing defines (shortcode/unknown) and
// tags left open or closed twice (shortcode/unclosed). Checked everywhere but in the `{{</* */>}}` comment form:
// Hugo expands shortcodes inside code too, so an unknown or unclosed one there breaks the build as well.
import * as l10n from '@vscode/l10n';
import type { Fix, TextEdit } from '../../lint/findings';
import { defineRules, type RawFinding } from '../../lint/rule';
import { BUILTIN_SHORTCODES, builtinPaired, closerOf, pairShortcodes, type ShortcodeToken } from '../shortcodes';
import { closestMatch, NAME_MATCH } from '../../text/similarity';
import type { BodyCheckContext } from './context';

export const SHORTCODE_RULES = [
  ...defineRules(checkSyntax, [
    { id: 'shortcode/syntax', defaultLevel: 'error', description: 'A broken shortcode tag: no closing `>}}`, an unterminated quote, mismatched delimiters.' },
  ]),
  ...defineRules(checkPairing, [
    { id: 'shortcode/unclosed', defaultLevel: 'error', description: 'A paired shortcode never closed, or a stray closing one.' },
  ]),
  ...defineRules(checkUnknown, [
    { id: 'shortcode/unknown', defaultLevel: 'error', description: 'A shortcode that neither the site, its themes nor Hugo defines.' },
  ]),
];

function checkSyntax(scan: BodyCheckContext): RawFinding[] {
  if (!scan.hugo) return [];
  const findings: RawFinding[] = [];
  for (const token of scan.tokens) {
    if (token.problem) findings.push({ rule: 'shortcode/syntax', message: token.problem, start: token.start, end: Math.max(token.nameEnd, Math.min(token.end, token.start + 3)) });
  }
  return findings;
}

/** Needs the site: without its templates, any name might be one of them. */
function checkUnknown(scan: BodyCheckContext): RawFinding[] {
  const index = scan.index;
  if (!scan.hugo || !index) return [];
  const findings: RawFinding[] = [];
  const known = new Set<string>([...BUILTIN_SHORTCODES.map(s => s.name), ...index.shortcodes.keys()]);
  for (const token of scan.tokens) {
    if (token.comment || !token.name || token.kind === 'close' || known.has(token.name)) continue;
    const inCode = scan.hidden(token.start);
    const suggestion = closestMatch(token.name, known, NAME_MATCH);
    const fixes: Fix[] | undefined = suggestion ? [{ title: l10n.t('Change to `{suggestion}`', { suggestion }), edits: renameEdits(scan.tokens, token, suggestion), preferred: true }] : undefined;
    findings.push({
      rule: 'shortcode/unknown',
      message: (suggestion
        ? l10n.t('No shortcode `{name}` in the site, its themes or Hugo; did you mean `{suggestion}`?', { name: token.name, suggestion })
        : l10n.t('No shortcode `{name}` in the site, its themes or Hugo.', { name: token.name }))
        + (inCode ? ` ${l10n.t('Hugo expands shortcodes inside code too: write `{{</* … */>}}` to show one.')}` : ''),
      start: token.nameStart, end: token.nameEnd, fixes,
    });
  }
  return findings;
}

function checkPairing(scan: BodyCheckContext): RawFinding[] {
  if (!scan.hugo) return [];
  const { text, index } = scan;
  const findings: RawFinding[] = [];
  const isPaired = (name: string): boolean | undefined => {
    const site = index?.shortcodes.get(name);
    return site ? site.paired : builtinPaired(name);
  };
  const paired = pairShortcodes(scan.tokens, isPaired);
  for (const open of paired.unclosed) {
    const closing = `{{${open.delimiter} /${open.name} ${closerOf(open.delimiter)}`;
    const paragraphEnd = endOfParagraph(text, open.end);
    findings.push({
      rule: 'shortcode/unclosed',
      message: l10n.t('`{name}` takes inner content and must be closed with `{closing}` (or self-closed with `/{closer}`).', { name: open.name, closing, closer: closerOf(open.delimiter) }),
      start: open.start, end: open.end,
      fixes: [{ title: l10n.t('Add `{closing}` after the paragraph', { closing }), edits: [{ start: paragraphEnd, end: paragraphEnd, newText: `${paragraphEnd === open.end ? '' : '\n'}${closing}` }] }],
    });
  }
  for (const { token, reason } of paired.stray) {
    findings.push({
      rule: 'shortcode/unclosed',
      message: reason === 'no-open'
        ? l10n.t('This closing `{name}` tag has no opening tag.', { name: token.name })
        : l10n.t('`{name}` takes no inner content (its template never reads `.Inner`), yet a closing tag is given: Hugo stops with an error.', { name: token.name }),
      start: token.start, end: token.end,
      fixes: [{ title: l10n.t('Remove the closing tag'), edits: [{ start: token.start, end: token.end, newText: '' }] }],
    });
  }
  return findings;
}

function renameEdits(tokens: ShortcodeToken[], token: ShortcodeToken, name: string): TextEdit[] {
  const edits = [{ start: token.nameStart, end: token.nameEnd, newText: name }];
  if (token.kind === 'open') {
    const close = pairShortcodes(tokens, () => undefined).pairs.find(pair => pair.open === token)?.close;
    if (close) edits.push({ start: close.nameStart, end: close.nameEnd, newText: name });
  }
  return edits;
}

function endOfParagraph(text: string, from: number): number {
  const match = /\r?\n[ \t]*\r?\n/.exec(text.slice(from));
  if (!match) return text.length;
  return from + match.index;
}
