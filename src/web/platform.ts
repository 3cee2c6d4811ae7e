// The browser worker's platform (vscode.dev, github.dev): schedules downloaded with the browser's fetch, which only
// reads servers that allow cross-origin requests, and cached through vscode.workspace.fs in global storage.
import * as vscode from 'vscode';
import { cacheFileName, cacheFileText, parseCacheFile } from '../core/schedule/cacheFile';
import type { CacheStore } from '../core/schedule/store';
import { globalFetchHost } from '../platform/fetchHost';
import type { RecapPlatform } from '../platform/platform';

/** Why a download failed in the browser, with the two routes that work there. */
export class CrossOriginRefused extends Error {
  /** The schedule store quotes this message as it is, instead of wrapping it in its generic "Cannot reach…". */
  readonly explained = true;

  constructor(readonly url: string, cause: unknown) {
    const detail = cause instanceof Error && cause.message ? ` [${cause.message}]` : '';
    super(vscode.l10n.t({
      message: 'the browser refused the download: {host} does not allow cross-origin requests (no Access-Control-Allow-Origin header), or the network is down. In VS Code for the Web, put the schedule file in the repository and point `recap.schedules` at it (e.g. `{example}`), or use an export URL that allows cross-origin requests (pretalx’s schedule exports do){detail}',
      args: { host: hostOf(url), example: '{ "name": "FOSDEM", "url": "schedules/fosdem-{year}.xml" }', detail },
      comment: 'Ends a sentence that starts "Recap: FOSDEM 2025 schedule: "; {detail} is empty or the browser\'s own message in brackets.',
    }));
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
  const file = (key: string) => vscode.Uri.joinPath(dir, cacheFileName(key));
  return {
    async read(key) {
      let text: string;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file(key)));
      } catch {
        return undefined;
      }
      return parseCacheFile(text);
    },
    async write(key, body, meta) {
      await vscode.workspace.fs.createDirectory(dir);
      const target = file(key);
      const temp = target.with({ path: `${target.path}.${Date.now()}-${Math.random().toString(36).slice(2)}.tmp` });
      const bytes = new TextEncoder().encode(cacheFileText(body, meta));
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
