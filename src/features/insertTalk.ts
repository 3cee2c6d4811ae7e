// "Recap: Insert FOSDEM Talk…", "… Talk with Slides and Video…", "… Speaker…", "… Track…": pick the year,
// then talks from a quick pick that searches titles, speakers, tracks and rooms as you type; several
// talks can be picked. The Markdown goes in as one snippet, so one undo removes it.
import * as vscode from 'vscode';
import type { Person, Schedule, Talk } from '../core/schedule/model';
import { yearOfPost, type ConferenceSetting, type Schedules } from './schedules';

type TemplateName = 'talk' | 'talkWithLinks' | 'speaker' | 'track';

const TEMPLATE_SETTINGS: Record<TemplateName, string> = {
  talk: 'talkTemplate',
  talkWithLinks: 'talkWithLinksTemplate',
  speaker: 'speakerTemplate',
  track: 'trackTemplate',
};

/** The user's template, or undefined for the built-in one. */
function template(name: TemplateName): string | undefined {
  const value = vscode.workspace.getConfiguration('recap', vscode.window.activeTextEditor?.document.uri).get<string>(TEMPLATE_SETTINGS[name], '');
  return value && value.trim() ? value : undefined;
}

/** What the test suite can reach: the quick pick on screen (the real one a user sees). */
// activeQuickPick is cleared on hide only if no later pick replaced it (hide events arrive late).
export const testHooks: {
  activeQuickPick?: vscode.QuickPick<vscode.QuickPickItem>;
  /** Types into the talk pick: sets its value and searches, as a keystroke does (a programmatic `value` fires no event). */
  type?: (value: string) => void;
  /** What Enter does in the talk pick. */
  accept?: () => void;
} = {};

interface TalkItem extends vscode.QuickPickItem {
  talk: Talk;
}

function talkItem(talk: Talk): TalkItem {
  const speakers = talk.persons.map(person => person.name).join(', ');
  const when = [talk.track, talk.room, talk.day && talk.start ? `${weekday(talk.day)} ${talk.start}` : talk.start].filter(Boolean).join(' · ');
  return { label: talk.title, description: speakers, detail: when, talk, alwaysShow: true };
}

function weekday(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : date.toLocaleDateString(vscode.env.language || undefined, { weekday: 'short', timeZone: 'UTC' });
}

/** A quick pick over the schedule that filters with our own search (accents, word order, speakers). */
export async function pickTalks(schedule: Schedule, title: string, canPickMany: boolean): Promise<Talk[]> {
  const { searchTalks } = await import('../core/schedule/search');
  const quickPick = vscode.window.createQuickPick<TalkItem>();
  quickPick.title = title;
  quickPick.placeholder = vscode.l10n.t('Type a title, speaker, track or room');
  quickPick.canSelectMany = canPickMany;
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  const itemsById = new Map<string, TalkItem>();
  const itemFor = (talk: Talk) => {
    let item = itemsById.get(talk.id);
    if (!item) itemsById.set(talk.id, item = talkItem(talk));
    return item;
  };
  // Picks survive a new search: they stay on top and stay ticked.
  const chosen = new Map<string, TalkItem>();
  let updating = false;
  const show = (query: string) => {
    updating = true;
    const found = query.trim() ? searchTalks(schedule, query, 200).map(hit => itemFor(hit.talk)) : schedule.events.slice(0, 500).map(itemFor);
    const picked = [...chosen.values()];
    quickPick.items = [...picked, ...found.filter(item => !chosen.has(item.talk.id))];
    if (canPickMany) quickPick.selectedItems = picked;
    updating = false;
  };
  /** The ticks on screen decide for the visible rows; picks hidden by the current search stay. */
  const syncChosen = (selection: readonly TalkItem[]) => {
    const visible = new Set(quickPick.items.map(item => item.talk.id));
    for (const id of [...chosen.keys()]) if (visible.has(id)) chosen.delete(id);
    for (const item of selection) chosen.set(item.talk.id, item);
  };
  show('');
  testHooks.activeQuickPick = quickPick as unknown as vscode.QuickPick<vscode.QuickPickItem>;
  testHooks.type = value => { syncChosen(quickPick.selectedItems); quickPick.value = value; show(value); };
  return new Promise<Talk[]>(resolve => {
    const accept = () => {
      if (canPickMany) syncChosen(quickPick.selectedItems);
      const picked = canPickMany ? [...chosen.values()] : quickPick.selectedItems.length > 0 ? [...quickPick.selectedItems] : quickPick.activeItems.slice(0, 1);
      // Enter on a highlighted row with nothing ticked inserts that row, as users expect.
      const result = picked.length > 0 ? picked : quickPick.activeItems.slice(0, 1);
      resolve(result.map(item => item.talk));
      quickPick.hide();
    };
    testHooks.accept = accept;
    const disposables: vscode.Disposable[] = [
      quickPick.onDidChangeValue(value => show(value)),
      quickPick.onDidChangeSelection(selection => {
        if (!updating && canPickMany) syncChosen(selection);
      }),
      quickPick.onDidAccept(accept),
      quickPick.onDidHide(() => {
        resolve([]);
        if (testHooks.activeQuickPick === (quickPick as unknown)) testHooks.activeQuickPick = undefined;
        for (const disposable of disposables) disposable.dispose();
        quickPick.dispose();
      }),
    ];
    quickPick.show();
  });
}

