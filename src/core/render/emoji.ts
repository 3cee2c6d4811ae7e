// Emoji short names (`:joy:`) for sites with Hugo's `enableEmoji`: markdown-it-emoji with GitHub's
// full list (the gemoji names Hugo uses), without its text smileys (`:)`), which Hugo does not convert.
import type { MarkdownIt } from 'markdown-it';
import { full as markdownItEmoji } from 'markdown-it-emoji';

export function emojiPlugin(md: MarkdownIt): void {
  // The @types package describes markdown-it 14's class; the plugin only uses the API 15 keeps.
  (markdownItEmoji as unknown as (md: MarkdownIt, options: { shortcuts: Record<string, string> }) => void)(md, { shortcuts: {} });
  const attribute = (text: string) => text.replace(/[&<>"]/g, c => `&#${c.charCodeAt(0)};`);
  md.renderer.rules.emoji = (tokens, idx) => `<span class="recap-emoji" role="img" aria-label="${attribute(tokens[idx].markup)}">${tokens[idx].content}</span>`;
}
