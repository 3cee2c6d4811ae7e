// The talk/… checks in the editor: links to FOSDEM events and speakers that the schedule does not know,
// and talk titles or speaker names mentioned without a link. Schedules load in the background from the
// cache or the network; posts that never mention FOSDEM never trigger a download.
import * as vscode from 'vscode';
import { fosdemYears } from '../core/schedule/postYear';
import type { PostChecker } from './diagnostics';
import type { Schedules } from './schedules';

export function registerTalkChecks(context: vscode.ExtensionContext, checker: PostChecker, schedules: Schedules): void {
  // Only schedules already in memory: a missing one loads in the background and re-checks when it lands.
  checker.setScheduleProvider(async (text, parsed) =>
    fosdemYears(text, parsed).flatMap(year => schedules.ready(schedules.conference('FOSDEM'), year)?.schedule ?? []));
  // A schedule that arrives later (downloaded in the background, refreshed) re-checks the open posts.
  context.subscriptions.push(schedules.onDidLoad(() => checker.recheckAll()));
}