async function pickFrom<T>(entries: { label: string; description?: string; value: T }[], title: string, placeholder: string): Promise<T | undefined> {
  const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem & { value: T }>();
  quickPick.title = title;
  quickPick.placeholder = placeholder;
  quickPick.matchOnDescription = true;
  quickPick.items = entries;
  testHooks.activeQuickPick = quickPick as unknown as vscode.QuickPick<vscode.QuickPickItem>;
  return new Promise<T | undefined>(resolve => {
    const accept = () => { resolve(quickPick.selectedItems[0]?.value ?? quickPick.activeItems[0]?.value); quickPick.hide(); };
    testHooks.accept = accept;
    quickPick.onDidAccept(accept);
    quickPick.onDidHide(() => { resolve(undefined); if (testHooks.activeQuickPick === (quickPick as unknown)) testHooks.activeQuickPick = undefined; quickPick.dispose(); });
    quickPick.show();
  });
}

/** Year first (default from the post), then the conference when several are configured; `title` names the command. */
async function chooseSchedule(schedules: Schedules, editor: vscode.TextEditor, title: string): Promise<{ schedule: Schedule; conference: ConferenceSetting } | undefined> {
  const conferences = schedules.conferences();
  let conference = conferences[0];
  if (conferences.length > 1) {
    const picked = await pickFrom(conferences.map(c => ({ label: c.name, description: c.url, value: c })), title, vscode.l10n.t('Which conference?'));
    if (!picked) return undefined;
    conference = picked;
  }
  const { parseFrontMatter } = await import('../core/frontmatter/parse');
  const text = editor.document.getText();
  const suggested = yearOfPost(parseFrontMatter(text).data, text);
  const thisYear = new Date().getFullYear();
  const years = [suggested, ...Array.from({ length: thisYear + 1 - 2007 }, (_, i) => thisYear + 1 - i).filter(year => year !== suggested)];
  const year = await pickFrom(years.map((y, i) => ({ label: String(y), description: i === 0 ? vscode.l10n.t('from this post') : undefined, value: y })), title, vscode.l10n.t('Which year of {0}?', conference.name));
  if (year === undefined) return undefined;
  const loaded = await schedules.get(conference, year);
  return loaded && { schedule: loaded.schedule, conference };
}

/** "1 talk", "12 talks". */
function talkCount(count: number): string {
  return count === 1 ? vscode.l10n.t('1 talk') : vscode.l10n.t('{0} talks', count);
}

function activeMarkdownEditor(): vscode.TextEditor | undefined {
  // From the walkthrough (or a preview) no text editor has the focus: then the one Markdown editor in view.
  const visible = vscode.window.visibleTextEditors.filter(candidate => candidate.document.languageId === 'markdown');
  const editor = vscode.window.activeTextEditor ?? (visible.length === 1 ? visible[0] : undefined);
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Recap: open a Markdown post first.'));
    return undefined;
  }
  return editor;
}

/** Several entries: one per line, continuing the list the cursor is in. */
async function insertLines(editor: vscode.TextEditor, lines: string[]): Promise<void> {
  const { escapeSnippetText } = await import('../core/lint/findings');
  const eol = editor.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const line = editor.document.lineAt(editor.selection.active.line).text;
  const bullet = /^(\s*[-*+]\s+)/.exec(line)?.[1] ?? (lines.length > 1 ? '- ' : '');
  const first = /^\s*[-*+]\s+$/.test(line) || lines.length === 1 ? '' : bullet;
  const body = lines.map((entry, index) => `${index === 0 ? first : bullet}${escapeSnippetText(entry)}`).join(eol);
  await editor.insertSnippet(new vscode.SnippetString(`${body}$0`));
}

async function insertTalks(schedules: Schedules, withLinks: boolean): Promise<void> {
  const editor = activeMarkdownEditor();
  if (!editor) return;
  const chosen = await chooseSchedule(schedules, editor, withLinks ? vscode.l10n.t('Recap: Insert FOSDEM Talk with Slides and Video') : vscode.l10n.t('Recap: Insert FOSDEM Talk'));
  if (!chosen) return;
  const talks = await pickTalks(chosen.schedule, vscode.l10n.t('{conference} {year} talks — pick one or more', { conference: chosen.conference.name, year: chosen.schedule.conference.year ?? '' }), true);
  if (talks.length === 0) return;
  const { DEFAULT_TEMPLATES, formatTalk } = await import('../core/schedule/format');
  const name: TemplateName = withLinks ? 'talkWithLinks' : 'talk';
  await insertLines(editor, talks.map(talk => formatTalk(talk, chosen.schedule, template(name) ?? DEFAULT_TEMPLATES[name])));
}

