// A full HTML document around a rendered post: the `recap render` page (and a base for the panel's).
// No script at all, and a Content-Security-Policy that says so: `default-src 'none'`, `script-src
// 'none'`, the page's own <style> elements allowed by hash (a file has no per-response nonce) or by
// nonce, images and media from the page's folder, https: and the sources the caller names.
import { escapeHtml } from './context';
import type { RenderResult } from './render';

export interface PageOptions {
  /** Style sheets' text, inlined in order (the preview's own first, then the site's). */
  css: string[];
  /** Document title (default: the post's). */
  title?: string;
  /** Nonce for the <style> elements (`style-src 'nonce-…'`). */
  cspNonce?: string;
  /**
   * SHA-256 of a text, base64 (the caller's crypto: the core has none). The <style> elements are then
   * allowed by hash. Without it and without a nonce, the policy allows inline styles ('unsafe-inline').
   */
  sha256Base64?: (text: string) => string;
  /**
   * Where images and media may load from besides the page's own folder ('self'), https: and data:
   * images: `file:` when the page links local files by file: URL, the published site's origin for
   * `--base-url http://localhost:1313`.
   */
  resourceSources?: string[];
  /** `lang` of the document. */
  lang?: string;
}

/** `</style` inside CSS text would end the element early. */
function safeCss(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}

/** A CSP source expression the caller gave: a scheme (`file:`) or an origin, nothing that could end the attribute or add a directive. */
function isSourceExpression(source: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:|[a-z][a-z0-9+.-]*:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?|'self')$/i.test(source);
}

/** The page's Content-Security-Policy for the given style element texts. */
export function pagePolicy(styleTexts: string[], options: Pick<PageOptions, 'cspNonce' | 'sha256Base64' | 'resourceSources'>, nonce: string | undefined): string {
  const extra = (options.resourceSources ?? []).filter(isSourceExpression);
  const styles = nonce ? [`'nonce-${nonce}'`]
    : options.sha256Base64 ? [...new Set(styleTexts.map(text => `'sha256-${options.sha256Base64!(text)}'`))]
    : ["'unsafe-inline'"];
  const resources = ["'self'", 'https:', ...extra];
  return [
    "default-src 'none'",
    "script-src 'none'",
    `style-src ${styles.length ? styles.join(' ') : "'none'"}`,
    `img-src ${[...resources, 'data:'].join(' ')}`,
    `media-src ${resources.join(' ')}`,
    `font-src ${[...resources, 'data:'].join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function standalonePage(result: RenderResult, options: PageOptions): string {
  const nonce = options.cspNonce && /^[A-Za-z0-9+/=_-]+$/.test(options.cspNonce) ? options.cspNonce : undefined;
  // The exact text of each <style> element: what a hash in the policy must be computed over.
  const styleTexts = options.css.map(css => `\n${safeCss(css)}\n`);
  // The policy's quotes are single; only `&`, `"` and `<` need escaping in the attribute (none is expected).
  const policy = pagePolicy(styleTexts, options, nonce).replace(/[&"<]/g, c => (c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&lt;'));
  const csp = `<meta http-equiv="Content-Security-Policy" content="${policy}">\n`;
  const styles = styleTexts.map(text => `<style${nonce ? ` nonce="${nonce}"` : ''}>${text}</style>`).join('\n');
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
