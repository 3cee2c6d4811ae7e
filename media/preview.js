// Conference Recap preview: the webview script (the only script the panel's CSP lets run).
//
// Messages in:  { type: 'update', bodyHtml, headerHtml, line? }  patch #recap-header / #recap-content
//                                                                keeping the scroll position (or go to `line`)
//               { type: 'scrollTo', line }                       the editor scrolled: show that source line
// Messages out: { type: 'ready' }                                the script is listening
//               { type: 'revealLine', line }                     the page scrolled (throttled; line may be fractional)
//               { type: 'openLine', line }                       double-click: jump to the source line
//               { type: 'openLink', href, file? }                a link was clicked (file: absolute path for relref links)
// State: vscode.setState({ line }) so a reloaded panel comes back to the same place; the panel may
// also give a starting line as <body data-line="N">.
(function () {
  'use strict';

  /* global acquireVsCodeApi */
  const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  const header = document.getElementById('recap-header');
  const content = document.getElementById('recap-content');
  if (!content) return;

  const post = message => { if (vscode) vscode.postMessage(message); };

  // ---------- source lines ----------

  /** [{ element, line }] in document order, rebuilt after each update. */
  let lineElements;

  function getLineElements() {
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
  function topOf(element) {
    return element.getBoundingClientRect().top + window.scrollY;
  }

  /** The elements before and after a source line (binary search on lines, which rise in document order). */
  function elementsForLine(line) {
    const list = getLineElements();
    let lo = 0;
    let hi = list.length - 1;
    let previous;
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

  function scrollToLine(line) {
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

  /**
   * Scrolls the page for the editor; the scroll event that follows is ours, not the author's, and is
   * not reported back. It is recognised by where the page ended up, not by how soon the event comes.
   */
  function scrollWithoutEcho(y) {
    window.scrollTo(0, y);
    ownScrollY = window.scrollY;
  }

  /** The (fractional) source line at the top of the window. */
  function lineAtOffset(offset) {
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
      const nextTop = topOf(next.element);
      const span = nextTop - top;
      if (span > 0) return current.line + ((offset - top) / span) * (next.line - current.line);
    }
    return current.line;
  }

  // ---------- scroll sync ----------

  /** Where our own last scroll left the page (undefined once the author scrolled elsewhere). */
  let ownScrollY;
  let scrollTimer;
  let lastRevealed;

  function onScroll() {
    if (scrollTimer !== undefined) return;
    scrollTimer = setTimeout(() => {
      scrollTimer = undefined;
      const line = lineAtOffset(window.scrollY + 10);
      if (vscode) vscode.setState({ ...(vscode.getState() || {}), line });
      if (ownScrollY !== undefined && Math.abs(window.scrollY - ownScrollY) < 1) return;
      ownScrollY = undefined;
      if (lastRevealed !== undefined && Math.abs(line - lastRevealed) < 0.01) return;
      lastRevealed = line;
      post({ type: 'revealLine', line });
    }, 50);
  }

  window.addEventListener('scroll', onScroll, { passive: true });

  document.addEventListener('dblclick', event => {
    const target = event.target;
    if (!(target instanceof Element) || target.closest('a')) return;
    const element = target.closest('.code-line[data-line]');
    let line;
    if (element) {
      line = Number(element.getAttribute('data-line'));
    } else {
      line = Math.floor(lineAtOffset(event.pageY));
    }
    if (!Number.isNaN(line)) post({ type: 'openLine', line });
  });

  document.addEventListener('click', event => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const link = target.closest('a[href]');
    if (!link || !vscode) return;
    const href = link.getAttribute('href') || '';
    if (href.startsWith('#')) {
      event.preventDefault();
      const anchor = document.getElementById(decodeURIComponent(href.slice(1)));
      if (anchor) anchor.scrollIntoView();
      return;
    }
    event.preventDefault();
    const file = link.getAttribute('data-source-file') || undefined;
    post({ type: 'openLink', href, file });
  });

  // ---------- updates ----------

  /** The HTML of an element without its source-line attributes: blocks that only moved compare equal. */
  function signature(html) {
    return html.replace(/ data-line="\d+"/g, '');
  }

  function copyLines(from, to) {
    if (from.hasAttribute && from.hasAttribute('data-line')) to.setAttribute('data-line', from.getAttribute('data-line'));
    const source = from.querySelectorAll ? from.querySelectorAll('[data-line]') : [];
    const target = to.querySelectorAll ? to.querySelectorAll('[data-line]') : [];
    if (source.length !== target.length) return false;
    for (let i = 0; i < source.length; i++) target[i].setAttribute('data-line', source[i].getAttribute('data-line'));
    return true;
  }

  /**
   * Replaces the children of `container` with those of `html`, reusing the existing nodes whose
   * content did not change (images stay loaded, nothing flickers), only updating their data-line.
   */
  function patch(container, html) {
    const template = document.createElement('template');
    template.innerHTML = html;
    const fresh = Array.from(template.content.childNodes);
    const old = Array.from(container.childNodes);
    const pool = new Map();
    for (const node of old) {
      const key = node.nodeType === 1 ? signature(node.outerHTML) : `#${node.nodeType}:${node.textContent}`;
      const list = pool.get(key);
      if (list) list.push(node); else pool.set(key, [node]);
    }
    const result = [];
    for (const node of fresh) {
      const key = node.nodeType === 1 ? signature(node.outerHTML) : `#${node.nodeType}:${node.textContent}`;
      const list = pool.get(key);
      const reused = list && list.shift();
      if (reused && (node.nodeType !== 1 || copyLines(node, reused))) result.push(reused);
      else result.push(node);
    }
    const keep = new Set(result);
    for (const node of old) if (!keep.has(node)) node.remove();
    // Put the nodes in order, moving as few as possible.
    let cursor = container.firstChild;
    for (const node of result) {
      if (node === cursor) {
        cursor = cursor.nextSibling;
      } else {
        container.insertBefore(node, cursor);
      }
    }
    lineElements = undefined;
  }

  function update(message) {
    const scrollY = window.scrollY;
    if (header && typeof message.headerHtml === 'string' && header.innerHTML !== message.headerHtml) patch(header, message.headerHtml);
    if (typeof message.bodyHtml === 'string') patch(content, message.bodyHtml);
    lineElements = undefined;
    if (typeof message.line === 'number') {
      scrollToLine(message.line);
    } else if (window.scrollY !== scrollY) {
      scrollWithoutEcho(scrollY);
    }
  }

  window.addEventListener('message', event => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    switch (message.type) {
      case 'update':
        update(message);
        break;
      case 'scrollTo':
        if (typeof message.line === 'number') scrollToLine(message.line);
        break;
      case 'state':
        // Which post and whether locked: kept in the webview state so a window reload restores the panel.
        if (vscode && message.state && typeof message.state === 'object') vscode.setState({ ...(vscode.getState() || {}), ...message.state });
        break;
    }
  });

  // ---------- start ----------

  try {
    const initialState = JSON.parse(document.body.getAttribute('data-state') || '{}');
    if (vscode) vscode.setState({ ...(vscode.getState() || {}), ...initialState });
  } catch (error) {
    // No state attribute: nothing to restore.
  }
  const state = vscode ? vscode.getState() : undefined;
  const initial = state && typeof state.line === 'number' ? state.line : Number(document.body.getAttribute('data-line'));
  if (!Number.isNaN(initial) && initial > 0) {
    const go = () => scrollToLine(initial);
    if (document.readyState === 'complete') go(); else window.addEventListener('load', go, { once: true });
  }
  post({ type: 'ready' });
})();
