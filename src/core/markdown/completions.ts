// What to complete where in a post's body (and its front-matter image fields): shortcode names
// after `{{<`/`{{%`, their parameters, image paths in `src="…"`/`href="…"`/`![](…)`, content
// files in `relref "…"`. Pure functions: the editor turns the results into completion items.
import * as path from 'pathe';
import { FRONT_MATTER_IMAGE_KEYS, IMAGE_ARG_NAMES } from './rules';
import { findBlock } from '../frontmatter/parse';
import { BUILTIN_BY_NAME, BUILTIN_SHORTCODES } from './shortcodes';
import { contentDirOf, isImagePath, listDir, urlFile, type SiteIndex } from '../site/files';
import { isMarkdownFile } from '../site/site';

export interface CompletionContext {
  kind: 'shortcode-name' | 'shortcode-param' | 'image-path' | 'content-ref' | 'none';
  /** What was typed so far (the path, name or parameter prefix). */
  prefix: string;
  /** The range a completion replaces (it covers the prefix and the rest of the word after the cursor). */
  replaceStart: number;
  replaceEnd: number;
  /** The shortcode the cursor is in. */
  shortcode?: string;
  /** Named parameters the shortcode already has (for `shortcode-param`). */
  present?: string[];
}

const NONE = (offset: number): CompletionContext => ({ kind: 'none', prefix: '', replaceStart: offset, replaceEnd: offset });
const LOOK_BACK = 4000;

