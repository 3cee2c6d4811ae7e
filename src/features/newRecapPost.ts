// "Recap: New Recap Post…": the talks the author attended (a calendar export such as the FOSDEM companion app's
// bookmarks, talk links from the clipboard or a file, or the schedule's talk pick) become a new post where the site
// keeps its posts, named and fronted like them, its body inserted as one snippet with tab stops (one undo).
// Every pick and input box is reachable from the tests through `testHooks`, as in insertTalk.ts.
import * as path from 'pathe';
import * as vscode from 'vscode';
import type { Grouping } from '../core/recap/newPost';
import type { Talk } from '../core/schedule/model';
import type { TalkEntry, TalkMatches } from '../core/schedule/myTalks';
import { pickTalks } from './insertTalk';
import type { ConferenceSetting, Schedules } from './schedules';
import { servicePath, serviceUri, workspaceFileHost, type Sites } from './sites';

type Source = 'calendar' | 'links' | 'linksFile' | 'pick';

/** What the test suite can reach: the pick or input box on screen, and the file dialog's answer. */
export const testHooks: {
  activeQuickPick?: vscode.QuickPick<vscode.QuickPickItem>;
  activeInputBox?: vscode.InputBox;
  /** What Enter does in the pick or input box on screen. */
  accept?: () => void;
  /** Answers the open-file dialog instead of the user. */
  openDialog?: () => Promise<vscode.Uri[] | undefined>;
  /** The last run's outcome: the post made and the entries that matched nothing. */
  last?: { uri: vscode.Uri; matches: TalkMatches };
} = {};

async function pick<T>(entries: { label: string; description?: string; detail?: string; value: T }[], title: string, placeholder: string): Promise<T | undefined> {
  const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem & { value: T }>();
  quickPick.title = title;
  quickPick.placeholder = placeholder;
  quickPick.items = entries;
  testHooks.activeQuickPick = quickPick as unknown as vscode.QuickPick<vscode.QuickPickItem>;
  return new Promise<T | undefined>(resolve => {
    const accept = () => { resolve((quickPick.selectedItems[0] ?? quickPick.activeItems[0])?.value); quickPick.hide(); };
    testHooks.accept = accept;
    quickPick.onDidAccept(accept);
    quickPick.onDidHide(() => { resolve(undefined); if (testHooks.activeQuickPick === (quickPick as unknown)) testHooks.activeQuickPick = undefined; quickPick.dispose(); });
    quickPick.show();
  });
}

async function ask(title: string, prompt: string, value: string, validate?: (value: string) => string | undefined): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = title;
  box.prompt = prompt;
  box.value = value;
  testHooks.activeInputBox = box;
  return new Promise<string | undefined>(resolve => {
    const accept = () => {
      const problem = validate?.(box.value);
      if (problem) { box.validationMessage = problem; return; }
      resolve(box.value);
      box.hide();
    };
    testHooks.accept = accept;
    box.onDidChangeValue(() => { box.validationMessage = undefined; });
    box.onDidAccept(accept);
    box.onDidHide(() => { resolve(undefined); if (testHooks.activeInputBox === box) testHooks.activeInputBox = undefined; box.dispose(); });
    box.show();
  });
}

async function openFiles(filters: Record<string, string[]>, many: boolean): Promise<vscode.Uri[] | undefined> {
  if (testHooks.openDialog) return testHooks.openDialog();
  return vscode.window.showOpenDialog({ canSelectMany: many, filters, openLabel: vscode.l10n.t('Use these talks') });
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}

/** The title of every step (a function: the strings are looked up when the command runs). */
const title = (): string => vscode.l10n.t('Recap: New Recap Post');

