import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { resolveConfig, type RecapConfigFile } from '../../src/core/site/config';
import type { Finding } from '../../src/core/lint/findings';
import type { FileHost } from '../../src/core/host';
import { lint } from '../../src/core/lint/lint';
import type { PresetName } from '../../src/core/frontmatter/schema';
import type { SiteConventions } from '../../src/core/site/conventions';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');

export function fixture(...parts: string[]): string {
  return readFileSync(path.join(FIXTURES, ...parts), 'utf8');
}

export const NOW = new Date(2026, 10, 25);

/** Lints like the editor; the body rules (image/…, link/…, shortcode/…, text/…) only with `body: true`. */
export function check(text: string, options: { preset?: PresetName; file?: RecapConfigFile; conventions?: SiteConventions; filePath?: string; body?: boolean } = {}): Finding[] {
  const config = resolveConfig({ detectedPreset: options.preset ?? 'hugo', file: options.file });
  return lint({ text, config, conventions: options.conventions, filePath: options.filePath, now: NOW, frontMatterOnly: !options.body }).findings;
}

export function rules(findings: Finding[]): string[] {
  return findings.map(f => f.rule);
}

/** The text a finding underlines. */
export function underlined(text: string, finding: Finding): string {
  return text.slice(finding.start, finding.end);
}

/** An in-memory FileHost of `files` (absolute '/'-paths → text); folders are the files' ancestors. */
export function memoryHost(entries: Record<string, string> | Map<string, string>): FileHost {
  const files = entries instanceof Map ? entries : new Map(Object.entries(entries));
  const dirs = new Map<string, Map<string, boolean>>();
  for (const file of files.keys()) {
    let current = file;
    while (current !== '/') {
      const parent = path.posix.dirname(current);
      let children = dirs.get(parent);
      if (!children) dirs.set(parent, children = new Map());
      children.set(path.posix.basename(current), current !== file);
      current = parent;
    }
  }
  return {
    async readFile(file) { return files.get(file); },
    async exists(file) { return files.has(file) || dirs.has(file); },
    async readDir(dir) { return [...(dirs.get(dir) ?? [])].map(([name, isDirectory]) => ({ name, isDirectory })); },
  };
}
