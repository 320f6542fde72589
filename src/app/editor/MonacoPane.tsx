/**
 * The Monaco editor (loaded lazily with this module): one model per VM's
 * source, markers from the assembler's diagnostics, breakpoints in the glyph
 * margin, and each vCPU's current PC highlighted (the focused one strongest).
 * Monaco owns its DOM; React only creates it and pushes state in.
 */
import { useEffect, useRef } from 'react';
import type * as M from 'monaco-editor/editor';
import { sourceName } from '../../worker/protocol.ts';
import { useApp, useAppStore } from '../store/useApp.ts';
import { selectBreakpoints, selectDiagnostics, selectDraftId, selectEditorVm, selectFocused, selectGuestDocs, selectPcs, selectStop, selectTheme } from '../store/selectors.ts';
import { LANGUAGE_ID, registerArm64 } from './arm64Language.ts';
import { coreLanguageData } from './coreLanguageData.ts';
import { monaco } from './monaco.ts';

const uriOf = (vm: number) => monaco.Uri.parse(`inmemory://hvlab/vm${vm}.s`);

export default function MonacoPane() {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<M.editor.IStandaloneCodeEditor | null>(null);
  const models = useRef(new Map<number, M.editor.ITextModel>());
  const decorations = useRef(new Map<number, M.editor.IEditorDecorationsCollection>());
  const store = useAppStore();
  const theme = useApp(selectTheme);
  const draftId = useApp(selectDraftId);
  const docs = useApp(selectGuestDocs);
  const editorVm = useApp(selectEditorVm);
  const diagnostics = useApp(selectDiagnostics);
  const breakpoints = useApp(selectBreakpoints);
  const pcs = useApp(selectPcs);
  const focused = useApp(selectFocused);
  const stop = useApp(selectStop);

  // Create the editor once.
  useEffect(() => {
    registerArm64(monaco, coreLanguageData());
    const ed = monaco.editor.create(host.current!, {
      automaticLayout: true,
      glyphMargin: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      ariaLabel: 'Assembly source editor',
      tabSize: 4,
      renderLineHighlight: 'none',
    });
    editorRef.current = ed;
    const sub = ed.onMouseDown((e) => {
      const t = e.target.type;
      if (t !== monaco.editor.MouseTargetType.GUTTER_GLYPH_MARGIN && t !== monaco.editor.MouseTargetType.GUTTER_LINE_NUMBERS) return;
      const line = e.target.position?.lineNumber;
      const vm = [...models.current].find(([, m]) => m === ed.getModel())?.[0];
      if (line && vm !== undefined) store.getState().actions.toggleBreakpoint(vm, line);
    });
    if (window.__hvlab) window.__hvlab.editorReady = true;
    const modelMap = models.current;
    return () => {
      sub.dispose();
      ed.dispose();
      for (const m of modelMap.values()) m.dispose();
      modelMap.clear();
      editorRef.current = null;
    };
  }, [store]);

  useEffect(() => {
    monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  }, [theme]);

  // (Re)build the models when a scenario is opened or restructured.
  useEffect(() => {
    const map = models.current;
    for (const m of map.values()) m.dispose();
    map.clear();
    decorations.current.clear();
    for (const d of store.getState().editor.draft ? docs : []) {
      const model = monaco.editor.createModel(d.source, LANGUAGE_ID, uriOf(d.vm));
      model.onDidChangeContent(() => store.getState().actions.editSource(d.vm, model.getValue()));
      map.set(d.vm, model);
    }
    // Only draftId: a change of `docs` alone is the user's own typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draftId, store]);

  // Show the selected VM's model.
  useEffect(() => {
    const ed = editorRef.current;
    const model = models.current.get(editorVm) ?? models.current.values().next().value ?? null;
    if (ed && ed.getModel() !== model) {
      ed.setModel(model);
      decorations.current.clear();
    }
  }, [editorVm, draftId]);

  // Diagnostics -> markers.
  useEffect(() => {
    for (const d of docs) {
      const model = models.current.get(d.vm);
      if (!model) continue;
      const file = sourceName(d.name);
      monaco.editor.setModelMarkers(
        model,
        'hvlab-asm',
        diagnostics
          .filter((x) => x.file === file)
          .map((x) => ({
            severity: x.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
            message: x.message,
            code: x.code,
            startLineNumber: x.line,
            startColumn: x.column,
            endLineNumber: x.line,
            endColumn: x.column + Math.max(1, x.length),
          })),
      );
    }
  }, [diagnostics, docs, draftId]);

  // Breakpoints and PCs -> decorations of the shown model.
  useEffect(() => {
    const ed = editorRef.current;
    const model = ed?.getModel();
    if (!ed || !model) return;
    const vm = [...models.current].find(([, m]) => m === model)?.[0];
    if (vm === undefined) return;
    let coll = decorations.current.get(vm);
    if (!coll) {
      coll = ed.createDecorationsCollection();
      decorations.current.set(vm, coll);
    }
    const lines = model.getLineCount();
    const deco: M.editor.IModelDeltaDecoration[] = [];
    for (const b of breakpoints) {
      if (b.vm !== vm || b.line > lines) continue;
      deco.push({ range: new monaco.Range(b.line, 1, b.line, 1), options: { glyphMarginClassName: 'hv-bp-glyph', glyphMarginHoverMessage: { value: 'Breakpoint (click to remove)' } } });
    }
    let focusLine: number | null = null;
    for (const p of pcs) {
      if (p.vm !== vm || p.line > lines) continue;
      const isFocused = p.vm === focused.vm && p.vcpu === focused.vcpu;
      if (isFocused) focusLine = p.line;
      deco.push({
        range: new monaco.Range(p.line, 1, p.line, 1),
        options: {
          isWholeLine: true,
          className: isFocused ? 'hv-pc-focused' : 'hv-pc-other',
          linesDecorationsClassName: isFocused ? 'hv-pc-glyph' : undefined,
          hoverMessage: { value: `PC of vCPU ${p.vm}.${p.vcpu}` },
          stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
        },
      });
    }
    coll.set(deco);
    if (focusLine !== null && stop) ed.revealLineInCenterIfOutsideViewport(focusLine);
  }, [breakpoints, pcs, focused, stop, editorVm, draftId]);

  return <div ref={host} className="monaco-host" style={{ height: '100%', width: '100%' }} data-testid="monaco-host" />;
}
