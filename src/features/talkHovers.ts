// Hovers on fosdem.org / archive.fosdem.org event, speaker and track links: what the schedule says about
// them (title, speakers, track, room, time, abstract excerpt, slides and video), from the cached schedule.
import * as vscode from 'vscode';
import type { Person, Schedule, Talk } from '../core/schedule/model';
import type { Schedules } from './schedules';

const URL_PATTERN = /https?:\/\/(?:www\.|archive\.)?fosdem\.org\/[^\s)<>\]"'`]+/gi;

/** The fosdem.org URL under the cursor, with its range. */
export function scheduleUrlAt(line: string, character: number): { url: string; start: number; end: number } | undefined {
  for (const match of line.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (character >= start && character <= end) return { url: match[0].replace(/[.,;:!?]+$/, ''), start, end };
  }
  return undefined;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>]/g, '\\$&');
}

/** `abstract`: the talk's abstract as a plain-text excerpt. */
export function talkHoverMarkdown(talk: Talk, schedule: Schedule, abstract: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escapeMarkdown(talk.title)}**${talk.subtitle ? ` — ${escapeMarkdown(talk.subtitle)}` : ''}\n\n`);
  if (talk.persons.length > 0) md.appendMarkdown(`$(person) ${talk.persons.map(p => p.url ? `[${escapeMarkdown(p.name)}](${p.url})` : escapeMarkdown(p.name)).join(', ')}\n\n`);
  const when = [talk.track && vscode.l10n.t('track {0}', escapeMarkdown(talk.track)), talk.room && vscode.l10n.t('room {0}', escapeMarkdown(talk.room)), [talk.day, talk.start].filter(Boolean).join(' ')].filter(Boolean).join(' · ');
  if (when) md.appendMarkdown(`$(calendar) ${when}${talk.durationMinutes ? ` ${vscode.l10n.t('({0} min)', talk.durationMinutes)}` : ''}\n\n`);
  if (abstract) md.appendMarkdown(`${escapeMarkdown(abstract)}\n\n`);
  const links = [...talk.slides.map(s => `[$(file-pdf) ${escapeMarkdown(s.title || vscode.l10n.t('slides'))}](${s.href})`), ...talk.videos.slice(0, 2).map(v => `[$(device-camera-video) ${escapeMarkdown(v.title || vscode.l10n.t('video'))}](${v.href})`)];
  if (links.length > 0) md.appendMarkdown(`${links.join(' · ')}\n\n`);
  md.appendMarkdown(`_${scheduleName(schedule)}_`);
  return md;
}

/** "FOSDEM 2025 schedule", escaped for Markdown. */
function scheduleName(schedule: Schedule): string {
  return vscode.l10n.t({ message: '{0} schedule', args: [escapeMarkdown(schedule.conference.title)], comment: 'The last line of a talk’s hover: {0} is the conference and year, e.g. FOSDEM 2025.' });
}

export function personHoverMarkdown(person: Person, talks: Talk[], schedule: Schedule): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`$(person) **${escapeMarkdown(person.name)}**\n\n`);
  for (const talk of talks) md.appendMarkdown(`- ${talk.url ? `[${escapeMarkdown(talk.title)}](${talk.url})` : escapeMarkdown(talk.title)} (${escapeMarkdown([talk.track, talk.room, talk.day, talk.start].filter(Boolean).join(' · '))})\n`);
  md.appendMarkdown(`\n_${scheduleName(schedule)}_`);
  return md;
}

export function registerTalkHovers(context: vscode.ExtensionContext, schedules: Schedules, isPost: (document: vscode.TextDocument) => Promise<boolean>): void {
  const provider: vscode.HoverProvider = {
    async provideHover(document, position, token) {
      const found = scheduleUrlAt(document.lineAt(position.line).text, position.character);
      if (!found || !(await isPost(document))) return undefined;
      const links = await import('../core/schedule/links');
      const parsed = links.parseScheduleUrl(found.url);
      if (!parsed?.year) return undefined;
      const loaded = await schedules.background(schedules.conference('FOSDEM'), parsed.year);
      if (!loaded || token.isCancellationRequested) return undefined;
      const range = new vscode.Range(position.line, found.start, position.line, found.end);
      if (parsed.kind === 'event') {
        const talk = links.findTalkByUrl(loaded.schedule, found.url);
        if (!talk) return new vscode.Hover(vscode.l10n.t('Not in the {0} schedule.', loaded.schedule.conference.title), range);
        const { excerpt, htmlToText } = await import('../core/schedule/format');
        return new vscode.Hover(talkHoverMarkdown(talk, loaded.schedule, excerpt(htmlToText(talk.abstract || talk.description), 400)), range);
      }
      if (parsed.kind === 'speaker') {
        const person = links.findPersonByUrl(loaded.schedule, found.url);
        return person ? new vscode.Hover(personHoverMarkdown(person, links.talksOf(loaded.schedule, person), loaded.schedule), range) : undefined;
      }
      const track = links.findTrackByUrl(loaded.schedule, found.url);
      if (!track) return undefined;
      const talks = loaded.schedule.events.filter(talk => talk.track === track);
      const count = talks.length === 1
        ? vscode.l10n.t('1 talk in the {0} schedule', escapeMarkdown(loaded.schedule.conference.title))
        : vscode.l10n.t('{count} talks in the {schedule} schedule', { count: talks.length, schedule: escapeMarkdown(loaded.schedule.conference.title) });
      return new vscode.Hover(new vscode.MarkdownString(`**${escapeMarkdown(track)}** — ${count}`), range);
    },
  };
  context.subscriptions.push(vscode.languages.registerHoverProvider({ language: 'markdown' }, provider));
}
