// Conference Recap preview: the webview script (the only script the panel's CSP lets run), bundled by
// esbuild into dist/webview/preview.js. What it sends and takes is typed by the protocol the extension
// uses (src/features/previewProtocol.ts), and the extension validates what it receives.
//
// State: vscode.setState({ line, uri, locked }) so that a reloaded panel comes back to the same place;
// the panel may also give a starting line as <body data-line="N">.
import type { ExtensionMessage, PageMessage } from '../features/previewProtocol';

interface WebviewApi {
  postMessage(message: PageMessage): void;
  getState(): Record<string, unknown> | undefined;
  setState(state: Record<string, unknown>): void;
}
declare function acquireVsCodeApi(): WebviewApi;

interface LineElement { element: Element; line: number }

const vscode: WebviewApi | undefined = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
const header = document.getElementById('recap-header');
const content = document.getElementById('recap-content');

const post = (message: PageMessage): void => { vscode?.postMessage(message); };
const saveState = (extra: Record<string, unknown>): void => { vscode?.setState({ ...(vscode.getState() ?? {}), ...extra }); };

// ---------- source lines ----------

/** The elements with a source line, in document order; rebuilt after each update. */
let lineElements: LineElement[] | undefined;

function getLineElements(): LineElement[] {
  if (!lineElements) {
    lineElements = [];
    for (const element of document.querySelectorAll('.code-line[data-line]')) {
      const line = Number(element.getAttribute('data-line'));
      if (!Number.isNaN(line)) lineElements.push({ element, line });
    }
  }
  return lineElements;
}

/** Top of an element in document coordinates. */
function topOf(element: Element): number {
  return element.getBoundingClientRect().top + window.scrollY;
}

/** The elements before and after a source line (binary search on lines, which rise in document order). */
function elementsForLine(line: number): { previous?: LineElement; next?: LineElement } {
  const list = getLineElements();
  let lo = 0;
  let hi = list.length - 1;
  let previous: number | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].line <= line) {
      previous = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (previous === undefined) return { previous: list[0], next: undefined };
  // Several elements can share a line (a list and its first item): take the outermost, the first.
  let first = previous;
  while (first > 0 && list[first - 1].line === list[previous].line) first--;
  let next = previous + 1;
  while (next < list.length && list[next].line <= list[previous].line) next++;
  return { previous: list[first], next: list[next] };
}

/** Where our own last scroll left the page (undefined once the author scrolled elsewhere). */
let ownScrollY: number | undefined;
/**
 * Whether the author has touched the page (wheel, keys, a press on the scroll bar, touch) since our last scroll.
 * Only such scrolls are reported to the editor: the page also scrolls by itself when images load or a patch
 * changes the layout (the browser keeps the visible content in place), and reporting those would pull the
 * editor back to where the page was — on a slow machine, after the author had moved on.
 */
let authorInput = false;

/**
 * Scrolls the page for the editor; the scroll event that follows is ours, not the author's, and is
 * not reported back. It is recognised by where the page ended up, not by how soon the event comes.
 */
function scrollWithoutEcho(y: number): void {
  window.scrollTo(0, y);
  ownScrollY = window.scrollY;
  authorInput = false;
}

function scrollToLine(line: number): void {
  const { previous, next } = elementsForLine(line);
  if (!previous) return;
  const previousTop = topOf(previous.element);
  let y = previousTop;
  if (next && next.line !== previous.line) {
    const progress = Math.min(1, Math.max(0, (line - previous.line) / (next.line - previous.line)));
    y = previousTop + progress * (topOf(next.element) - previousTop);
  } else if (!next) {
    const progress = line - Math.floor(line);
    y = previousTop + progress * previous.element.getBoundingClientRect().height;
  }
  scrollWithoutEcho(Math.max(0, y - 10));
}

/** The (fractional) source line at a vertical offset of the document. */
function lineAtOffset(offset: number): number {
  const list = getLineElements();
  if (list.length === 0) return 0;
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (topOf(list[mid].element) <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found === -1) return list[0].line;
  const current = list[found];
  const next = list[found + 1];
  const top = topOf(current.element);
  if (next && next.line > current.line) {
    const span = topOf(next.element) - top;
    if (span > 0) return current.line + ((offset - top) / span) * (next.line - current.line);
  }
  return current.line;
}

// ---------- scroll sync ----------

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
let lastRevealed: number | undefined;

function onScroll(): void {
  if (scrollTimer !== undefined) return;
  scrollTimer = setTimeout(() => {
    scrollTimer = undefined;
    const line = lineAtOffset(window.scrollY + 10);
    saveState({ line });
    if (ownScrollY !== undefined && Math.abs(window.scrollY - ownScrollY) < 1) return;
    if (!authorInput) return;
    ownScrollY = undefined;
    if (lastRevealed !== undefined && Math.abs(line - lastRevealed) < 0.01) return;
    lastRevealed = line;
    post({ type: 'revealLine', line });
  }, 50);
}

// ---------- clicks ----------

function onDoubleClick(event: MouseEvent): void {
  const target = event.target;
  if (!(target instanceof Element) || target.closest('a')) return;
  const element = target.closest('.code-line[data-line]');
  const line = element ? Number(element.getAttribute('data-line')) : Math.floor(lineAtOffset(event.pageY));
  if (!Number.isNaN(line)) post({ type: 'openLine', line });
}

