/**
 * Number display for the panels. Values arrive as `Hex64` strings (see
 * trace/events.ts); BigInt is fine here, off the machine's hot path.
 */
import type { NumberFormat } from '../store/slices.ts';

/** A Hex64 shown as hex (grouped), unsigned decimal or signed decimal. */
export function formatHex64(v: string, f: NumberFormat): string {
  const n = BigInt(v);
  switch (f) {
    case 'hex': {
      const h = n.toString(16).padStart(16, '0');
      return `0x${h.slice(0, 8)}_${h.slice(8)}`;
    }
    case 'unsigned':
      return n.toString(10);
    case 'signed':
      return BigInt.asIntN(64, n).toString(10);
  }
}

/** NZCV (bits 3..0 = N Z C V) as letters, upper-case when set: e.g. `nZCv`. */
export function formatNzcv(nzcv: number): string {
  return ['N', 'Z', 'C', 'V'].map((c, i) => ((nzcv >> (3 - i)) & 1 ? c : c.toLowerCase())).join('');
}

/** DAIF (bits 3..0 = D A I F) as letters, upper-case when masked. */
export function formatDaif(daif: number): string {
  return ['D', 'A', 'I', 'F'].map((c, i) => ((daif >> (3 - i)) & 1 ? c : c.toLowerCase())).join('');
}

/** A byte as two hex digits. */
export const hex2 = (b: number) => b.toString(16).padStart(2, '0');

/** Printable ASCII for a byte, `.` otherwise. */
export const asciiOf = (b: number) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.');
