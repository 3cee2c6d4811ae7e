// image/missing-alt and image/not-found: one pass over the post's images — image shortcodes (Hugo), `![](…)`,
// `<img>` and the front matter's image keys — asking of each whether it has alt text and whether its path is a file.
import * as l10n from '@vscode/l10n';
import * as path from 'pathe';
import { escapeSnippetText, type Fix } from '../../lint/findings';
import { defineRules, type RawFinding } from '../../lint/rule';
import { getArg } from '../shortcodes';
import { cleanRef, isExternalRef, isImagePath, nearestImage, resolveImage, type SiteIndex } from '../../site/files';
import { missOnce, type BodyCheckContext, type Miss } from './context';
import { htmlAttr, IMAGE_MD, IMG_TAG, isTitle, parseDestination } from './references';

/** Shortcodes that show an image, when the site's own templates are not known. */
const IMAGE_SHORTCODE_NAMES = new Set(['figure', 'image', 'img', 'picture', 'imgproc', 'gallery-image']);
/** Argument names that hold an image path. */
export const IMAGE_ARG_NAMES = new Set(['src', 'href', 'image', 'img', 'source', 'file', 'path', 'url', 'cover', 'thumbnail', 'poster']);

export const IMAGE_RULES = defineRules(checkImages, [
  { id: 'image/missing-alt', defaultLevel: 'warning', description: 'An image shortcode, `![](…)` or `<img>` without alt text.' },
  { id: 'image/not-found', defaultLevel: 'warning', description: 'An image path (body or front matter) that resolves to no file in the site.' },
]);

/** Is `name` a shortcode that renders an image with an `alt`? */
function isImageShortcode(name: string, index: SiteIndex | undefined): boolean {
  const site = index?.shortcodes.get(name);
  if (site) return site.params.includes('alt');
  if (name === 'figure') return true;
  return !index && IMAGE_SHORTCODE_NAMES.has(name);
}

