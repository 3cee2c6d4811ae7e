// Markdown images and links and HTML <img> tags as the body rules and document links read them (on the masked text).

export const IMAGE_MD = /!\[([^\[\]\n]*)\]\(([^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)/g;
export const LINK_MD = /\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(([^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)/g;
export const IMG_TAG = /<img\b[^>]*>/gi;

export interface Destination { dest: string; destStart: number; destEnd: number; rest: string }

export function parseDestination(target: string, targetStart: number): Destination {
  const lead = target.length - target.trimStart().length;
  const trimmed = target.trim();
  if (trimmed.startsWith('<')) {
    const close = trimmed.indexOf('>');
    const inner = close === -1 ? trimmed.slice(1) : trimmed.slice(1, close);
    return { dest: inner, destStart: targetStart + lead + 1, destEnd: targetStart + lead + 1 + inner.length, rest: close === -1 ? '' : trimmed.slice(close + 1).trim() };
  }
  const space = trimmed.search(/\s/);
  const dest = space === -1 ? trimmed : trimmed.slice(0, space);
  return { dest, destStart: targetStart + lead, destEnd: targetStart + lead + dest.length, rest: space === -1 ? '' : trimmed.slice(space).trim() };
}

export function isTitle(rest: string): boolean {
  return rest === '' || /^("[^"]*"|'[^']*'|\([^)]*\))$/s.test(rest);
}

export function htmlAttr(tag: string, name: string): { value: string; start: number; end: number } | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(tag);
  if (!match) return undefined;
  const value = match[1] ?? match[2] ?? match[3] ?? '';
  const offset = match.index + match[0].length - value.length - (match[3] !== undefined ? 0 : 1);
  return { value, start: offset, end: offset + value.length };
}