function onClick(event: MouseEvent): void {
  const target = event.target;
  if (!(target instanceof Element)) return;
  const link = target.closest('a[href]');
  if (!link || !vscode) return;
  const href = link.getAttribute('href') ?? '';
  event.preventDefault();
  if (href.startsWith('#')) {
    let id = href.slice(1);
    try { id = decodeURIComponent(id); } catch { /* keep it as written */ }
    document.getElementById(id)?.scrollIntoView();
    return;
  }
  // The renderer puts data-source-file on relref links it resolved; the sanitizer removes it from a
  // post's own HTML, and the extension opens it only if its render resolved that file.
  const file = link.getAttribute('data-source-file') ?? undefined;
  post(file ? { type: 'openLink', href, file } : { type: 'openLink', href });
}

// ---------- updates ----------

/** The HTML of an element without its source-line attributes: blocks that only moved compare equal. */
function signature(html: string): string {
  return html.replace(/ data-line="\d+"/g, '');
}

function keyOf(node: ChildNode): string {
  return node instanceof Element ? signature(node.outerHTML) : `#${node.nodeType}:${node.textContent ?? ''}`;
}

function copyLines(from: Element, to: Element): boolean {
  const line = from.getAttribute('data-line');
  if (line !== null) to.setAttribute('data-line', line);
  const source = from.querySelectorAll('[data-line]');
  const target = to.querySelectorAll('[data-line]');
  if (source.length !== target.length) return false;
  for (let i = 0; i < source.length; i++) target[i].setAttribute('data-line', source[i].getAttribute('data-line') ?? '');
  return true;
}

/**
 * Replaces the children of `container` with those of `html`, reusing the existing nodes whose
 * content did not change (images stay loaded, nothing flickers), only updating their data-line.
 */
function patch(container: HTMLElement, html: string): void {
  const template = document.createElement('template');
  template.innerHTML = html;
  const fresh = Array.from(template.content.childNodes);
  const old = Array.from(container.childNodes);
  const pool = new Map<string, ChildNode[]>();
  for (const node of old) {
    const key = keyOf(node);
    const list = pool.get(key);
    if (list) list.push(node); else pool.set(key, [node]);
  }
  const result: ChildNode[] = [];
  for (const node of fresh) {
    const reused = pool.get(keyOf(node))?.shift();
    if (reused && (!(node instanceof Element) || (reused instanceof Element && copyLines(node, reused)))) result.push(reused);
    else result.push(node);
  }
  const keep = new Set(result);
  for (const node of old) if (!keep.has(node)) node.remove();
  // Put the nodes in order, moving as few as possible.
  let cursor = container.firstChild;
  for (const node of result) {
    if (node === cursor) cursor = cursor.nextSibling;
    else container.insertBefore(node, cursor);
  }
  lineElements = undefined;
}

function update(message: Extract<ExtensionMessage, { type: 'update' }>, body: HTMLElement): void {
  const scrollY = window.scrollY;
  if (header && typeof message.headerHtml === 'string' && header.innerHTML !== message.headerHtml) patch(header, message.headerHtml);
  if (typeof message.bodyHtml === 'string') patch(body, message.bodyHtml);
  lineElements = undefined;
  if (typeof message.line === 'number') scrollToLine(message.line);
  else if (window.scrollY !== scrollY) scrollWithoutEcho(scrollY);
}

function onMessage(event: MessageEvent<unknown>, body: HTMLElement): void {
  const message = event.data as ExtensionMessage | null;
  if (!message || typeof message !== 'object') return;
  switch (message.type) {
    case 'update':
      update(message, body);
      break;
    case 'scrollTo':
      if (typeof message.line === 'number') scrollToLine(message.line);
      break;
    case 'state':
      // Which post and whether locked: kept in the webview state so a window reload restores the panel.
      if (message.state && typeof message.state === 'object') saveState(message.state);
      break;
  }
}

// ---------- start ----------

function start(body: HTMLElement): void {
  window.addEventListener('scroll', onScroll, { passive: true });
  for (const type of ['wheel', 'keydown', 'mousedown', 'touchstart', 'touchmove']) {
    window.addEventListener(type, () => { authorInput = true; }, { passive: true, capture: true });
  }
  document.addEventListener('dblclick', onDoubleClick);
  document.addEventListener('click', onClick);
  window.addEventListener('message', event => onMessage(event, body));
  try {
    const initialState: unknown = JSON.parse(document.body.getAttribute('data-state') ?? '{}');
    if (initialState && typeof initialState === 'object') saveState(initialState as Record<string, unknown>);
  } catch {
    // No state attribute: nothing to restore.
  }
  const state = vscode?.getState();
  const initial = typeof state?.line === 'number' ? state.line : Number(document.body.getAttribute('data-line'));
  if (!Number.isNaN(initial) && initial > 0) {
    const go = () => scrollToLine(initial);
    if (document.readyState === 'complete') go(); else window.addEventListener('load', go, { once: true });
  }
  post({ type: 'ready' });
}

if (content) start(content);
