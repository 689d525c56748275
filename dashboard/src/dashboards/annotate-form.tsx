/** The small form a click on a chart's time axis opens: text and tags for a new annotation at that time. */
import { useState } from "preact/hooks";
import { formatTime } from "../time";
import { parseTags } from "./annotations";

export function AnnotateForm(props: { time: number; utc: boolean; onSubmit(text: string, tags: string[]): Promise<void>; onCancel(): void }) {
  const [text, setText] = useState("");
  const [tags, setTags] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div class="modal-backdrop" role="dialog" aria-label="Add annotation">
      <form
        class="modal annotate"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!text.trim()) return setError("Say what happened");
          setBusy(true);
          try {
            await props.onSubmit(text.trim(), parseTags(tags));
          } catch (err) {
            setError((err as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <h2>Annotate {formatTime(props.time, props.utc ? "utc" : "local")}</h2>
        <label>
          Text
          <textarea aria-label="Annotation text" rows={3} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} autoFocus />
        </label>
        <label>
          Tags
          <input aria-label="Annotation tags" placeholder="deploy, incident" value={tags} onInput={(e) => setTags((e.target as HTMLInputElement).value)} />
        </label>
        {error && <p class="error" role="alert">{error}</p>}
        <div class="row">
          <button type="submit" class="primary" disabled={busy}>
            Add annotation
          </button>
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
