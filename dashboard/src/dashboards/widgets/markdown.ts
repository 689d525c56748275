/**
 * Markdown for the text widget (a lazy chunk: markdown-it is ~100 KB). Safe by construction
 * rather than by cleaning afterwards: with `html: false` markdown-it escapes every HTML tag in
 * the source, so no `<script>` or `onerror=` can reach the page, and its link validator
 * refuses `javascript:`, `vbscript:`, `file:` and non-image `data:` URLs. Links open in a new
 * tab without handing it our window.
 */
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet("target", "_blank");
  tokens[idx].attrSet("rel", "noopener noreferrer");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Markdown → HTML safe to set as innerHTML. */
export function renderMarkdown(text: string): string {
  return md.render(text);
}
