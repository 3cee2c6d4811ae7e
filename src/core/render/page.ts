// A full HTML document around a rendered post: the `recap render` page (and a base for the panel's).
// No inline script; styles go in <style> elements, allowed by a nonce when one is given.
import { escapeHtml } from './context';
import type { RenderResult } from './render';

export interface PageOptions {
  /** Style sheets' text, inlined in order (the preview's own first, then the site's). */
  css: string[];
  /** Document title (default: the post's). */
  title?: string;
  /** Nonce for the <style> elements and the CSP (`style-src 'nonce-…'`). Without it, no CSP is set. */
  cspNonce?: string;
  /** `lang` of the document. */
  lang?: string;
}

/** `</style` inside CSS text would end the element early. */
function safeCss(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}

export function standalonePage(result: RenderResult, options: PageOptions): string {
  const nonce = options.cspNonce && /^[A-Za-z0-9+/=_-]+$/.test(options.cspNonce) ? options.cspNonce : undefined;
  const csp = nonce
    ? `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src https: data: file: 'self'; media-src https: file: 'self'; style-src 'nonce-${nonce}'; font-src https: data:;">\n`
    : '';
  const styles = options.css.map(css => `<style${nonce ? ` nonce="${nonce}"` : ''}>\n${safeCss(css)}\n</style>`).join('\n');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(options.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${csp}<meta name="generator" content="recap render">
<title>${escapeHtml(options.title ?? result.title)}</title>
${styles}
</head>
<body class="recap-page recap-standalone">
${result.html}
</body>
</html>
`;
}
