// shortcode/relref-not-found: a `{{< ref >}}` or `{{< relref >}}` whose target is no content file of the site
// (Hugo stops the build on it). Checked inside code too, as Hugo expands it there.
import * as l10n from '@vscode/l10n';
import { defineRules, type RawFinding } from '../../lint/rule';
import { getArg, getPositional } from '../shortcodes';
import { nearestContentRef, resolveContentRef, type SiteIndex } from '../../site/files';
import { missOnce, type BodyCheckContext, type Miss } from './context';

export const RELREF_RULES = defineRules(checkRelref, [
  { id: 'shortcode/relref-not-found', defaultLevel: 'error', description: 'A `ref`/`relref` target that is not a content file.' },
]);

function checkRelref(scan: BodyCheckContext): RawFinding[] {
  if (!scan.hugo || !scan.canResolve) return [];
  const index = scan.index as SiteIndex;
  const filePath = scan.filePath as string;
  const findings: RawFinding[] = [];
  const misses = new Map<string, Miss>();
  for (const token of scan.tokens) {
    if (token.comment || token.kind === 'close' || (token.name !== 'ref' && token.name !== 'relref')) continue;
    const target = getArg(token, 'path') ?? getPositional(token, 0);
    if (!target || target.quote === undefined || !target.value.trim()) continue;
    const miss = missOnce(misses, target.value,
      () => resolveContentRef(index, filePath, target.value),
      () => nearestContentRef(index, target.value));
    if (!miss) continue;
    const suggestion = miss.suggestion;
    findings.push({
      rule: 'shortcode/relref-not-found',
      message: suggestion
        ? l10n.t('`{shortcode}`: no content file matches; did you mean `{suggestion}`?', { shortcode: `${token.name} "${target.value}"`, suggestion })
        : l10n.t('`{shortcode}`: no content file matches.', { shortcode: `${token.name} "${target.value}"` }),
      start: target.valueStart, end: target.valueEnd,
      fixes: suggestion ? [{ title: l10n.t('Change to `{suggestion}`', { suggestion }), edits: [{ start: target.valueStart, end: target.valueEnd, newText: suggestion }], preferred: true }] : undefined,
    });
  }
  return findings;
}
