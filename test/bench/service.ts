// The core service as `recap check` drives it: a 100-post Hugo site on disk, checked through the service with a
// Node host that counts every file-system call. Figures: file reads per post (≤ 2: the text read to learn the site's
// conventions serves the post's check) and the run's time.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { nodeFileHost, readPost } from '../../src/node/fileHost';
import type { FileHost } from '../../src/core/host';
import { createRecapService } from '../../src/core/service/recapService';
import type { RecapHost } from '../../src/core/service/host';
import { median, type Figure } from './timing';

const POSTS = 100;

function writeSite(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'recap-bench-site-'));
  const posts = path.join(root, 'content', 'posts');
  mkdirSync(posts, { recursive: true });
  mkdirSync(path.join(root, 'static', 'images'), { recursive: true });
  mkdirSync(path.join(root, 'layouts', 'shortcodes'), { recursive: true });
  writeFileSync(path.join(root, 'hugo.toml'), 'title = "Bench"\nbaseURL = "https://example.org/"\n');
  writeFileSync(path.join(root, 'layouts', 'shortcodes', 'note.html'), '<aside>{{ .Inner }}</aside>');
  for (let i = 0; i < 50; i++) writeFileSync(path.join(root, 'static', 'images', `img-${i}.png`), 'png');
  for (let i = 0; i < POSTS; i++) {
    const body = Array.from({ length: 40 }, (_, k) => `Paragraph ${k} of post ${i}, with ![a photo](/images/img-${(i + k) % 60}.png) and {{< note >}}a note{{< /note >}}.\n`).join('\n');
    writeFileSync(path.join(posts, `post-${String(i).padStart(3, '0')}.md`), `---\ntitle: "Post ${i}"\ndate: 2025-02-0${1 + (i % 8)}\ndraft: false\ntags: [fosdem]\n---\n\n${body}`);
  }
  return root;
}

interface Counts { reads: number; readDirs: number; exists: number }

function countingHost(counts: Counts): RecapHost {
  const host: FileHost = nodeFileHost;
  return {
    readFile: file => { counts.reads++; return host.readFile(file); },
    readPost: file => { counts.reads++; return readPost(file); },
    exists: file => { counts.exists++; return host.exists(file); },
    readDir: dir => { counts.readDirs++; return host.readDir(dir); },
  };
}

async function checkSite(root: string): Promise<{ ms: number; counts: Counts }> {
  const counts: Counts = { reads: 0, readDirs: 0, exists: 0 };
  const start = performance.now();
  const service = createRecapService({ host: countingHost(counts) });
  const { posts } = await service.postsUnder(path.join(root, 'content'));
  service.willCheck(posts);
  for (const post of posts) await service.check(post, { evenIfNotPost: true });
  return { ms: performance.now() - start, counts };
}

export async function benchService(): Promise<Figure[]> {
  const root = writeSite();
  try {
    const runs: Awaited<ReturnType<typeof checkSite>>[] = [];
    for (let i = 0; i < 7; i++) runs.push(await checkSite(root));
    const { counts } = runs[runs.length - 1];
    return [
      { name: `recap check of a ${POSTS}-post site through the core service (median of 7)`, value: median(runs.map(r => r.ms)), unit: 'ms' },
      { name: '  file reads per post (posts, site config, templates)', value: counts.reads / POSTS, unit: 'reads', budget: '≤ 2' },
      { name: '  directory listings / existence checks, whole run', value: counts.readDirs + counts.exists, unit: 'calls' },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
