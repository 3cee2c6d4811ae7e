// The talk/… checks in the editor: links to FOSDEM events and speakers that the schedule does not know,
// and talk titles or speaker names mentioned without a link. Schedules load in the background from the
// cache or the network; posts that never mention FOSDEM never trigger a download.
import * as vscode from 'vscode';
import type { ParsedFrontMatter } from '../core/frontmatter';
import type { PostChecker } from './diagnostics';
import { yearOfPost, type Schedules } from './schedules';

/** The FOSDEM years a post is about: those its links name, plus its own year when it talks about FOSDEM. */
export function fosdemYears(text: string, parsed: ParsedFrontMatter): number[] {
  const years = new Set<number>();
  for (const match of text.matchAll(/https?:\/\/(?:www\.|archive\.)?fosdem\.org\/(\d{4})\/schedule\//gi)) years.add(Number(match[1]));
  const frontMatter = JSON.stringify(parsed.data ?? {});
  if (years.size > 0 || /fosdem/i.test(frontMatter)) years.add(yearOfPost(parsed.data, text));
  return [...years].filter(year => year >= 2000 && year <= new Date().getFullYear() + 1);
}

export function registerTalkChecks(context: vscode.ExtensionContext, checker: PostChecker, schedules: Schedules): void {
  // Only schedules already in memory: a missing one loads in the background and re-checks when it lands.
  checker.setScheduleProvider(async (text, parsed) =>
    fosdemYears(text, parsed).flatMap(year => schedules.ready(schedules.conference('FOSDEM'), year)?.schedule ?? []));
  // A schedule that arrives later (downloaded in the background, refreshed) re-checks the open posts.
  context.subscriptions.push(schedules.onDidLoad(() => checker.recheckAll()));
}
