// The preview page ↔ extension protocol, and the decisions about it that need no VS Code: which
// messages from the page are acted on (anything else is dropped), and which editor scroll is the echo of
// a scroll the page asked for. No `vscode` import, so the unit tests cover it directly.

/** Messages the page (src/webview/preview.ts) sends. */
export type PageMessage =
  | { type: 'ready' }
  | { type: 'revealLine'; line: number }
  | { type: 'openLine'; line: number }
  | { type: 'openLink'; href: string; file?: string };

/** Messages the extension sends to the page. */
export type ExtensionMessage =
  | { type: 'update'; headerHtml: string; bodyHtml: string; line?: number }
  | { type: 'scrollTo'; line: number }
  | { type: 'state'; state: { uri: string; locked: boolean } };

/** Longest href or file path taken from the page; a longer one is not a link a post holds. */
const MAX_LINK_LENGTH = 8192;

function isLine(value: unknown, lineCount: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < lineCount;
}

function isLink(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_LINK_LENGTH;
}

/**
 * The page's message if it is well formed for a document of `lineCount` lines, else undefined. The page
 * shows a post's HTML, so its messages are input like any other: known type, exact fields, lines in range.
 */
export function parsePageMessage(message: unknown, lineCount: number): PageMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const fields = message as Record<string, unknown>;
  switch (fields.type) {
    case 'ready':
      return { type: 'ready' };
    case 'revealLine':
    case 'openLine':
      return isLine(fields.line, lineCount) ? { type: fields.type, line: fields.line } : undefined;
    case 'openLink':
      if (!isLink(fields.href)) return undefined;
      if (fields.file === undefined) return { type: 'openLink', href: fields.href };
      return isLink(fields.file) ? { type: 'openLink', href: fields.href, file: fields.file } : undefined;
    default:
      return undefined;
  }
}

/** Reveals the page may have asked for whose echo has not come back yet (a page scrolled by the author sends many). */
const MAX_PENDING_REVEALS = 32;

/**
 * Tells the editor's echo of a page-driven scroll from a scroll of the author's. When the page asks for
 * line L, the editor reveals L and later reports its new visible range; that report must not be sent
 * back to the page (which would jump to where the author just left). The echo is recognised by what
 * it shows, never by how soon it arrives: a report whose top line is a requested line, or up to
 * `stickyLines` above it (VS Code's sticky scroll keeps headings over the top lines), is an echo, and
 * repeats of that same top line are too. While the author scrolls the page, several requests are in
 * flight and their echoes come back late and in order: each is matched to its own request, and the
 * requests before it (whose echoes the editor merged) are dropped. Any other report is the author's.
 */
export class ScrollEcho {
  private readonly pending: number[] = [];
  private echoTop: number | undefined;

  /** The page asked the editor to show `line` at its top. */
  revealing(line: number): void {
    this.pending.push(Math.floor(line));
    if (this.pending.length > MAX_PENDING_REVEALS) this.pending.shift();
  }

  /** The editor now shows `topLine` first: true when that is the echo of a `revealing`, to be ignored. */
  isEcho(topLine: number, stickyLines: number): boolean {
    const matched = this.pending.findIndex(line => topLine <= line && topLine >= line - stickyLines - 1);
    if (matched >= 0) {
      this.pending.splice(0, matched + 1);
      this.echoTop = topLine;
      return true;
    }
    if (this.echoTop !== undefined && topLine === this.echoTop) return true;
    this.pending.length = 0;
    this.echoTop = undefined;
    return false;
  }
}