async function insertSpeaker(schedules: Schedules): Promise<void> {
  const editor = activeMarkdownEditor();
  if (!editor) return;
  const chosen = await chooseSchedule(schedules, editor, vscode.l10n.t('Recap: Insert FOSDEM Speaker'));
  if (!chosen) return;
  const { searchPersons } = await import('../core/schedule/search');
  const { formatSpeaker } = await import('../core/schedule/format');
  const { talksOf } = await import('../core/schedule/links');
  const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem & { person: Person }>();
  quickPick.title = vscode.l10n.t({ message: '{0} speakers', args: [chosen.conference.name], comment: 'The title of the speaker pick: {0} is the conference, e.g. FOSDEM.' });
  quickPick.placeholder = vscode.l10n.t('Type a speaker’s name');
  quickPick.matchOnDescription = true;
  const items = (persons: Person[]) => persons.map(person => ({ label: person.name, description: talksOf(chosen.schedule, person).map(talk => talk.title).join('; '), person, alwaysShow: true }));
  const show = (value: string) => {
    quickPick.items = value.trim() ? items(searchPersons(chosen.schedule, value, 200).map(hit => hit.person)) : items(chosen.schedule.persons.slice(0, 500));
  };
  show('');
  quickPick.onDidChangeValue(show);
  testHooks.activeQuickPick = quickPick as unknown as vscode.QuickPick<vscode.QuickPickItem>;
  testHooks.type = value => { quickPick.value = value; show(value); };
  const person = await new Promise<Person | undefined>(resolve => {
    const accept = () => { resolve((quickPick.selectedItems[0] ?? quickPick.activeItems[0])?.person); quickPick.hide(); };
    testHooks.accept = accept;
    quickPick.onDidAccept(accept);
    quickPick.onDidHide(() => { resolve(undefined); if (testHooks.activeQuickPick === (quickPick as unknown)) testHooks.activeQuickPick = undefined; quickPick.dispose(); });
    quickPick.show();
  });
  if (person) await insertLines(editor, [formatSpeaker(person, chosen.schedule, template('speaker'))]);
}

async function insertTrack(schedules: Schedules): Promise<void> {
  const editor = activeMarkdownEditor();
  if (!editor) return;
  const chosen = await chooseSchedule(schedules, editor, vscode.l10n.t('Recap: Insert FOSDEM Track'));
  if (!chosen) return;
  const { formatTrack } = await import('../core/schedule/format');
  const counts = new Map<string, number>();
  for (const talk of chosen.schedule.events) counts.set(talk.track, (counts.get(talk.track) ?? 0) + 1);
  const track = await pickFrom(chosen.schedule.tracks.map(t => ({ label: t, description: talkCount(counts.get(t) ?? 0), value: t })), vscode.l10n.t({ message: '{0} tracks', args: [chosen.conference.name], comment: 'The title of the track pick: {0} is the conference, e.g. FOSDEM.' }), vscode.l10n.t('Type a track name'));
  if (track) await insertLines(editor, [formatTrack(track, chosen.schedule, template('track'))]);
}

async function refreshSchedule(schedules: Schedules): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const text = editor?.document.languageId === 'markdown' ? editor.document.getText() : '';
  const conferences = schedules.conferences();
  const conference = conferences.length > 1
    ? await pickFrom(conferences.map(c => ({ label: c.name, description: c.url, value: c })), vscode.l10n.t('Recap: Refresh Schedule'), vscode.l10n.t('Which conference?'))
    : conferences[0];
  if (!conference) return;
  const { parseFrontMatter } = await import('../core/frontmatter/parse');
  const year = yearOfPost(text ? parseFrontMatter(text).data : {}, text);
  const loaded = await schedules.get(conference, year, { force: true });
  if (loaded) void vscode.window.showInformationMessage(vscode.l10n.t('Recap: the {conference} {year} schedule is up to date ({talks}).', { conference: conference.name, year, talks: talkCount(loaded.schedule.events.length) }));
}

export function registerInsertCommands(context: vscode.ExtensionContext, schedules: Schedules): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('recap.insertTalk', () => insertTalks(schedules, false)),
    vscode.commands.registerCommand('recap.insertTalkWithLinks', () => insertTalks(schedules, true)),
    vscode.commands.registerCommand('recap.insertSpeaker', () => insertSpeaker(schedules)),
    vscode.commands.registerCommand('recap.insertTrack', () => insertTrack(schedules)),
    vscode.commands.registerCommand('recap.refreshSchedule', () => refreshSchedule(schedules)),
  );
}
