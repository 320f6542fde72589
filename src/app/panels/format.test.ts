import { describe, expect, it } from 'vitest';
import { asciiOf, formatDaif, formatHex64, formatNzcv, hex2 } from './format.ts';

describe('panel number formats', () => {
  it('shows 64-bit values as grouped hex, unsigned and signed', () => {
    expect(formatHex64('0xffffffffffffffff', 'hex')).toBe('0xffffffff_ffffffff');
    expect(formatHex64('0xffffffffffffffff', 'unsigned')).toBe('18446744073709551615');
    expect(formatHex64('0xffffffffffffffff', 'signed')).toBe('-1');
    expect(formatHex64('0x0000000000000016', 'signed')).toBe('22');
  });
  it('shows flags as letters, upper-case when set', () => {
    expect(formatNzcv(0b0110)).toBe('nZCv');
    expect(formatDaif(0b1111)).toBe('DAIF');
  });
  it('renders bytes as hex and printable ASCII', () => {
    expect(hex2(10)).toBe('0a');
    expect(asciiOf(0x41)).toBe('A');
    expect(asciiOf(0)).toBe('.');
  });
});
