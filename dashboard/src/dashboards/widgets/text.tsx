/** Text: the panel's Markdown (`options.markdown`), rendered safely by ./markdown (a lazy chunk). */
import { useEffect, useState } from "preact/hooks";
import type { WidgetProps } from "./types";

export function TextWidget(props: WidgetProps) {
  const source = props.panel.options.markdown ?? "";
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    import("./markdown").then(({ renderMarkdown }) => alive && setHtml(renderMarkdown(source)));
    return () => void (alive = false);
  }, [source]);
  if (!source.trim()) return <div class="widget-message empty">No text yet: edit the panel to write some Markdown.</div>;
  if (html === null) return <div class="widget-message empty">Loading…</div>;
  // Safe: markdown-it with html off escapes every tag in the source (see ./markdown).
  return <div class="markdown" style={{ maxHeight: `${props.height}px` }} dangerouslySetInnerHTML={{ __html: html }} />;
}
