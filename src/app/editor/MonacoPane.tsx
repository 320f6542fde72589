/**
 * The Monaco editor (loaded lazily with this module): one model per source
 * file, markers from the assembler's diagnostics, breakpoints in the glyph
 * margin, and each vCPU's current PC highlighted (the focused one strongest;
 * in a shared file, PCs of the shown VM only).
 * Monaco owns its DOM; React only creates it and pushes state in.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type * as M from 'monaco-editor/editor';
import type { LineBreakpoint } from '../../worker/protocol.ts';
import { useApp, useAppStore, useThrottledApp } from '../store/useApp.ts';
import { selectBreakpoints, selectDiagnostics, selectDraftId, selectEditorFile, selectEditorVm, selectFocused, selectPcs, selectStop, selectTheme } from '../store/selectors.ts';
import { LineBreakpointEditor } from '../breakpoints/LineOptions.tsx';
import { LANGUAGE_ID, registerArm64 } from './arm64Language.ts';
import { coreLanguageData } from './coreLanguageData.ts';
import { monaco } from './monaco.ts';

/** The file path a model stands for, or null. */
function fileOf(models: ReadonlyMap<string, M.editor.ITextModel>, model: M.editor.ITextModel | null): string | null {
  for (const [file, m] of models) if (m === model) return file;
  return null;
}

/** The glyph-margin hover text of a line breakpoint. */
function breakpointHover(b: LineBreakpoint): string {
  const opts = [b.condition ? `when \`${b.condition}\`` : '', b.fromHit ? `from hit ${b.fromHit}` : ''].filter(Boolean).join(', ');
  return `Breakpoint${opts ? ` ${opts}` : ''} (click to remove, right-click to edit)`;
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
  /** The line breakpoint whose options are being edited, and where its dialog opens. */
  const [editing, setEditing] = useState<{ file: string; line: number; x: number; y: number } | null>(null);
  const closeEditing = useCallback(() => {
    setEditing(null);
    editorRef.current?.focus();
  }, []);

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
      if (e.event.rightButton) return;
      const t = e.target.type;
      if (t !== monaco.editor.MouseTargetType.GUTTER_GLYPH_MARGIN && t !== monaco.editor.MouseTargetType.GUTTER_LINE_NUMBERS) return;
      const line = e.target.position?.lineNumber;
      const file = fileOf(models.current, ed.getModel());
      if (line && file !== null) store.getState().actions.toggleBreakpoint(file, line);
    });
    const isGutter = (t: M.editor.MouseTargetType) => t === monaco.editor.MouseTargetType.GUTTER_GLYPH_MARGIN || t === monaco.editor.MouseTargetType.GUTTER_LINE_NUMBERS;
    // Right-click in the margin edits that line's breakpoint (Monaco shows no menu there).
    const subMenu = ed.onContextMenu((e) => {
      const line = e.target.position?.lineNumber;
      const file = fileOf(models.current, ed.getModel());
      if (!isGutter(e.target.type) || !line || file === null) return;
      e.event.preventDefault();
      setEditing({ file, line, x: e.event.browserEvent.clientX, y: e.event.browserEvent.clientY });
    });
    // The same from the keyboard: an editor action on the cursor's line (context menu, F1 palette).
    const action = ed.addAction({
      id: 'hvlab.editBreakpoint',
      label: 'Breakpoint condition and hit count…',
      contextMenuGroupId: 'navigation',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.KeyB],
      run: () => {
        const pos = ed.getPosition();
        const file = fileOf(models.current, ed.getModel());
        if (!pos || file === null) return;
        const at = ed.getScrolledVisiblePosition(pos);
        const box = ed.getDomNode()?.getBoundingClientRect();
        setEditing({ file, line: pos.lineNumber, x: (box?.left ?? 0) + (at?.left ?? 0), y: (box?.top ?? 0) + (at?.top ?? 0) + (at?.height ?? 16) });
      },
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
      subMenu.dispose();
      action.dispose();
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
      const conditional = b.condition !== undefined || b.fromHit !== undefined;
      deco.push({
        range: new monaco.Range(b.line, 1, b.line, 1),
        options: { glyphMarginClassName: conditional ? 'hv-bp-glyph hv-bp-cond' : 'hv-bp-glyph', glyphMarginHoverMessage: { value: breakpointHover(b) } },
      });
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

  return (
    <>
      <div ref={host} className="monaco-host" style={{ height: '100%', width: '100%' }} data-testid="monaco-host" />
      {editing && (
        <LineBreakpointEditor
          key={`${editing.file}:${editing.line}`}
          {...editing}
          bp={breakpoints.find((b) => b.file === editing.file && b.line === editing.line)}
          onClose={closeEditing}
        />
      )}
    </>
  );
}
