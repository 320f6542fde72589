/**
 * Guest-physical memory: one contiguous, little-endian byte space with
 * per-page read-only flags and code tracking for the cores' decode caches.
 *
 * Page flags (one byte per 4 KiB page, relative to `base`) are read by the
 * cores' compiled code on every store: a store to a page whose flag byte is
 * non-zero takes the slow path (`checkStore`), which refuses read-only pages
 * and checks the store against a bitmap of the words the cores decoded. Only
 * a write that overlaps a decoded word tells the cores to drop that page's
 * cached code, so data sharing a page with code costs a bitmap test per store
 * and invalidates nothing. Loads never look at the flags, so the fast paths
 * stay a bounds check plus a DataView access.
 */
import type { GuestMemory } from '../arm64/cpu/types.ts';

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 1 << PAGE_SHIFT;
/** Page flag: guest writes fault. */
export const PAGE_READONLY = 1;
/** Page flag: some core holds decoded instructions of this page (their words are in the code bitmap). */
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

/** Code bitmap words (32 instruction words each) per page. */
const BITMAP_PER_PAGE = PAGE_SIZE >>> 7;

export class Memory implements GuestMemory {
  readonly bytes: Uint8Array;
  /** Little-endian accessors over `bytes`, used by compiled code. */
  readonly view: DataView;
  /** PAGE_READONLY | PAGE_CODE per page. */
  readonly pageFlags: Uint8Array;
  /** One bit per 4-byte word (by offset): set while some core holds the word decoded. */
  private readonly codeBits: Uint32Array;
  private readonly invalidators: CodeInvalidator[] = [];

  /**
   * @param base first guest-physical address: a multiple of 4 (instructions,
   *   tracked per word, then never straddle a word) below 2^32.
   * @param size bytes; base + size must not exceed 2^32 and size must be below
   *   2^31 (the cores compute offsets in int32). Throws RangeError otherwise.
   */
  constructor(
    readonly base: number,
    readonly size: number,
  ) {
    if (!Number.isInteger(base) || !Number.isInteger(size) || base < 0 || base % 4 !== 0 || size <= 0 || size >= 2 ** 31 || base + size > 2 ** 32) {
      throw new RangeError(`memory [${base}, +${size}) must start at a multiple of 4, lie below 4 GiB and be smaller than 2 GiB`);
    }
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
    this.pageFlags = new Uint8Array(((size + PAGE_SIZE - 1) >>> PAGE_SHIFT) + 1);
    this.codeBits = new Uint32Array(this.pageFlags.length * BITMAP_PER_PAGE);
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

  /** Host write (ignores read-only flags); drops the cached code of pages whose decoded words it overwrites. Throws RangeError outside. */
  write(addr: number, data: Uint8Array): void {
    const off = this.offset(addr, data.length);
    if (data.length === 0) return;
    this.invalidate(off, data.length);
    this.bytes.set(data, off);
  }

  /**
   * Slow path of a guest store of `len` (1 to 16) bytes at offset `off` (in
   * range): Returns STORE_READONLY (nothing may be written), STORE_CODE
   * (allowed, and it overlaps decoded words, so the cached code of their
   * pages was dropped: the core must leave compiled code after this
   * instruction), or STORE_OK (allowed; no cached code touched).
   */
  checkStore(off: number, len: number): number {
    const flags = this.pageFlags[off >>> PAGE_SHIFT] | this.pageFlags[(off + len - 1) >>> PAGE_SHIFT];
    if (flags & PAGE_READONLY) return STORE_READONLY;
    if (!(flags & PAGE_CODE) || !this.hitsCode(off >>> 2, (off + len - 1) >>> 2)) return STORE_OK;
    return this.invalidate(off, len) ? STORE_CODE : STORE_OK;
  }

  /**
   * Called by a core when it caches the instruction at offset `off` (a
   * multiple of 4, in range): until its page is dropped, writes to that word
   * drop the page's cached code.
   */
  markCode(off: number): void {
    const w = off >>> 2;
    this.codeBits[w >>> 5] |= 1 << (w & 31);
    this.pageFlags[off >>> PAGE_SHIFT] |= PAGE_CODE;
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

  /**
   * Drops the cached code of each page where [off, off + len) (len > 0)
   * overlaps a decoded word; true if there was any.
   */
  private invalidate(off: number, len: number): boolean {
    let hit = false;
    const end = off + len;
    for (let p = off >>> PAGE_SHIFT; p <= (end - 1) >>> PAGE_SHIFT; p++) {
      if (!(this.pageFlags[p] & PAGE_CODE)) continue;
      const lo = Math.max(off, p << PAGE_SHIFT);
      const hi = Math.min(end, (p + 1) << PAGE_SHIFT) - 1;
      if (!this.hitsCode(lo >>> 2, hi >>> 2)) continue;
      hit = true;
      this.pageFlags[p] &= ~PAGE_CODE;
      this.codeBits.fill(0, p * BITMAP_PER_PAGE, (p + 1) * BITMAP_PER_PAGE);
      for (const fn of this.invalidators) fn(p);
    }
    return hit;
  }

  /** True if any of words w0..w1 (inclusive, by offset / 4) is decoded. */
  private hitsCode(w0: number, w1: number): boolean {
    const bits = this.codeBits;
    const i0 = w0 >>> 5;
    const i1 = w1 >>> 5;
    const from = ~0 << (w0 & 31);
    const to = ~0 >>> (31 - (w1 & 31));
    if (i0 === i1) return (bits[i0] & from & to) !== 0;
    if (bits[i0] & from) return true;
    for (let i = i0 + 1; i < i1; i++) if (bits[i] !== 0) return true;
    return (bits[i1] & to) !== 0;
  }

  private offset(addr: number, len: number): number {
    const off = addr - this.base;
    if (!Number.isInteger(off) || off < 0 || len < 0 || off + len > this.size) {
      throw new RangeError(`host access [0x${addr.toString(16)}, +${len}) outside memory [0x${this.base.toString(16)}, +0x${this.size.toString(16)})`);
    }
    return off;
  }
}
