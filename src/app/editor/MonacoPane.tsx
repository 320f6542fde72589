/**
 * The Monaco editor (loaded lazily with this module): one model per source
 * file, markers from the assembler's diagnostics, breakpoints in the glyph
 * margin, and each vCPU's current PC highlighted (the focused one strongest;
 * in a shared file, PCs of the shown VM only).
 * Monaco owns its DOM; React only creates it and pushes state in.
 */
import { useEffect, useRef } from 'react';
import type * as M from 'monaco-editor/editor';
import { useApp, useAppStore, useThrottledApp } from '../store/useApp.ts';
import { selectBreakpoints, selectDiagnostics, selectDraftId, selectEditorFile, selectEditorVm, selectFocused, selectPcs, selectStop, selectTheme } from '../store/selectors.ts';
import { LANGUAGE_ID, registerArm64 } from './arm64Language.ts';
import { coreLanguageData } from './coreLanguageData.ts';
import { monaco } from './monaco.ts';

/** The file path a model stands for, or null. */
function fileOf(models: ReadonlyMap<string, M.editor.ITextModel>, model: M.editor.ITextModel | null): string | null {
  for (const [file, m] of models) if (m === model) return file;
  return null;
}

const uriOf = (file: string) => monaco.Uri.from({ scheme: 'inmemory', authority: 'hvlab', path: `/${file.replace(/\.\.\//g, '_up/')}` });

export default function MonacoPane() {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<M.editor.IStandaloneCodeEditor | null>(null);
  const models = useRef(new Map<string, M.editor.ITextModel>());
  const decorations = useRef<M.editor.IEditorDecorationsCollection | null>(null);
  const store = useAppStore();
  const theme = useApp(selectTheme);
  const draftId = useApp(selectDraftId);
  const editorVm = useApp(selectEditorVm);
  const editorFile = useApp(selectEditorFile);
  const diagnostics = useApp(selectDiagnostics);
  const breakpoints = useApp(selectBreakpoints);
  const pcs = useThrottledApp(selectPcs);
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
    decorations.current = ed.createDecorationsCollection();
    const sub = ed.onMouseDown((e) => {
      const t = e.target.type;
      if (t !== monaco.editor.MouseTargetType.GUTTER_GLYPH_MARGIN && t !== monaco.editor.MouseTargetType.GUTTER_LINE_NUMBERS) return;
      const line = e.target.position?.lineNumber;
      const file = fileOf(models.current, ed.getModel());
      if (line && file !== null) store.getState().actions.toggleBreakpoint(file, line);
    });
    if (window.__hvlab) {
      window.__hvlab.editorReady = true;
      window.__hvlab.markers = () =>
        monaco.editor.getModelMarkers({ owner: 'hvlab-asm' }).map((m) => ({
          file: fileOf(models.current, monaco.editor.getModel(m.resource)) ?? m.resource.toString(),
          line: m.startLineNumber,
          message: m.message,
        }));
    }
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

  // (Re)build the models when a scenario is opened or restructured (not on typing).
  useEffect(() => {
    const map = models.current;
    editorRef.current?.setModel(null);
    for (const m of map.values()) m.dispose();
    map.clear();
    for (const [file, text] of Object.entries(store.getState().editor.draft.files)) {
      const model = monaco.editor.createModel(text, LANGUAGE_ID, uriOf(file));
      model.onDidChangeContent(() => store.getState().actions.editFile(file, model.getValue()));
      map.set(file, model);
    }
  }, [draftId, store]);

  // Show the selected file.
  useEffect(() => {
    const ed = editorRef.current;
    const model = (editorFile !== null ? models.current.get(editorFile) : undefined) ?? null;
    if (ed && ed.getModel() !== model) ed.setModel(model);
  }, [editorFile, draftId]);

  // Diagnostics -> markers.
  useEffect(() => {
    for (const [file, model] of models.current) {
      monaco.editor.setModelMarkers(
        model,
        'hvlab-asm',
        diagnostics
          .filter((x) => x.file === file && x.line !== undefined)
          .map((x) => ({
            severity: x.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
            message: x.message,
            code: x.code,
            startLineNumber: x.line ?? 1,
            startColumn: x.column ?? 1,
            endLineNumber: x.line ?? 1,
            endColumn: (x.column ?? 1) + Math.max(1, x.length ?? 1),
          })),
      );
    }
  }, [diagnostics, draftId]);

  // Breakpoints and PCs -> decorations of the shown model.
  useEffect(() => {
    const ed = editorRef.current;
    const model = ed?.getModel() ?? null;
    const coll = decorations.current;
    const file = fileOf(models.current, model);
    if (!ed || !model || !coll || file === null) return;
    const lines = model.getLineCount();
    const deco: M.editor.IModelDeltaDecoration[] = [];
    for (const b of breakpoints) {
      if (b.file !== file || b.line > lines) continue;
      deco.push({ range: new monaco.Range(b.line, 1, b.line, 1), options: { glyphMarginClassName: 'hv-bp-glyph', glyphMarginHoverMessage: { value: 'Breakpoint (click to remove)' } } });
    }
    let focusLine: number | null = null;
    for (const p of pcs) {
      if (p.file !== file || p.vm !== editorVm || p.line > lines) continue;
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
  }, [breakpoints, pcs, focused, stop, editorVm, editorFile, draftId]);

  return <div ref={host} className="monaco-host" style={{ height: '100%', width: '100%' }} data-testid="monaco-host" />;
}