/** The entries of the chosen source; `talks` when they come straight from the schedule pick. */
async function gatherEntries(source: Source): Promise<TalkEntry[] | undefined> {
  const { readCalendar } = await import('../core/schedule/ical');
  const { entriesFromCalendar, entriesFromLinks } = await import('../core/schedule/myTalks');
  if (source === 'calendar') {
    const files = await openFiles({ [vscode.l10n.t('iCalendar')]: ['ics', 'ical', 'ifb', 'icalendar'] }, true);
    if (!files?.length) return undefined;
    const entries: TalkEntry[] = [];
    const problems: string[] = [];
    for (const file of files) {
      const calendar = readCalendar(await readText(file));
      const name = path.basename(file.path);
      problems.push(...calendar.problems.map(problem => `${name}:${problem.line}: ${problem.message}`));
      entries.push(...entriesFromCalendar(calendar, name));
    }
    if (problems.length === 1) void vscode.window.showWarningMessage(vscode.l10n.t('Recap: {0}', problems[0]));
    else if (problems.length) void vscode.window.showWarningMessage(vscode.l10n.t('Recap: {count} problems in the calendar: {list}', { count: problems.length, list: `${problems.slice(0, 3).join(' · ')}${problems.length > 3 ? ' …' : ''}` }));
    return entries;
  }
  if (source === 'linksFile') {
    const [file] = await openFiles({ [vscode.l10n.t('Text')]: ['txt', 'md', 'markdown', 'csv'], [vscode.l10n.t('All files')]: ['*'] }, false) ?? [];
    return file ? entriesFromLinks(await readText(file), path.basename(file.path)) : undefined;
  }
  const clipboard = await vscode.env.clipboard.readText();
  const initial = /https?:\/\//.test(clipboard) ? clipboard.replace(/\s*\r?\n\s*/g, ' ').trim() : '';
  const text = await ask(title(), vscode.l10n.t('Talk links (event pages of any year), separated by spaces'), initial, value => (/https?:\/\//.test(value) ? undefined : vscode.l10n.t('Paste one or more talk links (https://fosdem.org/…/schedule/event/…).')));
  return text === undefined ? undefined : entriesFromLinks(text.split(/\s+/).join('\n'), 'links');
}

async function chooseYear(suggested: number | undefined): Promise<number | undefined> {
  const thisYear = new Date().getFullYear();
  const first = suggested ?? thisYear;
  const years = [first, ...Array.from({ length: thisYear + 1 - 2007 }, (_, i) => thisYear + 1 - i).filter(year => year !== first)];
  return pick(years.map((year, i) => ({ label: String(year), description: i === 0 && suggested ? vscode.l10n.t('from the talks') : undefined, value: year })), title(), vscode.l10n.t('Conference year'));
}

async function newRecapPost(schedules: Schedules, sites: Sites): Promise<void> {
  const source = await pick<Source>([
    { label: `$(calendar) ${vscode.l10n.t('Calendar export (.ics)…')}`, detail: vscode.l10n.t('FOSDEM companion app “Export bookmarks”, pretalx starred talks, a track calendar'), value: 'calendar' },
    { label: `$(link) ${vscode.l10n.t('Talk links…')}`, detail: vscode.l10n.t('Event page links, e.g. from the clipboard or browser tabs'), value: 'links' },
    { label: `$(file) ${vscode.l10n.t('File of talk links…')}`, detail: vscode.l10n.t('One talk link (or title) per line'), value: 'linksFile' },
    { label: `$(list-selection) ${vscode.l10n.t('Pick talks from the schedule…')}`, detail: vscode.l10n.t('Search and tick the talks'), value: 'pick' },
  ], title(), vscode.l10n.t('Where is your list of talks?'));
  if (!source) return;

  let entries: TalkEntry[] = [];
  if (source !== 'pick') {
    const gathered = await gatherEntries(source);
    if (!gathered) return;
    if (!gathered.length) { void vscode.window.showWarningMessage(vscode.l10n.t('Recap: no talks found there.')); return; }
    entries = gathered;
  }
  const { eventOf, matchTalks } = await import('../core/schedule/myTalks');
  const named = eventOf(entries);
  const conferences = schedules.conferences();
  let conference: ConferenceSetting | undefined = named.fosdem || conferences.length === 1 ? schedules.conference('FOSDEM') : undefined;
  conference ??= await pick(conferences.map(c => ({ label: c.name, description: c.url, value: c })), title(), vscode.l10n.t('Which conference?'));
  if (!conference) return;
  const year = named.years[0] ?? await chooseYear(undefined);
  if (year === undefined) return;
  const loaded = await schedules.get(conference, year);
  if (!loaded) return;
  const { schedule } = loaded;

  let matches: TalkMatches;
  if (source === 'pick') {
    const talks = await pickTalks(schedule, vscode.l10n.t('{conference} {year}: the talks you attended', { conference: conference.name, year }), true);
    if (!talks.length) return;
    matches = { talks: sortByTime(talks), matched: [], unmatched: [] };
  } else {
    matches = matchTalks(entries, schedule);
  }
  if (!matches.talks.length) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Recap: none of the {count} entries is a talk of {conference}: {reasons}.', { count: entries.length, conference: schedule.conference.title, reasons: matches.unmatched.slice(0, 3).map(u => u.reason).join('; ') }));
    return;
  }
  if (matches.unmatched.length) {
    const list = matches.unmatched.slice(0, 5).map(u => `${u.entry.source}: ${u.reason}`).join(' · ');
    void vscode.window.showWarningMessage(vscode.l10n.t('Recap: {unmatched} of {count} entries matched no talk of {conference}: {list}', { unmatched: matches.unmatched.length, count: entries.length, conference: schedule.conference.title, list: `${list}${matches.unmatched.length > 5 ? ' …' : ''}` }));
  }

  const group = await pick<Grouping>([
    { label: vscode.l10n.t('By day'), description: vscode.l10n.t('a heading per day'), value: 'day' },
    { label: vscode.l10n.t('By track'), description: vscode.l10n.t('a heading per track'), value: 'track' },
    { label: vscode.l10n.t('No grouping'), description: vscode.l10n.t('the talks in time order'), value: 'none' },
  ], title(), matches.talks.length === 1 ? vscode.l10n.t('1 talk: how should the post group it?') : vscode.l10n.t('{0} talks: how should the post group them?', matches.talks.length));
  if (!group) return;

  // The site: the active post's, else the first workspace folder's.
  const folder = vscode.workspace.workspaceFolders?.[0];
  const active = vscode.window.activeTextEditor?.document.uri;
  // Service paths: a file on disk, or a file of a virtual workspace folder (github.dev).
  const activePath = active && servicePath(active);
  const folderPath = folder && servicePath(folder.uri);
  const anchor = activePath ?? (folderPath !== undefined ? path.join(folderPath, '_') : undefined);
  if (!anchor) { void vscode.window.showWarningMessage(vscode.l10n.t('Recap: open the folder of your site first.')); return; }
  const site = await sites.siteFor(anchor);
  const { buildNewPost, checkPostTemplate } = await import('../core/recap/newPost');
  const { parseFrontMatter } = await import('../core/frontmatter/parse');
  const { postLocale } = await import('../core/text/locale');
  // Resource-scoped: a multi-root workspace may give each site its own template.
  const configuration = vscode.workspace.getConfiguration('recap', serviceUri(anchor));
  let template = configuration.get<string>('newPostTemplate', '').trim() ? configuration.get<string>('newPostTemplate', '') : undefined;
  const templateProblem = template && checkPostTemplate(template);
  if (templateProblem) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Recap: recap.newPostTemplate: {0} The built-in template is used.', templateProblem));
    template = undefined;
  }
  const files = site ? await sites.postsOf(site) : [];
  const posts = await Promise.all(files.map(async file => ({ path: file, parsed: parseFrontMatter((await workspaceFileHost.readFile(file) ?? '').slice(0, 65536)) })));
  const post = buildNewPost({
    schedule, talks: matches.talks, group, template, now: new Date(),
    siteRoot: site?.root, generator: site?.generator, contentDirs: site?.contentDirs, posts,
    siteIndex: site?.generator === 'hugo' ? await sites.indexFor(site) : undefined,
    imageShortcode: configuration.get<string>('images.shortcode', 'image'),
    locale: postLocale({ site, uiLanguage: vscode.env.language }),
  });
  const root = site?.root ?? folderPath ?? path.dirname(anchor);
  const proposed = await freePath(root, post.relativePath);
  const relative = await ask(title(), vscode.l10n.t('Create the post (relative to {0}/)', path.basename(root)), proposed, value => {
    if (!value.trim() || path.isAbsolute(value) || value.split(/[\\/]/).includes('..')) return vscode.l10n.t('A path inside the site, e.g. content/posts/fosdem-recap.md');
    return undefined;
  });
  if (!relative) return;
  const target = path.join(root, ...relative.trim().split(/[\\/]/));
  const uri = serviceUri(target);
  if (await workspaceFileHost.exists(target)) { void vscode.window.showErrorMessage(vscode.l10n.t('Recap: {0} exists; pick another name.', relative)); return; }
  await vscode.workspace.fs.writeFile(uri, new Uint8Array());
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  await editor.insertSnippet(new vscode.SnippetString(post.snippet), new vscode.Position(0, 0));
  testHooks.last = { uri, matches };
}

function sortByTime(talks: Talk[]): Talk[] {
  return [...talks].sort((a, b) => (a.date ?? `${a.day}T${a.start}`).localeCompare(b.date ?? `${b.day}T${b.start}`));
}

/** `relative`, or with `-2`, `-3` … before its extension (or on its bundle folder) when a file is there. */
async function freePath(root: string, relative: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? relative : /\/index\.[^/]+$/.test(relative)
      ? relative.replace(/\/(index\.[^/]+)$/, `-${n}/$1`)
      : relative.replace(/(\.[^./]+)?$/, ext => `-${n}${ext}`);
    if (!(await workspaceFileHost.exists(path.join(root, ...candidate.split('/'))))) return candidate;
  }
}

export function registerNewRecapPost(context: vscode.ExtensionContext, schedules: Schedules, sites: Sites): void {
  context.subscriptions.push(vscode.commands.registerCommand('recap.newRecapPost', () => newRecapPost(schedules, sites)));
}
