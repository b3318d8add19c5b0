// The bank YAML editor: CodeMirror 6 laid over the edit form's text box.
//
// The text box stays in the form (hidden) and is kept equal to the editor's text, so the form
// posts exactly what it posts without JavaScript. The server's problems, listed above the form
// with their line and column, become the editor's lint markers, and their links put the cursor
// there. Tab indents by two spaces; Escape, then Tab, moves on out of the editor.
//
// The editor lives in a shadow root: CodeMirror's styles then go into a constructed style sheet
// there, which the site's Content-Security-Policy (style-src 'self', no inline styles) allows,
// where in the page itself they would need an inline <style> element.
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { yaml } from "@codemirror/lang-yaml";
import {
  bracketMatching,
  defaultHighlightStyle,
  indentUnit,
  syntaxHighlighting,
} from "@codemirror/language";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { EditorState } from "@codemirror/state";
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from "@codemirror/view";

// The offset of a 1-based line and column, clamped into the text the editor holds now.
function offsetOf(doc, line, column) {
  const row = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return row.from + Math.min(Math.max(column - 1, 0), row.length);
}

// One marker per listed problem, from its column to the end of the line's text.
function diagnosticsFrom(links, doc) {
  return links.map((link) => {
    const from = offsetOf(doc, Number(link.dataset.yamlLine), Number(link.dataset.yamlColumn));
    const row = doc.lineAt(from);
    const end = row.from + row.text.trimEnd().length;
    return { from, to: Math.max(from, end), severity: "error", message: link.dataset.yamlMessage };
  });
}

// The look of the editor; the site's colours reach into the shadow root as custom properties.
const look = EditorView.theme({
  "&": {
    height: "36rem",
    border: "1px solid var(--muted)",
    borderRadius: "var(--radius)",
    backgroundColor: "var(--paper)",
    fontSize: ".9rem",
  },
  "&.cm-focused": { outline: "var(--focus)", outlineOffset: "2px" },
  ".cm-scroller": { overflow: "auto", fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace' },
  ".cm-gutters": { backgroundColor: "var(--wash)", color: "var(--muted)" },
});

function mount(box) {
  const label = document.querySelector(`label[for="${box.id}"]`);
  // An id reference cannot cross into the shadow root, so the label's words are copied.
  const content = {
    spellcheck: "false",
    autocapitalize: "off",
    "aria-multiline": "true",
    // Already in the tab order as an editable element; said outright so that checkers see the
    // scrolling box holds something reachable by keyboard.
    tabindex: "0",
    "aria-label": label ? label.textContent.trim() : box.name,
  };
  const host = document.createElement("div");
  host.className = "bank-editor";
  box.after(host);
  const root = host.attachShadow({ mode: "open" });
  const view = new EditorView({
    root,
    parent: root,
    state: EditorState.create({
      doc: box.value,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        bracketMatching(),
        indentUnit.of("  "),
        EditorState.tabSize.of(2),
        yaml(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        lintGutter(),
        look,
        keymap.of([indentWithTab, ...defaultKeymap, ...historyKeymap]),
        EditorView.contentAttributes.of(content),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) {
            box.value = update.state.doc.toString();
          }
        }),
      ],
    }),
  });
  box.hidden = true;

  const links = [...document.querySelectorAll(`a[href="#${box.id}"][data-yaml-line]`)];
  view.dispatch(setDiagnostics(view.state, diagnosticsFrom(links, view.state.doc)));
  for (const link of links) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const at = offsetOf(view.state.doc, Number(link.dataset.yamlLine), Number(link.dataset.yamlColumn));
      view.dispatch({
        selection: { anchor: at },
        effects: EditorView.scrollIntoView(at, { y: "center" }),
      });
      view.focus();
    });
  }
  if (label) {
    label.addEventListener("click", () => view.focus());
  }
}

for (const box of document.querySelectorAll("textarea[data-code-editor]")) {
  mount(box);
}
