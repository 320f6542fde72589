/**
 * The arm64 language's vocabulary, read from the core: mnemonics with their
 * summaries and operand forms (the ISA's hover docs), register names (assembler), and
 * the hypercall function ids of every ABI generation plus PSCI and the
 * playground console (hypervisor ABI modules), and each hypercall's contract
 * text taken from the hypervisor's own doc comments (the handler sources,
 * bundled as text into this lazily loaded chunk).
 */
import { DIRECTIVES, MNEMONICS, REGISTER_NAMES, SUMMARY, SYNTAX } from '../../core/arm64/asm/index.ts';
import { docFor } from '../../core/arm64/isa/docs.ts';
import { V1_FUNCTIONS } from '../../core/hafnium/abi/v1.ts';
import { V2_FUNCTIONS } from '../../core/hafnium/abi/v2.ts';
import { V3_FUNCTIONS } from '../../core/hafnium/abi/v3.ts';
import { HVLAB_DEBUG_FUNCTIONS, PSCI_FUNCTIONS } from '../../core/hafnium/abi/psci.ts';
import commonCalls from '../../core/hafnium/calls/common.ts?raw';
import psciCalls from '../../core/hafnium/calls/psci.ts?raw';
import v1Calls from '../../core/hafnium/calls/v1.ts?raw';
import v3Calls from '../../core/hafnium/calls/v3.ts?raw';
import { extractContracts, type AsmLanguageData, type DocEntry } from './languageData.ts';

/** Short descriptions of the directives (the names come from the assembler). */
const DIRECTIVE_DOCS: Readonly<Record<string, string>> = Object.fromEntries([
  ['.text', 'Switch to the code section'], ['.data', 'Switch to the data section'], ['.section', 'Switch to a named section'],
  ['.global', 'Make a symbol global'], ['.globl', 'Make a symbol global'], ['.align', 'Align to 2^n bytes'], ['.balign', 'Align to n bytes'],
  ['.p2align', 'Align to 2^n bytes'], ['.byte', 'Emit bytes'], ['.hword', 'Emit 16-bit values'], ['.short', 'Emit 16-bit values'],
  ['.word', 'Emit 32-bit values'], ['.long', 'Emit 32-bit values'], ['.quad', 'Emit 64-bit values'], ['.xword', 'Emit 64-bit values'],
  ['.ascii', 'Emit a string without a terminator'], ['.asciz', 'Emit a NUL-terminated string'], ['.string', 'Emit a NUL-terminated string'],
  ['.space', 'Emit n zero bytes'], ['.skip', 'Emit n zero bytes'], ['.zero', 'Emit n zero bytes'], ['.equ', 'Define a symbol: .equ name, value'],
  ['.set', 'Define a symbol: .set name, value'], ['.ltorg', 'Emit the literal pool here'], ['.type', 'Accepted, no effect'], ['.size', 'Accepted, no effect'],
]);

const hex = (n: number) => `0x${n.toString(16)}`;

/** Every function id by name, with the generations that define it. */
function hypercallEntries(): DocEntry[] {
  const contracts = new Map<string, string>();
  for (const src of [commonCalls, v3Calls, v1Calls, psciCalls]) for (const [k, v] of extractContracts(src)) if (!contracts.has(k)) contracts.set(k, v);
  const gens: [string, Readonly<Record<string, number>>][] = [['v1-rpc', V1_FUNCTIONS], ['v2-mailbox', V2_FUNCTIONS], ['v3-notify', V3_FUNCTIONS]];
  const byName = new Map<string, { ids: Map<number, string[]> }>();
  for (const [gen, table] of gens) {
    for (const [name, id] of Object.entries(table)) {
      const e = byName.get(name) ?? { ids: new Map<number, string[]>() };
      e.ids.set(id, [...(e.ids.get(id) ?? []), gen]);
      byName.set(name, e);
    }
  }
  const out: DocEntry[] = [...byName].map(([name, { ids }]) => {
    const where = [...ids].map(([id, g]) => `${hex(id)} (${g.join(', ')})`).join('; ');
    return { name, detail: `Hafnium hypercall, x0 = ${where}`, doc: contracts.get(name) ?? `Arguments in x1..x3, result in x0.` };
  });
  for (const [name, id] of Object.entries(PSCI_FUNCTIONS)) out.push({ name, detail: `PSCI call (primary only), x0 = ${hex(id)}`, doc: contracts.get(name) ?? 'PSCI, as Hafnium offered it to the primary VM.' });
  for (const [name, id] of Object.entries(HVLAB_DEBUG_FUNCTIONS)) out.push({ name, detail: `hvlab debug console (not Hafnium), x0 = ${hex(id)}`, doc: contracts.get(name) ?? 'A playground extension outside Hafnium\'s id range.' });
  return out;
}

let cached: AsmLanguageData | null = null;

/** The language data (built once). */
export function coreLanguageData(): AsmLanguageData {
  cached ??= {
    mnemonics: MNEMONICS.map((m) => {
      const doc = docFor(m);
      const summary = doc?.summary ?? SUMMARY[m] ?? m;
      const forms = doc?.forms ?? SYNTAX[m] ?? [];
      return { name: m, detail: summary, doc: forms.length ? `\`\`\`\n${forms.join('\n')}\n\`\`\`` : summary };
    }),
    directives: DIRECTIVES.map((name) => {
      const d = DIRECTIVE_DOCS[name] ?? 'Assembler directive';
      return { name, detail: d, doc: d };
    }),
    registers: REGISTER_NAMES,
    constants: hypercallEntries(),
  };
  return cached;
}
