// The browser worker's platform (vscode.dev, github.dev): schedules downloaded with the browser's fetch, which only
// reads servers that allow cross-origin requests, and cached through vscode.workspace.fs in global storage.
import * as vscode from 'vscode';
import type { CacheMeta, CacheStore } from '../core/schedule/store';
import { globalFetchHost } from '../platform/fetchHost';
import type { RecapPlatform } from '../platform/platform';

/** Why a download failed in the browser, with the two routes that work there. */
export class CrossOriginRefused extends Error {
  constructor(readonly url: string, cause: unknown) {
    super(`the browser refused the download: ${hostOf(url)} does not allow cross-origin requests (no Access-Control-Allow-Origin header), or the network is down. `
      + 'In VS Code for the Web, put the schedule file in the repository and point `recap.schedules` at it (e.g. `{ "name": "FOSDEM", "url": "schedules/fosdem-{year}.xml" }`), '
      + 'or use an export URL that allows cross-origin requests (pretalx’s schedule exports do)'
      + (cause instanceof Error && cause.message ? ` [${cause.message}]` : ''));
    this.name = 'CrossOriginRefused';
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * One file per key, as on desktop: a first line of JSON metadata, then the body. Written to a temporary file and
 * renamed over the old one, so a reader never sees half a cache; a file system that cannot rename gets a direct write.
 */
export function workspaceFsCacheStore(dir: vscode.Uri): CacheStore {
  const file = (key: string) => vscode.Uri.joinPath(dir, `${key.replace(/[^A-Za-z0-9._-]+/g, '_')}.json`);
  return {
    async read(key) {
      let text: string;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file(key)));
      } catch {
        return undefined;
      }
      const newline = text.indexOf('\n');
      if (newline < 0) return undefined;
      try {
        const meta = JSON.parse(text.slice(0, newline)) as CacheMeta;
        if (typeof meta.url !== 'string' || typeof meta.fetchedAt !== 'string') return undefined;
        return { meta, body: text.slice(newline + 1) };
      } catch {
        return undefined;
      }
    },
    async write(key, body, meta) {
      await vscode.workspace.fs.createDirectory(dir);
      const target = file(key);
      const temp = target.with({ path: `${target.path}.${Date.now()}-${Math.random().toString(36).slice(2)}.tmp` });
      const bytes = new TextEncoder().encode(`${JSON.stringify(meta)}\n${body}`);
      await vscode.workspace.fs.writeFile(temp, bytes);
      try {
        await vscode.workspace.fs.rename(temp, target, { overwrite: true });
      } catch {
        await vscode.workspace.fs.writeFile(target, bytes);
        await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
      }
    },
  };
}

export const webPlatform: RecapPlatform = {
  kind: 'web',
  // fetch rejects with a TypeError, and no detail, when CORS blocks the response (and when the network is down).
  // No conditional headers and no User-Agent: either would make the browser send a CORS preflight (OPTIONS) first,
  // which schedule servers do not answer even when they allow the GET. The browser's HTTP cache revalidates instead.
  fetchHost: globalFetchHost({ sendHeaders: false, describeFailure: (url, error) => (error instanceof TypeError ? new CrossOriginRefused(url, error) : error instanceof Error ? error : new Error(String(error))) }),
  cacheStore: globalStorage => workspaceFsCacheStore(vscode.Uri.joinPath(globalStorage, 'schedules')),
};