function altPlaceholder(ref: string): string {
  const base = path.basename(ref.split(/[?#]/)[0] ?? '').replace(/\.[a-z0-9]+$/i, '');
  return base.replace(/[-_]+/g, ' ').trim() || 'description';
}

function checkImages(scan: BodyCheckContext): RawFinding[] {
  const findings: RawFinding[] = [];
  const { index, filePath, masked, bodyStart } = scan;
  const imageMisses = new Map<string, Miss>();
  const checkImageRef = (value: string, start: number, end: number, where: string) => {
    if (!scan.canResolve) return;
    const miss = missOnce(imageMisses, value,
      () => isExternalRef(value) ? { external: true } : resolveImage(index as SiteIndex, filePath as string, value),
      () => nearestImage(index as SiteIndex, filePath as string, value));
    if (!miss) return;
    const suggestion = miss.suggestion;
    const fixes: Fix[] | undefined = suggestion ? [{ title: l10n.t('Change to `{suggestion}`', { suggestion }), edits: [{ start, end, newText: suggestion }], preferred: true }] : undefined;
    const inStatic = value.trim().startsWith('/');
    const sameName = suggestion && path.basename(suggestion) === path.basename(cleanRef(value));
    const args = { where, value, suggestion: suggestion ?? '' };
    // Whole sentences per case (where it looked × what it suggests), so each translates as one.
    const message = !suggestion
      ? inStatic ? l10n.t('{where} `{value}` matches no file in the static folders.', args) : l10n.t('{where} `{value}` matches no file in the post’s folder.', args)
      : sameName
        ? inStatic ? l10n.t('{where} `{value}` matches no file in the static folders; the site has it at `{suggestion}`.', args) : l10n.t('{where} `{value}` matches no file in the post’s folder; the site has it at `{suggestion}`.', args)
        : inStatic ? l10n.t('{where} `{value}` matches no file in the static folders; did you mean `{suggestion}`?', args) : l10n.t('{where} `{value}` matches no file in the post’s folder; did you mean `{suggestion}`?', args);
    findings.push({ rule: 'image/not-found', message, start, end, fixes });
  };

  // Image shortcodes (Hugo only), outside code and HTML comments.
  if (scan.hugo) {
    for (const token of scan.tokens) {
      if (token.comment || !token.name || token.kind === 'close' || scan.hidden(token.start)) continue;
      if (isImageShortcode(token.name, index)) {
        const alt = getArg(token, 'alt');
        const captioned = token.name === 'figure' && !index?.shortcodes.get('figure') && getArg(token, 'caption')?.value.trim();
        if (!alt && !captioned && !token.unterminated && !token.args.some(arg => arg.name === undefined)) {
          const insertAt = token.args.length > 0 ? token.args[token.args.length - 1].end : token.nameEnd;
          findings.push({
            rule: 'image/missing-alt',
            message: l10n.t('The `{name}` image has no `alt` text: screen readers and search engines get nothing.', { name: token.name }),
            start: token.start, end: token.end,
            fixes: [{ title: l10n.t('Add `alt=""`'), edits: [{ start: insertAt, end: insertAt, newText: ' alt=""' }], snippet: ' alt="$1"', preferred: true }],
          });
        }
      }
      for (const arg of token.args) {
        if (!arg.name || !IMAGE_ARG_NAMES.has(arg.name) || arg.quote === undefined) continue;
        const figureSrc = token.name === 'figure' && arg.name === 'src';
        if (!figureSrc && !isImagePath(arg.value)) continue;
        checkImageRef(arg.value, arg.valueStart, arg.valueEnd, l10n.t('The `{shortcode}` {parameter}', { shortcode: token.name, parameter: arg.name }));
      }
    }
  }

  // Markdown images.
  IMAGE_MD.lastIndex = bodyStart;
  for (let match = IMAGE_MD.exec(masked); match; match = IMAGE_MD.exec(masked)) {
    const altText = match[1];
    const targetStart = match.index + 2 + altText.length + 2;
    const dest = parseDestination(match[2], targetStart);
    if (!altText.trim()) {
      const placeholder = altPlaceholder(dest.dest);
      findings.push({
        rule: 'image/missing-alt', message: l10n.t('This image has no alt text (`![]`): screen readers and search engines get nothing.'),
        start: match.index, end: match.index + match[0].length,
        fixes: [{ title: l10n.t('Add alt text'), edits: [{ start: match.index + 2, end: match.index + 2 + altText.length, newText: placeholder }], snippet: `\${1:${escapeSnippetText(placeholder)}}`, preferred: true }],
      });
    }
    if (isTitle(dest.rest) && !dest.dest.includes('{{')) checkImageRef(dest.dest, dest.destStart, dest.destEnd, l10n.t('The image'));
  }

  // Raw <img> tags.
  IMG_TAG.lastIndex = bodyStart;
  for (let match = IMG_TAG.exec(masked); match; match = IMG_TAG.exec(masked)) {
    const tag = match[0];
    if (!/\salt\s*=/i.test(tag)) {
      const insertAt = match.index + 4;
      findings.push({
        rule: 'image/missing-alt', message: l10n.t('This `<img>` has no `alt` attribute: screen readers and search engines get nothing.'),
        start: match.index, end: match.index + tag.length,
        fixes: [{ title: l10n.t('Add `alt=""`'), edits: [{ start: insertAt, end: insertAt, newText: ' alt=""' }], snippet: ' alt="$1"', preferred: true }],
      });
    }
    const src = htmlAttr(tag, 'src');
    if (src) checkImageRef(src.value, match.index + src.start, match.index + src.end, l10n.t('The image'));
  }

  // Front-matter images.
  for (const image of scan.frontMatterImages ?? []) checkImageRef(image.value, image.start, image.end, l10n.t('The front-matter image'));
  return findings;
}
