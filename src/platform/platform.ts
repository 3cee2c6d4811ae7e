// What differs between the Node extension host (desktop, remote) and the browser worker (vscode.dev, github.dev):
// how schedules are downloaded and where their cache lives. Everything else goes through the VS Code API.
import type * as vscode from 'vscode';
import type { FetchHost } from '../core/host';
import type { CacheStore } from '../core/schedule/store';

export interface RecapPlatform {
  /** `web` when the extension runs in a browser worker, where downloads are subject to CORS. */
  readonly kind: 'node' | 'web';
  readonly fetchHost: FetchHost;
  /** The schedule cache under the extension's global storage. */
  cacheStore(globalStorage: vscode.Uri): CacheStore;
}
