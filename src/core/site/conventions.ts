// What the site's posts have in common, learned from their front matter and updated one file at a time.
import * as path from 'pathe';
import type { ParsedFrontMatter, ValueKind } from '../frontmatter/parse';

/** Keys whose values are worth offering as completions (taxonomies and people). */
export const VALUE_KEYS = ['tags', 'categories', 'authors', 'keywords', 'series', 'author', 'category', 'tag'];

interface PostFacts {
  section: string;
  keys: Map<string, ValueKind>;
  values: Map<string, string[]>;
}

export interface KeyUsage {
  key: string;
  /** Posts that have the key (the asking post excluded). */
  count: number;
  /** Posts considered (the asking post excluded). */
  total: number;
  /** The most common value kind. */
  kind: ValueKind;
}

/** Minimum number of other posts before a key counts as a convention. */
export const MIN_POSTS_FOR_CONVENTION = 5;

export class SiteConventions {
  private readonly posts = new Map<string, PostFacts>();

  get size(): number {
    return this.posts.size;
  }

  /** Records (or replaces) a post's facts. */
  update(filePath: string, parsed: ParsedFrontMatter): void {
    if (!parsed.block || parsed.problems.some(p => p.rule !== 'frontmatter/duplicate-key')) {
      // A broken front matter teaches nothing; forget the stale facts instead.
      this.posts.delete(filePath);
      return;
    }
    const keys = new Map<string, ValueKind>();
    const values = new Map<string, string[]>();
    for (const field of parsed.fields) {
      if (keys.has(field.key)) continue;
      keys.set(field.key, field.value?.kind ?? 'null');
      if (VALUE_KEYS.includes(field.key)) values.set(field.key, stringsOf(field.value?.value));
    }
    this.posts.set(filePath, { section: path.dirname(filePath), keys, values });
  }

  remove(filePath: string): void {
    this.posts.delete(filePath);
  }

  has(filePath: string): boolean {
    return this.posts.has(filePath);
  }

  /** Every key used by other posts, with how often. */
  keyUsage(exceptPath?: string): Map<string, KeyUsage> {
    return this.usageOver(this.others(exceptPath));
  }

  /**
   * Keys that at least `threshold` of the sibling posts have. Siblings are the posts of the same
   * folder when there are enough of them, else all the site's posts.
   */
  conventions(forPath: string, threshold: number): KeyUsage[] {
    const others = this.others(forPath);
    const section = path.dirname(forPath);
    const siblings = others.filter(post => post.section === section);
    const sample = siblings.length >= MIN_POSTS_FOR_CONVENTION ? siblings : others;
    if (sample.length < MIN_POSTS_FOR_CONVENTION) return [];
    return [...this.usageOver(sample).values()].filter(usage => usage.count / usage.total >= threshold);
  }

  /** Values used for `key` across the site, most used first. */
  values(key: string, exceptPath?: string): { value: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const post of this.others(exceptPath)) {
      for (const value of post.values.get(key) ?? []) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }

  private others(exceptPath?: string): PostFacts[] {
    const result: PostFacts[] = [];
    for (const [file, facts] of this.posts) if (file !== exceptPath) result.push(facts);
    return result;
  }

  private usageOver(posts: PostFacts[]): Map<string, KeyUsage> {
    const kinds = new Map<string, Map<ValueKind, number>>();
    const counts = new Map<string, number>();
    for (const post of posts) {
      for (const [key, kind] of post.keys) {
        counts.set(key, (counts.get(key) ?? 0) + 1);
        const byKind = kinds.get(key) ?? new Map<ValueKind, number>();
        byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
        kinds.set(key, byKind);
      }
    }
    const usage = new Map<string, KeyUsage>();
    for (const [key, count] of counts) {
      const kind = [...(kinds.get(key) ?? new Map<ValueKind, number>())].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'null';
      usage.set(key, { key, count, total: posts.length, kind });
    }
    return usage;
  }
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map(item => item.trim());
  return [];
}
