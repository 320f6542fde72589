/**
 * Guest-physical memory: one contiguous, little-endian byte space with
 * per-page read-only flags and code tracking for the cores' decode caches.
 *
 * Page flags (one byte per 4 KiB page, relative to `base`) are read by the
 * cores' compiled code on every store: a store to a page whose flag byte is
 * non-zero takes the slow path (`checkStore`), which refuses read-only pages
 * and tells the cores to drop cached code of that page. Loads never look at
 * the flags, so the fast paths stay a bounds check plus a DataView access.
 */
import type { GuestMemory } from '../arm64/cpu/types.ts';

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 1 << PAGE_SHIFT;
/** Page flag: guest writes fault. */
export const PAGE_READONLY = 1;
/** Page flag: some core holds decoded instructions of this page. */
export const PAGE_CODE = 2;

/** Result of `checkStore`. */
export const STORE_OK = 0;
export const STORE_READONLY = 1;
export const STORE_CODE = 2;

/** Plain-data copy of a memory, structured-clone safe. */
export interface MemorySnapshot {
  readonly version: 1;
  readonly base: number;
  readonly size: number;
  readonly bytes: Uint8Array;
  /** PAGE_READONLY bits per page (code bits are not part of the state). */
  readonly readOnly: Uint8Array;
}

/** Called with a page index whose cached code must be dropped. */
export type CodeInvalidator = (page: number) => void;

export class Memory implements GuestMemory {
  readonly bytes: Uint8Array;
  /** Little-endian accessors over `bytes`, used by compiled code. */
  readonly view: DataView;
  /** PAGE_READONLY | PAGE_CODE per page. */
  readonly pageFlags: Uint8Array;
  private readonly invalidators: CodeInvalidator[] = [];

  /**
   * @param base first guest-physical address (any value below 2^32).
   * @param size bytes; base + size must not exceed 2^32 and size must be below
   *   2^31 (the cores compute offsets in int32). Throws RangeError otherwise.
   */
  constructor(
    readonly base: number,
    readonly size: number,
  ) {
    if (!Number.isInteger(base) || !Number.isInteger(size) || base < 0 || size <= 0 || size >= 2 ** 31 || base + size > 2 ** 32) {
      throw new RangeError(`memory [${base}, +${size}) must lie below 4 GiB and be smaller than 2 GiB`);
    }
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
    this.pageFlags = new Uint8Array(((size + PAGE_SIZE - 1) >>> PAGE_SHIFT) + 1);
  }

  /** Registers a core's cache so that writes to its code reach it. */
  onCodeWrite(fn: CodeInvalidator): void {
    this.invalidators.push(fn);
  }

  /**
   * Marks the whole 4 KiB pages overlapping [addr, addr + len) read-only or
   * read-write for guest stores. Throws RangeError outside the space.
   */
  setReadOnly(addr: number, len: number, readOnly: boolean): void {
    const off = this.offset(addr, len);
    if (len === 0) return;
    for (let p = off >>> PAGE_SHIFT; p <= (off + len - 1) >>> PAGE_SHIFT; p++) {
      this.pageFlags[p] = readOnly ? this.pageFlags[p] | PAGE_READONLY : this.pageFlags[p] & ~PAGE_READONLY;
    }
  }

  /** Host read: a copy of [addr, addr + len). Throws RangeError outside the space. */
  read(addr: number, len: number): Uint8Array {
    const off = this.offset(addr, len);
    return this.bytes.slice(off, off + len);
  }

  /** Host write (ignores read-only flags); drops cached code it overwrites. Throws RangeError outside. */
  write(addr: number, data: Uint8Array): void {
    const off = this.offset(addr, data.length);
    if (data.length === 0) return;
    this.invalidate(off, data.length);
    this.bytes.set(data, off);
  }

  /**
   * Slow path of a guest store of `len` bytes at offset `off` (in range):
   * Returns STORE_READONLY (nothing may be written), STORE_CODE (allowed, and
   * cached code of the pages was dropped: the core must leave compiled code
   * after this instruction), or STORE_OK.
   */
  checkStore(off: number, len: number): number {
    const first = off >>> PAGE_SHIFT;
    const last = (off + len - 1) >>> PAGE_SHIFT;
    if ((this.pageFlags[first] | this.pageFlags[last]) & PAGE_READONLY) return STORE_READONLY;
    return this.invalidate(off, len) ? STORE_CODE : STORE_OK;
  }

  /** Called by a core when it caches instructions of a page. */
  markCode(page: number): void {
    this.pageFlags[page] |= PAGE_CODE;
  }

  snapshot(): MemorySnapshot {
    const readOnly = this.pageFlags.map((f) => f & PAGE_READONLY);
    return { version: 1, base: this.base, size: this.size, bytes: this.bytes.slice(), readOnly };
  }

  /** Restores a snapshot of a memory of the same base and size (throws RangeError otherwise). */
  restore(s: MemorySnapshot): void {
    if (s.base !== this.base || s.size !== this.size || s.readOnly.length !== this.pageFlags.length) {
      throw new RangeError('memory snapshot does not match this memory');
    }
    this.invalidate(0, this.size);
    this.bytes.set(s.bytes);
    for (let p = 0; p < this.pageFlags.length; p++) this.pageFlags[p] = s.readOnly[p] & PAGE_READONLY;
  }

  /** Drops cached code of the pages of [off, off + len); true if there was any. */
  private invalidate(off: number, len: number): boolean {
    let hit = false;
    for (let p = off >>> PAGE_SHIFT; p <= (off + len - 1) >>> PAGE_SHIFT; p++) {
      if (!(this.pageFlags[p] & PAGE_CODE)) continue;
      hit = true;
      this.pageFlags[p] &= ~PAGE_CODE;
      for (const fn of this.invalidators) fn(p);
    }
    return hit;
  }

  private offset(addr: number, len: number): number {
    const off = addr - this.base;
    if (!Number.isInteger(off) || off < 0 || len < 0 || off + len > this.size) {
      throw new RangeError(`host access [0x${addr.toString(16)}, +${len}) outside memory [0x${this.base.toString(16)}, +0x${this.size.toString(16)})`);
    }
    return off;
  }
}
