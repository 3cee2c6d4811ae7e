import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { nodeFileHost } from '../../src/node/fileHost';
import { main } from '../../src/cli/main';
import { resolveConfig } from '../../src/core/site/config';
import { lint } from '../../src/core/lint/lint';
import { findSite } from '../../src/core/site/site';
import { buildSiteIndex } from '../../src/core/site/files';
import { FIXTURES, fixture } from './helpers';

/** Runs `recap …` in this process (the source, not the bundle) and captures its output. */
async function recapInProcess(...args: string[]): Promise<{ code: number; stdout: string }> {
  const cwd = process.cwd();
  const write = process.stdout.write;
  const errWrite = process.stderr.write;
  let stdout = '';
  process.chdir(FIXTURES);
  process.stdout.write = ((chunk: string) => { stdout += chunk; return true; }) as typeof process.stdout.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return { code: await main(args), stdout };
  } finally {
    process.stdout.write = write;
    process.stderr.write = errWrite;
    process.chdir(cwd);
  }
}

describe('recap check: body findings', () => {
  it('reports the body rules on the fixture, with the same findings as the editor path', async () => {
    const file = path.join('site', 'content', 'posts', '2024-08-01-shortcodes.md');
    const { code, stdout } = await recapInProcess('check', '--no-talks', '--format', 'json', file);
    assert.equal(code, 1);
    const findings = JSON.parse(stdout) as { rule: string; line: number; column: number }[];
    const rules = new Set(findings.map(f => f.rule));
    for (const rule of ['image/missing-alt', 'image/not-found', 'shortcode/unknown', 'shortcode/unclosed', 'shortcode/relref-not-found', 'link/no-scheme', 'link/malformed', 'text/mojibake']) assert.ok(rules.has(rule), rule);
    // The editor: the same lint with the same site index.
    const absolute = path.join(FIXTURES, file);
    const siteIndex = await buildSiteIndex(nodeFileHost, (await findSite(nodeFileHost, absolute))!);
    const editor = lint({ text: fixture(file), filePath: absolute, config: resolveConfig({ detectedPreset: 'hugo' }), siteIndex }).findings;
    assert.deepEqual(findings.map(f => f.rule), editor.map(f => f.rule).filter(rule => rule !== 'frontmatter/site-convention'));
  });

  it('keeps the existing posts clean of body findings (their front-matter images exist)', async () => {
    const { stdout } = await recapInProcess('check', '--no-talks', '--format', 'json', 'site');
    const findings = JSON.parse(stdout) as { file: string; rule: string }[];
    const bodyRules = /^(image|link|shortcode|text)\//;
    const noisy = findings.filter(f => bodyRules.test(f.rule) && !f.file.endsWith('2024-08-01-shortcodes.md'));
    assert.deepEqual(noisy, []);
  });
});
