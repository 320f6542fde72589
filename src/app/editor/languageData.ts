/**
 * What the arm64 editor language knows, gathered from the core's own tables
 * so the editor never restates the ISA or the ABI. Pure data: no Monaco here,
 * so it is testable in Node.
 */

/** One completion/hover entry. */
export interface DocEntry {
  readonly name: string;
  /** One line shown in the completion list. */
  readonly detail: string;
  /** Markdown shown on hover (may be the same as detail). */
  readonly doc: string;
}

export interface AsmLanguageData {
  readonly mnemonics: readonly DocEntry[];
  readonly directives: readonly DocEntry[];
  readonly registers: readonly string[];
  /** `HF_*` and other ABI constants, with the hypervisor's contract text. */
  readonly constants: readonly DocEntry[];
}

/** A label definition found in a source text. */
export interface LabelDef {
  readonly name: string;
  /** 1-based line and column of the label's first character. */
  readonly line: number;
  readonly column: number;
}

const LABEL_RE = /^(\s*)([A-Za-z_.$][\w.$]*):/;

/**
 * Finds label definitions (`name:` at the start of a statement) line by line.
 * Comment-only lines are skipped; numeric local labels (`1:`) are not listed.
 */
export function findLabels(text: string): LabelDef[] {
  const out: LabelDef[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = LABEL_RE.exec(lines[i]);
    if (m) out.push({ name: m[2], line: i + 1, column: m[1].length + 1 });
  }
  return out;
}

/**
 * The word at a 1-based column of a line, using the assembler's identifier
 * characters (letters, digits, `_`, `.`, `$`). Returns null on whitespace or
 * punctuation.
 */
export function wordAt(line: string, column: number): { word: string; start: number; end: number } | null {
  const isWord = (c: string | undefined) => c !== undefined && /[\w.$]/.test(c);
  let s = column - 1;
  let e = column - 1;
  if (!isWord(line[s])) {
    if (!isWord(line[s - 1])) return null;
    s--;
    e--;
  }
  while (s > 0 && isWord(line[s - 1])) s--;
  while (isWord(line[e + 1])) e++;
  return { word: line.slice(s, e + 1), start: s + 1, end: e + 2 };
}

const CALL_NAME = /^(HF_[A-Z0-9_]+|PSCI_[A-Z0-9_]+|HVLAB_[A-Z0-9_]+)/;

/**
 * Extracts hypercall contracts from hypervisor source text: every doc
 * comment whose first line starts with a call name (`HF_MAILBOX_SEND(...)`,
 * `PSCI_CPU_ON`, ...), keyed by that name, as Markdown-ready plain text
 * (comment markers removed, line breaks kept). The first comment per name wins.
 */
export function extractContracts(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of source.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    const text = m[1]
      .split('\n')
      .map((l) => l.replace(/^\s*\*\s?/, ''))
      .join('\n')
      .trim();
    const name = CALL_NAME.exec(text)?.[1];
    if (name && !out.has(name)) out.set(name, text);
  }
  return out;
}
