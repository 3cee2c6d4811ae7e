// Diagnostics as you type: debounced, one generation counter per document so a slow check never
// overwrites a newer one, and the latest findings kept for the quick fixes.
import * as vscode from 'vscode';
import { ruleDocUrl, type Finding, type Severity } from '../core/lint/findings';
import type { ParsedFrontMatter } from '../core/frontmatter/parse';
import type { Schedule } from '../core/schedule/model';
import type { PostContext, Sites } from './sites';
import { logError } from './log';
import { CHECKED_POST_CONTEXT, SITE_DETECTED_CONTEXT } from './onboarding';

export const DIAGNOSTIC_SOURCE = 'recap';

export interface Analysis {
  version: number;
  /** The check that made it: a later check of the same version (a schedule landed, the site changed) makes a newer one. */
  generation: number;
  findings: Finding[];
  parsed?: ParsedFrontMatter;
  context: PostContext;
}

const SEVERITIES: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** The conference schedules a post's talk/… checks use (loaded from the cache or in the background). */
export type ScheduleProvider = (text: string, parsed: ParsedFrontMatter) => Promise<Schedule[]>;

export class PostChecker implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly analyses = new Map<string, Analysis>();
  private readonly generations = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly sites: Sites) {}

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.collection.dispose();
  }

  /** No schedule is not an error: the talk checks just do not run. */
  setScheduleProvider(provider: ScheduleProvider): void {
    this.sites.setScheduleProvider(async (text, parsed) => {
      try {
        return { schedules: await provider(text, parsed) };
      } catch (error) {
        logError('Loading the schedules for the talk checks failed', error);
        return {};
      }
    });
  }

  /** Re-checks every open post (something they depend on changed). */
  recheckAll(): void {
    for (const document of vscode.workspace.textDocuments) if (document.languageId === 'markdown' && !document.isClosed) this.schedule(document, 0);
  }

  /** The findings of the document's current version, if it has been checked. */
  analysis(document: vscode.TextDocument): Analysis | undefined {
    const analysis = this.analyses.get(document.uri.toString());
    return analysis?.version === document.version ? analysis : undefined;
  }

  /** Checks later (typing), or now when `delay` is 0. */
  schedule(document: vscode.TextDocument, delay = vscode.workspace.getConfiguration('recap', document.uri).get<number>('validation.delay', 300)): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.check(document, generation);
    }, delay));
  }

  /** Checks now and resolves when the diagnostics are published. */
  async checkNow(document: vscode.TextDocument): Promise<Analysis | undefined> {
    const key = document.uri.toString();
    // The caller (a quick fix, Fix All on save) wants findings made after it asked. A check started meanwhile (a
    // re-check when a schedule lands or the site changes, another caller) makes ours stale: then its result is the
    // answer, awaited rather than overtaken again, so two callers never cancel each other.
    const asked = this.generations.get(key) ?? 0;
    const answer = (analysis: Analysis | undefined) => analysis && analysis.version === document.version && analysis.generation > asked ? analysis : undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      const done = answer(this.analyses.get(key));
      if (done) return done;
      const running = this.running.get(key);
      let generation: number;
      let analysis: Analysis | undefined;
      if (running && running.generation > asked) {
        generation = running.generation;
        analysis = await running.promise;
      } else {
        generation = (this.generations.get(key) ?? 0) + 1;
        this.generations.set(key, generation);
        analysis = await this.check(document, generation);
      }
      if (analysis || document.isClosed) return analysis;
      // Not overtaken: the file is not a post, or the check failed (logged).
      if (this.generations.get(key) === generation) return undefined;
    }
    return answer(this.analyses.get(key));
  }

  forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    this.analyses.delete(key);
    this.collection.delete(document.uri);
  }

  private announced = { post: false, site: false };

  /** The walkthrough's steps "open your site" and "see a post checked" complete on these context keys. */
  private announceChecked(inSite: boolean): void {
    if (!this.announced.post) void vscode.commands.executeCommand('setContext', CHECKED_POST_CONTEXT, true);
    if (inSite && !this.announced.site) void vscode.commands.executeCommand('setContext', SITE_DETECTED_CONTEXT, true);
    this.announced = { post: true, site: this.announced.site || inSite };
  }

  /** The check under way per document, for checkNow to wait on instead of starting another. */
  private readonly running = new Map<string, { generation: number; promise: Promise<Analysis | undefined> }>();

  private check(document: vscode.TextDocument, generation: number): Promise<Analysis | undefined> {
    const key = document.uri.toString();
    const promise = this.runCheck(document, generation);
    this.running.set(key, { generation, promise });
    void promise.then(() => {
      if (this.running.get(key)?.generation === generation) this.running.delete(key);
    });
    return promise;
  }

  private async runCheck(document: vscode.TextDocument, generation: number): Promise<Analysis | undefined> {
    const key = document.uri.toString();
    try {
      const version = document.version;
      const result = await this.sites.check(document);
      // Stale: a newer check was scheduled while this one awaited.
      if (this.generations.get(key) !== generation || document.isClosed || document.version !== version) return undefined;
      if (!result) {
        this.analyses.delete(key);
        this.collection.delete(document.uri);
        return undefined;
      }
      const analysis: Analysis = { version, generation, findings: result.findings, parsed: result.parsed, context: result.context };
      this.analyses.set(key, analysis);
      this.collection.set(document.uri, result.findings.map(finding => toDiagnostic(document, finding)));
      this.announceChecked(result.context.site !== undefined);
      return analysis;
    } catch (error) {
      // Never let a bug in a rule take the editor down; say it once in the log.
      logError(`Checking ${document.uri.fsPath} failed`, error);
      return undefined;
    }
  }
}

export function toRange(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(Math.max(start, end)));
}

function toDiagnostic(document: vscode.TextDocument, finding: Finding): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(document, finding.start, finding.end), finding.message, SEVERITIES[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.rule, target: vscode.Uri.parse(ruleDocUrl(finding.rule)) };
  return diagnostic;
}

export function registerDiagnostics(context: vscode.ExtensionContext, sites: Sites): PostChecker {
  const checker = new PostChecker(sites);
  const isMarkdown = (document: vscode.TextDocument) => document.languageId === 'markdown';
  context.subscriptions.push(
    checker,
    vscode.workspace.onDidOpenTextDocument(document => { if (isMarkdown(document)) checker.schedule(document, 0); }),
    vscode.workspace.onDidChangeTextDocument(event => { if (isMarkdown(event.document) && event.contentChanges.length > 0) checker.schedule(event.document); }),
    vscode.workspace.onDidCloseTextDocument(document => checker.forget(document)),
    sites.onDidChange(() => {
      for (const document of vscode.workspace.textDocuments) if (isMarkdown(document)) checker.schedule(document);
    }),
  );
  for (const document of vscode.workspace.textDocuments) if (isMarkdown(document)) checker.schedule(document, 0);
  return checker;
}
