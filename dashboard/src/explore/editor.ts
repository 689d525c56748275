/**
 * The query editor (a lazy chunk: CodeMirror is most of its weight): highlighting from
 * our lexer, completion from /api/v1/query/complete, diagnostics from /validate
 * underlined at their ranges, Ctrl/Cmd+Enter to run.
 */
import { autocompletion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { linter, lintGutter, type Diagnostic as CmDiagnostic } from "@codemirror/lint";
import { EditorState, RangeSetBuilder } from "@codemirror/state";
import { Decoration, EditorView, keymap, placeholder, ViewPlugin, type DecorationSet, type ViewUpdate } from "@codemirror/view";
import { api, type Diagnostic, type Suggestion } from "../api";
import { classify } from "./highlight";

export interface EditorHandle {
  view: EditorView;
  setText(text: string): void;
  focus(): void;
}

const marks = new Map<string, Decoration>();
const mark = (cls: string) => {
  let m = marks.get(cls);
  if (!m) marks.set(cls, (m = Decoration.mark({ class: `tok-${cls}` })));
  return m;
};

function decorations(view: EditorView): DecorationSet {
  const b = new RangeSetBuilder<Decoration>();
  for (const t of classify(view.state.doc.toString())) b.add(t.from, t.to, mark(t.cls));
  return b.finish();
}

const highlighter = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = decorations(view);
    }
    update(u: ViewUpdate) {
      if (u.docChanged) this.decorations = decorations(u.view);
    }
  },
  { decorations: (v) => v.decorations },
);

async function completions(ctx: CompletionContext): Promise<CompletionResult | null> {
  const word = ctx.matchBefore(/[\w.$-]*/);
  if (!ctx.explicit && (!word || word.from === word.to) && !/[|(\s=]$/.test(ctx.state.sliceDoc(0, ctx.pos))) return null;
  let res: { suggestions: Suggestion[] };
  try {
    res = await api<{ suggestions: Suggestion[] }>("/api/v1/query/complete", { query: ctx.state.doc.toString(), cursor: ctx.pos });
  } catch {
    return null;
  }
  if (ctx.aborted || res.suggestions.length === 0) return null;
  const from = Math.min(...res.suggestions.map((s) => s.from));
  return {
    from,
    options: res.suggestions.map((s) => ({ label: s.label, apply: s.insertText, type: s.kind, detail: s.detail })),
    validFor: /^[\w.]*$/,
  };
}

const diagnostics = linter(
  async (view): Promise<CmDiagnostic[]> => {
    const text = view.state.doc.toString();
    if (!text.trim()) return [];
    try {
      const r = await api<{ diagnostics: Diagnostic[] }>("/api/v1/query/validate", { query: text });
      const len = view.state.doc.length;
      return r.diagnostics.map((d) => ({
        from: Math.min(d.from, len),
        to: Math.min(Math.max(d.to, d.from + 1), len),
        severity: d.severity,
        message: d.message,
      }));
    } catch {
      return [];
    }
  },
  { delay: 300 },
);

export function createEditor(parent: HTMLElement, opts: { text: string; onChange(text: string): void; onRun(): void }): EditorHandle {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: opts.text,
      extensions: [
        history(),
        keymap.of([{ key: "Mod-Enter", run: () => (opts.onRun(), true) }, ...defaultKeymap, ...historyKeymap]),
        highlighter,
        autocompletion({ override: [completions], activateOnTyping: true }),
        diagnostics,
        lintGutter(),
        placeholder('logs | where severity >= "ERROR" | summarize count() by bin(timestamp, 1m), service.name'),
        EditorView.lineWrapping,
        EditorView.updateListener.of((u) => u.docChanged && opts.onChange(u.state.doc.toString())),
      ],
    }),
  });
  return {
    view,
    setText(text) {
      if (text !== view.state.doc.toString()) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    focus: () => view.focus(),
  };
}