/** What the cursor at `offset` is about to type. */
export function completionContextAt(text: string, offset: number): CompletionContext {
  if (offset < 0 || offset > text.length) return NONE(offset);
  const found = findBlock(text.slice(0, Math.min(text.length, 512 * 1024)));
  // `{{< x >}}` on line 1 is no JSON front matter: that starts with `{` and a quoted key.
  const block = found?.closed && (found.format !== 'json' || /^\{\s*"/.test(text.slice(found.start, found.start + 200))) ? found : undefined;
  if (block && offset >= block.contentStart && offset <= block.contentEnd) return frontMatterContext(text, offset);
  const windowStart = Math.max(block?.end ?? 0, offset - LOOK_BACK);
  const before = text.slice(windowStart, offset);

  // Inside a shortcode tag?
  const open = Math.max(before.lastIndexOf('{{<'), before.lastIndexOf('{{%'));
  if (open !== -1 && !/[>%]\}\}/.test(before.slice(open + 3))) {
    const tagStart = windowStart + open;
    const inside = before.slice(open + 3);
    const nameMatch = /^\s*\/?\s*([A-Za-z0-9_./-]*)$/.exec(inside);
    if (nameMatch) {
      const prefix = nameMatch[1];
      return { kind: 'shortcode-name', prefix, replaceStart: offset - prefix.length, replaceEnd: wordEnd(text, offset, /[A-Za-z0-9_./-]/) };
    }
    const name = /^\s*([A-Za-z0-9_./-]+)/.exec(inside)?.[1] ?? '';
    const present = [...inside.matchAll(/\s([A-Za-z_][\w-]*)\s*=/g)].map(m => m[1]);
    // In a quoted value?
    const quoted = openQuote(inside);
    if (quoted) {
      const prefix = inside.slice(quoted.at + 1);
      const replaceStart = offset - prefix.length;
      const replaceEnd = wordEnd(text, offset, /[^"`\s]/);
      if ((name === 'ref' || name === 'relref') && (quoted.param === undefined || quoted.param === 'path')) return { kind: 'content-ref', prefix, replaceStart, replaceEnd, shortcode: name };
      if (quoted.param && IMAGE_ARG_NAMES.has(quoted.param)) return { kind: 'image-path', prefix, replaceStart, replaceEnd, shortcode: name };
      return { ...NONE(offset), shortcode: name };
    }
    const param = /\s([A-Za-z_][\w-]*)?$/.exec(inside);
    if (param && tagStart >= 0) {
      const prefix = param[1] ?? '';
      return { kind: 'shortcode-param', prefix, replaceStart: offset - prefix.length, replaceEnd: wordEnd(text, offset, /[\w-]/), shortcode: name, present };
    }
    return { ...NONE(offset), shortcode: name };
  }

  const line = before.slice(before.lastIndexOf('\n') + 1);
  // ![alt](path
  const markdownImage = /!\[[^\]]*\]\(\s*<?([^)\s>]*)$/.exec(line);
  if (markdownImage) return pathContext(text, offset, markdownImage[1], /[^)\s>"]/);
  // <img … src="path
  const img = /<img\b[^>]*\ssrc\s*=\s*["']([^"']*)$/i.exec(before.slice(before.lastIndexOf('<img')));
  if (img) return pathContext(text, offset, img[1], /[^"'\s>]/);
  return NONE(offset);
}

function pathContext(text: string, offset: number, prefix: string, wordChar: RegExp): CompletionContext {
  return { kind: 'image-path', prefix, replaceStart: offset - prefix.length, replaceEnd: wordEnd(text, offset, wordChar) };
}

function wordEnd(text: string, offset: number, wordChar: RegExp): number {
  let end = offset;
  while (end < text.length && end - offset < 1000 && wordChar.test(text[end])) end++;
  return end;
}

/** The quote the text ends inside, and the parameter it belongs to (undefined for a positional one). */
function openQuote(inside: string): { at: number; param?: string } | undefined {
  let open: number | undefined;
  let quote = '';
  for (let i = 0; i < inside.length; i++) {
    const c = inside[i];
    if (open === undefined) {
      if (c === '"' || c === '`') { open = i; quote = c; }
    } else if (c === '\\' && quote === '"') i++;
    else if (c === quote) open = undefined;
  }
  if (open === undefined) return undefined;
  const param = /([A-Za-z_][\w-]*)\s*=\s*$/.exec(inside.slice(0, open))?.[1];
  return { at: open, param };
}

function frontMatterContext(text: string, offset: number): CompletionContext {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = text.slice(lineStart, offset);
  const keys = FRONT_MATTER_IMAGE_KEYS.join('|');
  const match = new RegExp(`^\\s*"?(?:${keys})"?\\s*[:=]\\s*\\[?\\s*(?:["'][^"']*["']\\s*,\\s*)*["']?([^"',\\]]*)$`).exec(line);
  if (!match) {
    // A `- item` of a YAML list whose key is an image key.
    const item = /^(\s*)-\s+["']?([^"']*)$/.exec(line);
    if (item) {
      let underImageKey = false;
      const previous = text.slice(Math.max(0, lineStart - 64 * 1024), lineStart).split(/\r?\n/).reverse();
      for (const earlier of previous) {
        if (/^\s*-\s/.test(earlier) || !earlier.trim()) continue;
        underImageKey = new RegExp(`^\\s*(?:${keys})\\s*:\\s*$`).test(earlier);
        break;
      }
      if (underImageKey) {
        const prefix = item[2];
        return { kind: 'image-path', prefix, replaceStart: offset - prefix.length, replaceEnd: wordEnd(text, offset, /[^"'\s,\]]/) };
      }
    }
    return NONE(offset);
  }
  const prefix = match[1];
  return { kind: 'image-path', prefix, replaceStart: offset - prefix.length, replaceEnd: wordEnd(text, offset, /[^"'\s,\]]/) };
}

// ---------- completion data ----------

export interface ShortcodeCompletion {
  name: string;
  source: 'site' | 'builtin';
  params: string[];
  positional: number;
  /** true: must be closed; false: never; undefined: either. */
  paired?: boolean;
  /** The text between `{{< ` and ` >}}`, VS Code snippet syntax (`image href="$1" alt="$2"`). */
  snippet: string;
  detail: string;
  file?: string;
  deprecated?: string;
}

const PREFERRED_PARAMS = ['src', 'href', 'image', 'link', 'url', 'id', 'user', 'path', 'alt', 'caption', 'title', 'summary', 'text'];

/** The site's shortcodes (they win over a built-in of the same name), then Hugo's. */
export function shortcodeCompletions(index: SiteIndex | undefined): ShortcodeCompletion[] {
  const items: ShortcodeCompletion[] = [];
  const seen = new Set<string>();
  for (const shortcode of index?.shortcodes.values() ?? []) {
    seen.add(shortcode.name);
    const shown = [...shortcode.params].sort((a, b) => rank(a) - rank(b)).filter(p => rank(p) < PREFERRED_PARAMS.length).slice(0, 4);
    let n = 1;
    const parts = [shortcode.name];
    if (shown.length === 0) for (let i = 0; i < Math.min(shortcode.positional, 3); i++) parts.push(`\${${n++}}`);
    for (const param of shown) parts.push(`${param}="\${${n++}}"`);
    const relative = index ? path.relative(index.site.root, shortcode.file ?? '') : '';
    items.push({
      name: shortcode.name, source: 'site', params: shortcode.params, positional: shortcode.positional, paired: shortcode.paired,
      snippet: parts.join(' '), file: shortcode.file,
      detail: `${shortcode.params.length ? `(${shortcode.params.join(', ')})` : shortcode.positional ? `(${shortcode.positional} positional)` : ''} ${relative}`.trim(),
    });
  }
  for (const builtin of BUILTIN_SHORTCODES) {
    if (seen.has(builtin.name)) continue;
    items.push({ name: builtin.name, source: 'builtin', params: builtin.params, positional: builtin.positional, paired: builtin.paired, snippet: builtin.snippet, detail: `Hugo: ${builtin.description}`, deprecated: builtin.deprecated });
  }
  return items;
}

function rank(param: string): number {
  const at = PREFERRED_PARAMS.indexOf(param);
  return at === -1 ? PREFERRED_PARAMS.length : at;
}

/** Parameters of one shortcode, less those already present. */
export function shortcodeParamCompletions(index: SiteIndex | undefined, name: string, present: string[] = []): string[] {
  const params = index?.shortcodes.get(name)?.params ?? BUILTIN_BY_NAME.get(name)?.params ?? [];
  return params.filter(param => !present.includes(param));
}

export interface PathCompletion {
  /** The file or folder name. */
  label: string;
  /** The full path to insert (replacing the prefix). */
  insertText: string;
  kind: 'image' | 'file' | 'folder';
  /** Absolute path of the file (for an image preview); undefined for folders. */
  file?: string;
}

/**
 * Files and folders for a path being typed: absolute (`/blog/…`) in the static dirs, bundle resources
 * and assets; relative in the post's folder (page bundle). Images first, then folders, then other
 * files; one folder level at a time, so it stays fast for 20,000 files.
 */
export function pathCompletions(index: SiteIndex, postPath: string, prefix: string, limit = 200): PathCompletion[] {
  const slash = prefix.lastIndexOf('/');
  const dirPart = slash === -1 ? '' : prefix.slice(0, slash + 1);
  const partial = prefix.slice(slash + 1).toLowerCase();
  let children: Map<string, boolean>;
  let resolveFile: (rel: string) => string | undefined;
  if (prefix.startsWith('/')) {
    children = listDir(index, 'url', dirPart);
    resolveFile = rel => urlFile(index, rel);
  } else {
    const here = contentDirOf(index, postPath);
    if (!here) {
      // Not in a content folder (Jekyll post, plain site): relative to the post's folder in the static root.
      const root = index.staticDirs[0];
      const relDir = root ? path.relative(root, path.dirname(path.resolve(postPath))) : '';
      if (relDir.startsWith('..')) return [];
      const dir = path.normalize(`${relDir}/${dirPart}`).replace(/^\.\/?$/, '');
      children = listDir(index, 'url', dir);
      resolveFile = rel => urlFile(index, path.normalize(`${relDir}/${rel}`));
    } else {
      const dir = path.normalize(`${here.dir}/${dirPart}`).replace(/^\.\/?$/, '').replace(/^\//, '');
      if (dir.startsWith('..')) return [];
      children = listDir(index, 'content', dir);
      resolveFile = rel => path.join(here.root, here.dir, rel);
    }
  }
  const images: PathCompletion[] = [];
  const folders: PathCompletion[] = [];
  const others: PathCompletion[] = [];
  for (const [name, isDir] of children) {
    if (partial && !name.toLowerCase().includes(partial)) continue;
    if (isDir) folders.push({ label: `${name}/`, insertText: `${dirPart}${name}/`, kind: 'folder' });
    else if (isImagePath(name)) images.push({ label: name, insertText: `${dirPart}${name}`, kind: 'image', file: resolveFile(`${dirPart.replace(/^\//, '')}${name}`) });
    else if (!isMarkdownFile(name)) others.push({ label: name, insertText: `${dirPart}${name}`, kind: 'file', file: resolveFile(`${dirPart.replace(/^\//, '')}${name}`) });
    if (images.length >= limit) break;
  }
  const byName = (a: PathCompletion, b: PathCompletion) => a.label.localeCompare(b.label);
  return [...images.sort(byName), ...folders.sort(byName), ...others.sort(byName)].slice(0, limit);
}

export interface ContentRefCompletion {
  /** The ref as Hugo takes it: content-relative, without extension; a bundle by its folder. */
  label: string;
  insertText: string;
  /** Absolute path. */
  file: string;
}

/** Content files for `relref "…"`, matching the prefix anywhere in the path (case-insensitive). */
export function contentRefCompletions(index: SiteIndex, prefix: string, limit = 200): ContentRefCompletion[] {
  const needle = prefix.replace(/^\/+/, '').toLowerCase();
  const items: ContentRefCompletion[] = [];
  for (const rel of index.contentFiles) {
    if (!isMarkdownFile(rel)) continue;
    const ref = rel.replace(/(^|\/)_?index\.[^./]+$/, '').replace(/\.[^./]+$/, '');
    if (!ref) continue;
    if (needle && !ref.toLowerCase().includes(needle)) continue;
    const root = index.lookup.contentRoot.get(rel) ?? index.contentDirs[0];
    items.push({ label: ref, insertText: prefix.startsWith('/') ? `/${ref}` : ref, file: path.join(root, rel) });
    if (items.length >= limit) break;
  }
  return items.sort((a, b) => a.label.localeCompare(b.label));
}
