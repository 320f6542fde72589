/**
 * The `arm64` Monaco language: Monarch tokenizer, completion, hover and go to
 * label definition. Everything it knows comes from an AsmLanguageData built
 * from the core's tables; it takes the Monaco namespace as an argument so it
 * holds no module-level Monaco import.
 */
import type { Monaco } from './monaco.ts';
import type * as M from 'monaco-editor/editor';
import { findLabels, wordAt, type AsmLanguageData, type DocEntry } from './languageData.ts';

export const LANGUAGE_ID = 'arm64';

let registered = false;

/** Registers the language once per page; later calls are no-ops. */
export function registerArm64(monaco: Monaco, data: AsmLanguageData): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: LANGUAGE_ID, extensions: ['.s', '.S'], aliases: ['AArch64 assembly', 'arm64'] });
  monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, monarch(data));
  monaco.languages.setLanguageConfiguration(LANGUAGE_ID, {
    comments: { lineComment: '//', blockComment: ['/*', '*/'] },
    brackets: [['[', ']'], ['{', '}'], ['(', ')']],
    autoClosingPairs: [{ open: '[', close: ']' }, { open: '(', close: ')' }, { open: '"', close: '"' }],
    wordPattern: /[A-Za-z_.$][\w.$]*|-?\d+/,
  });

  const byName = new Map<string, DocEntry>();
  for (const list of [data.mnemonics, data.directives, data.constants]) for (const e of list) byName.set(e.name.toLowerCase(), e);

  monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const K = monaco.languages.CompletionItemKind;
      const item = (label: string, kind: M.languages.CompletionItemKind, detail: string, doc?: string): M.languages.CompletionItem => ({
        label, kind, detail, insertText: label, range, documentation: doc ? { value: doc } : undefined,
      });
      const suggestions: M.languages.CompletionItem[] = [
        ...data.mnemonics.map((m) => item(m.name, K.Keyword, m.detail, m.doc)),
        ...data.registers.map((r) => item(r, K.Variable, 'register')),
        ...data.directives.map((d) => item(d.name, K.Module, d.detail, d.doc)),
        ...data.constants.map((c) => item(c.name, K.Constant, c.detail, c.doc)),
        ...findLabels(model.getValue()).map((l) => item(l.name, K.Reference, `label, line ${l.line}`)),
      ];
      return { suggestions };
    },
  });

  monaco.languages.registerHoverProvider(LANGUAGE_ID, {
    provideHover(model, position) {
      const w = wordAt(model.getLineContent(position.lineNumber), position.column);
      if (!w) return null;
      const entry = byName.get(w.word.toLowerCase()) ?? byName.get(w.word.toLowerCase().replace(/^b\.\w+$/, 'b.cond'));
      if (!entry) return null;
      return {
        range: new monaco.Range(position.lineNumber, w.start, position.lineNumber, w.end),
        contents: [{ value: `**${entry.name}** — ${entry.detail}` }, ...(entry.doc !== entry.detail ? [{ value: entry.doc }] : [])],
      };
    },
  });

  monaco.languages.registerDefinitionProvider(LANGUAGE_ID, {
    provideDefinition(model, position) {
      const w = wordAt(model.getLineContent(position.lineNumber), position.column);
      if (!w) return null;
      const def = findLabels(model.getValue()).find((l) => l.name === w.word);
      if (!def) return null;
      return { uri: model.uri, range: new monaco.Range(def.line, def.column, def.line, def.column + def.name.length) };
    },
  });
}

function monarch(data: AsmLanguageData): M.languages.IMonarchLanguage {
  return {
    ignoreCase: true,
    defaultToken: '',
    mnemonics: data.mnemonics.map((m) => m.name),
    registers: data.registers,
    tokenizer: {
      root: [
        [/\/\/.*$/, 'comment'],
        [/\/\*/, 'comment', '@comment'],
        [/^\s*[A-Za-z_.$][\w.$]*:/, 'type.identifier'],
        [/^\s*\d+:/, 'type.identifier'],
        [/\bHF_[A-Z0-9_]+\b/, 'constant'],
        [/\.[A-Za-z_][\w]*/, 'keyword.directive'],
        [/#?-?0[xX][0-9a-fA-F_]+\b/, 'number.hex'],
        [/#?-?0[bB][01_]+\b/, 'number.binary'],
        [/#?-?\d+\b/, 'number'],
        [/#/, 'number'],
        [/"([^"\\]|\\.)*"/, 'string'],
        [/'([^'\\]|\\.)'/, 'string'],
        [/[A-Za-z_$][\w$]*(\.[A-Za-z]+)?/, {
          cases: { '@mnemonics': 'keyword', '@registers': 'variable.predefined', '@default': 'identifier' },
        }],
        [/[[\]{}()]/, '@brackets'],
        [/[,;!+\-*/%<>&|^~=:]/, 'delimiter'],
      ],
      comment: [
        [/[^/*]+/, 'comment'],
        [/\*\//, 'comment', '@pop'],
        [/[/*]/, 'comment'],
      ],
    },
  };
}
