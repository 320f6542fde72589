/**
 * Loads Monaco from the local package (never a CDN) with only the features
 * the playground uses. Imported lazily (through the editor pane's dynamic
 * import) so Monaco stays out of the first-load bundle.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/gotoSymbol/register';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/gotoSymbol/browser/goToCommands';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

export type Monaco = typeof monaco;
export { monaco };
