// The Node extension host's platform: schedules downloaded with Node's fetch, cached as files in global storage.
import * as path from 'node:path';
import type { RecapPlatform } from '../platform/platform';
import { nodeCacheStore, nodeFetchHost } from './scheduleHost';

export const nodePlatform: RecapPlatform = {
  kind: 'node',
  fetchHost: nodeFetchHost(),
  cacheStore: globalStorage => nodeCacheStore(path.join(globalStorage.fsPath, 'schedules')),
};
