import { describe, expect, it } from 'vitest';
import { Memory, PAGE_CODE, STORE_CODE, STORE_OK, STORE_READONLY } from './memory.ts';

describe('Memory', () => {
  it('reads and writes from the host, refusing anything outside', () => {
    const m = new Memory(0x1000, 0x2000);
    m.write(0x1ffe, new Uint8Array([1, 2, 3, 4]));
    expect([...m.read(0x1ffe, 4)]).toEqual([1, 2, 3, 4]);
    expect(() => m.read(0xfff, 1)).toThrow(RangeError);
    expect(() => m.write(0x2fff, new Uint8Array(2))).toThrow(RangeError);
    expect(() => new Memory(0xffff0000, 0x20000)).toThrow(RangeError);
  });

  it('checks guest stores against read-only pages and tracked code', () => {
    const m = new Memory(0, 0x3000);
    m.setReadOnly(0x1000, 1, true);
    expect(m.checkStore(0x0ffe, 4)).toBe(STORE_READONLY);
    expect(m.checkStore(0x2000, 8)).toBe(STORE_OK);
    const dropped: number[] = [];
    m.onCodeWrite((p) => dropped.push(p));
    m.markCode(0x2004);
    expect(m.checkStore(0x2008, 8)).toBe(STORE_OK);
    expect(m.checkStore(0x2000, 4)).toBe(STORE_OK);
    expect(dropped).toEqual([]);
    expect(m.checkStore(0x2007, 1)).toBe(STORE_CODE);
    expect(dropped).toEqual([2]);
    expect(m.pageFlags[2] & PAGE_CODE).toBe(0);
    expect(m.checkStore(0x2004, 4)).toBe(STORE_OK);
    m.setReadOnly(0x1000, 0x1000, false);
    expect(m.checkStore(0x1000, 4)).toBe(STORE_OK);
  });

  it('host writes drop the pages whose decoded words they overlap, and only those', () => {
    const m = new Memory(0, 0x4000);
    const dropped: number[] = [];
    m.onCodeWrite((p) => dropped.push(p));
    m.markCode(0x0ffc);
    m.markCode(0x1000);
    m.markCode(0x3f80);
    m.write(0x1004, new Uint8Array(0x2f7c));
    expect(dropped).toEqual([]);
    m.write(0x0ff0, new Uint8Array(0x2f90)); // up to 0x3f80, exclusive
    expect(dropped).toEqual([0, 1]);
    expect(m.pageFlags[3] & PAGE_CODE).toBe(PAGE_CODE);
    expect(() => new Memory(2, 0x1000)).toThrow(RangeError);
  });

  it('snapshots bytes and read-only pages; restore drops cached code', () => {
    const m = new Memory(0, 0x2000);
    m.write(0x10, new Uint8Array([9]));
    m.setReadOnly(0x1000, 0x1000, true);
    const s = structuredClone(m.snapshot());
    m.write(0x10, new Uint8Array([7]));
    m.setReadOnly(0x1000, 0x1000, false);
    const dropped: number[] = [];
    m.onCodeWrite((p) => dropped.push(p));
    m.markCode(0xffc);
    m.restore(s);
    expect(m.read(0x10, 1)[0]).toBe(9);
    expect(m.checkStore(0x1000, 1)).toBe(STORE_READONLY);
    expect(dropped).toEqual([0]);
    expect(() => m.restore({ ...s, size: 0x1000 })).toThrow(RangeError);
  });
});
