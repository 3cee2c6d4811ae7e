// The link rules, found in one pass over the Markdown links outside code: a target with spaces, which Markdown
// shows as plain text (link/malformed), and a web address without a scheme, which links to a page of this site
// instead (link/no-scheme). A malformed target is not also checked for its scheme.
import * as l10n from '@vscode/l10n';
import type { Fix } from '../../lint/findings';
import { defineRules, type RawFinding } from '../../lint/rule';
import type { BodyCheckContext } from './context';
import { isTitle, LINK_MD, parseDestination } from './references';

export const LINK_RULES = defineRules(checkLinks, [
  { id: 'link/no-scheme', defaultLevel: 'warning', description: 'A web address without `https://`, e.g. `[x](github.com/foo)`.' },
  { id: 'link/malformed', defaultLevel: 'warning', description: 'A link target with spaces, so Markdown shows the link as plain text.' },
]);

function checkLinks(scan: BodyCheckContext): RawFinding[] {
  const findings: RawFinding[] = [];
  const { masked, bodyStart } = scan;
  // Links (and images: `![x](…)` is `!` and a link) with broken targets.
  LINK_MD.lastIndex = bodyStart;
  for (let match = LINK_MD.exec(masked); match; match = LINK_MD.exec(masked)) {
    if (match.index > 0 && masked[match.index - 1] === '\\') continue;
    const linkText = match[1];
    const targetStart = match.index + 1 + linkText.length + 2;
    const target = match[2];
    if (target.includes('{{') || !target.trim()) continue;
    const dest = parseDestination(target, targetStart);
    const image = match.index > 0 && masked[match.index - 1] === '!';
    const whole = { start: image ? match.index - 1 : match.index, end: match.index + match[0].length };
    if (!isTitle(dest.rest)) {
      const fixes: Fix[] = [];
      const textUrl = linkText.trim();
      if (!image && (hasScheme(textUrl) || looksLikeDomain(textUrl))) {
        const url = hasScheme(textUrl) ? textUrl : `https://${textUrl}`;
        fixes.push({ title: l10n.t('Swap text and address: `{link}`', { link: `[${target.trim()}](${url})` }), edits: [{ start: match.index, end: whole.end, newText: `[${target.trim()}](${url})` }], preferred: true });
      }
      if (!/["'()]/.test(dest.rest) && (dest.dest.includes('/') || /\.[a-z0-9]{2,5}$/i.test(target.trim()))) {
        fixes.push({ title: l10n.t('Encode the spaces as `%20`'), edits: [{ start: targetStart, end: targetStart + target.length, newText: target.trim().replace(/\s+/g, '%20') }] });
      }
      findings.push({
        rule: 'link/malformed',
        message: (image
          ? l10n.t('`({target})` is not a link address (it has spaces): Markdown shows this image as plain text.', { target: target.trim() })
          : l10n.t('`({target})` is not a link address (it has spaces): Markdown shows this link as plain text.', { target: target.trim() }))
          + (fixes[0]?.preferred ? ` ${l10n.t('The text looks like the address: swapped?')}` : ''),
        start: targetStart, end: targetStart + target.length, fixes: fixes.length ? fixes : undefined,
      });
      continue;
    }
    if (!hasScheme(dest.dest) && looksLikeDomain(dest.dest)) {
      findings.push({
        rule: 'link/no-scheme',
        message: l10n.t('`{address}` looks like a web address but has no `https://`: it links to a page of this site instead.', { address: dest.dest }),
        start: dest.destStart, end: dest.destEnd,
        fixes: [{ title: l10n.t('Add `https://`'), edits: [{ start: dest.destStart, end: dest.destStart, newText: 'https://' }], preferred: true, safe: true }],
      });
    }
  }
  return findings;
}

/** Top-level domains a link address ends with (file extensions that are also TLDs — md, sh, py, rs, pl — left out). */
const TLDS = new Set(('com org net io dev app ai co me ly gl gg to tv fm so is it de fr be nl uk eu ch at es pt pl cz sk se no dk fi ie '
  + 'ru ua us ca mx br ar cl jp cn kr in au nz za info biz xyz tech cloud site blog page online store news social edu gov mil int '
  + 'hu ro gr tr il ae sg hk tw id vn th my ph lu li lt lv ee si hr ba bg by kz ge am az cc ws nu wiki host space live zone systems '
  + 'network digital media studio design foundation community events conference works tools software academy team world club link').split(' ').filter(Boolean));

function hasScheme(s: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(s);
}

/** `github.com/foo`, `www.example.org`, `bit.ly/x`: a host with a known top-level domain. */
export function looksLikeDomain(s: string): boolean {
  const match = /^(?:www\.)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+([a-z]{2,24}))(?::\d+)?(?:[/?#]\S*)?$/i.exec(s.trim());
  if (!match) return false;
  if (/^www\./i.test(s.trim())) return true;
  return TLDS.has(match[2].toLowerCase());
}
