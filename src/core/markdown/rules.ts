// The checks of a post's Markdown body, one rule or tight family per file under rules/: images (alt text,
// existence), shortcodes (syntax, pairing, unknown names), ref/relref targets, links (missing scheme, malformed
// targets), mojibake and joined paragraphs. Each reads one pre-scan of the body (rules/context.ts): links and
// images inside code blocks, code spans and HTML comments are not checked; shortcodes are checked everywhere but in
// the `{{</* */>}}` comment form, since Hugo expands them inside code too.
import { checksOf, type RawFinding } from '../lint/rule';
import { BUILTIN_BY_NAME, getArg, getPositional } from './shortcodes';
import { isExternalRef, resolveContentRef, resolveImage, type SiteIndex } from '../site/files';
import { scanBody, type BodyInput } from './rules/context';
import { IMAGE_ARG_NAMES, IMAGE_RULES } from './rules/images';
import { LINK_RULES } from './rules/links';
import { MOJIBAKE_RULES } from './rules/mojibake';
import { PARAGRAPH_RULES } from './rules/paragraphs';
import { htmlAttr, IMAGE_MD, IMG_TAG, parseDestination } from './rules/references';
import { RELREF_RULES } from './rules/relref';
import { SHORTCODE_RULES } from './rules/shortcodes';

export type { RawFinding } from '../lint/rule';
export type { BodyInput as BodyContext } from './rules/context';
export { maskBody, type MaskedBody } from './rules/context';
export { IMAGE_ARG_NAMES } from './rules/images';
export { looksLikeDomain } from './rules/links';
export { repairMojibake } from './mojibake';

/** The body rules, in the order of the settings and the docs. */
export const BODY_RULES = [...IMAGE_RULES, ...SHORTCODE_RULES, ...RELREF_RULES, ...LINK_RULES, ...MOJIBAKE_RULES, ...PARAGRAPH_RULES];

/** Front-matter keys whose values are image paths. */
export const FRONT_MATTER_IMAGE_KEYS = ['images', 'image', 'cover', 'featured_image', 'featuredImage'];

/**
 * The shortcode to write an image with, and the parameter that takes its path: `wanted` (the
 * `recap.images.shortcode` setting) when the site defines it or it is a Hugo built-in taking an image,
 * else Hugo's `figure` with `src`. Image paste and New Recap Post both write images this way.
 */
export function imageShortcodeFor(index: SiteIndex | undefined, wanted: string): { name: string; param: string } {
  const site = index?.shortcodes.get(wanted);
  if (site) return { name: wanted, param: ['href', 'src', ...IMAGE_ARG_NAMES].find(p => site.params.includes(p)) ?? 'src' };
  const builtin = BUILTIN_BY_NAME.get(wanted);
  const param = builtin?.params.find(p => IMAGE_ARG_NAMES.has(p));
  return param ? { name: wanted, param } : { name: 'figure', param: 'src' };
}

/** Every body rule's findings, sorted by offset (then rule id), from one scan of the body. */
export function checkBody(text: string, bodyStart: number, context: BodyInput = {}): RawFinding[] {
  const scan = scanBody(text, bodyStart, context);
  const findings = checksOf(BODY_RULES).flatMap(check => check(scan));
  findings.sort((a, b) => a.start - b.start || a.rule.localeCompare(b.rule));
  return findings;
}

// ---------- document links ----------

export interface DocumentLink {
  start: number;
  end: number;
  /** Absolute file path. */
  target: string;
}

/** Image paths and `ref`/`relref` targets that resolve to a file, for Ctrl+click. */
export function documentLinks(text: string, bodyStart: number, index: SiteIndex | undefined, filePath: string, frontMatterImages: { value: string; start: number; end: number }[] = []): DocumentLink[] {
  if (!index) return [];
  const links: DocumentLink[] = [];
  const scan = scanBody(text, bodyStart);
  const image = (value: string, start: number, end: number) => {
    const file = resolveImage(index, filePath, value).file;
    if (file) links.push({ start, end, target: file });
  };
  for (const token of scan.tokens) {
    if (token.comment || token.kind === 'close') continue;
    if (token.name === 'ref' || token.name === 'relref') {
      const target = getArg(token, 'path') ?? getPositional(token, 0);
      if (target?.value.trim()) {
        const file = resolveContentRef(index, filePath, target.value).file;
        if (file) links.push({ start: target.valueStart, end: target.valueEnd, target: file });
      }
      continue;
    }
    for (const arg of token.args) {
      if (arg.name && IMAGE_ARG_NAMES.has(arg.name) && arg.quote !== undefined && arg.value && !isExternalRef(arg.value)) image(arg.value, arg.valueStart, arg.valueEnd);
    }
  }
  IMAGE_MD.lastIndex = bodyStart;
  for (let match = IMAGE_MD.exec(scan.masked); match; match = IMAGE_MD.exec(scan.masked)) {
    const dest = parseDestination(match[2], match.index + 2 + match[1].length + 2);
    if (!isExternalRef(dest.dest)) image(dest.dest, dest.destStart, dest.destEnd);
  }
  IMG_TAG.lastIndex = bodyStart;
  for (let match = IMG_TAG.exec(scan.masked); match; match = IMG_TAG.exec(scan.masked)) {
    const src = htmlAttr(match[0], 'src');
    if (src && !isExternalRef(src.value)) image(src.value, match.index + src.start, match.index + src.end);
  }
  for (const fm of frontMatterImages) if (!isExternalRef(fm.value)) image(fm.value, fm.start, fm.end);
  return links.sort((a, b) => a.start - b.start);
}

