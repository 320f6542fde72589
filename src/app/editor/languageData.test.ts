import { describe, expect, it } from 'vitest';
import { extractContracts, findLabels, wordAt } from './languageData.ts';

describe('findLabels', () => {
  it('finds labels at statement start with their positions, skipping numeric locals', () => {
    const text = '_start:\n  mov x0, #1\n  loop: b loop\n1: b 1b\n// c: not\n';
    expect(findLabels(text)).toEqual([
      { name: '_start', line: 1, column: 1 },
      { name: 'loop', line: 3, column: 3 },
    ]);
  });
});

describe('wordAt', () => {
  it('returns the identifier under or just before the cursor', () => {
    expect(wordAt('  b loop_1 // x', 6)).toEqual({ word: 'loop_1', start: 5, end: 11 });
    expect(wordAt('  b loop_1', 11)).toEqual({ word: 'loop_1', start: 5, end: 11 });
    expect(wordAt('  mov x0, HF_MAILBOX_SEND', 12)?.word).toBe('HF_MAILBOX_SEND');
    expect(wordAt('a , b', 3)).toBeNull();
  });
});

describe('extractContracts', () => {
  it('keys doc comments that start with a call name, keeping their text', () => {
    const src = `/** Not a call. */\n/**\n * HF_VM_GET_COUNT: how many VMs.\n * Returns: the number.\n */\nfunction f() {}\n/** PSCI_CPU_OFF stops. */\n/** HF_VM_GET_COUNT again */`;
    const m = extractContracts(src);
    expect([...m.keys()]).toEqual(['HF_VM_GET_COUNT', 'PSCI_CPU_OFF']);
    expect(m.get('HF_VM_GET_COUNT')).toBe('HF_VM_GET_COUNT: how many VMs.\nReturns: the number.');
  });
});
