/**
 * Page-level structural sharing for snapshots. A machine snapshot is plain
 * data whose bulk is guest memory (large Uint8Arrays) that changes little
 * between two keyframes. `share` replaces every large byte array by a list of
 * 4 KiB pages, reusing the page objects of the previous keyframe wherever the
 * bytes are equal, so N keyframes cost one copy of memory plus what changed.
 */

export const PAGE_SIZE = 4096;

/** Byte arrays at least this long are paged; smaller ones are copied whole. */
const MIN_PAGED = 2 * PAGE_SIZE;

/** A paged byte array: `length` bytes split into PAGE_SIZE pages (last one short). */
export interface PagedBytes {
  readonly paged: true;
  readonly length: number;
  readonly pages: readonly Uint8Array[];
}

/** A snapshot in shared form: the same shape, with large byte arrays paged. */
export type Shared = unknown;

function isPaged(x: unknown): x is PagedBytes {
  return typeof x === 'object' && x !== null && (x as PagedBytes).paged === true && Array.isArray((x as PagedBytes).pages);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  // Compare 4 bytes at a time where the views are aligned: pages always are.
  if (a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0 && a.length % 4 === 0) {
    const wa = new Uint32Array(a.buffer, a.byteOffset, a.length >>> 2);
    const wb = new Uint32Array(b.buffer, b.byteOffset, b.length >>> 2);
    for (let i = 0; i < wa.length; i++) if (wa[i] !== wb[i]) return false;
    return true;
  }
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function pageBytes(bytes: Uint8Array, prev: PagedBytes | undefined): { value: PagedBytes; newBytes: number } {
  const pages: Uint8Array[] = [];
  let newBytes = 0;
  for (let off = 0, i = 0; off < bytes.length; off += PAGE_SIZE, i++) {
    const chunk = bytes.subarray(off, Math.min(off + PAGE_SIZE, bytes.length));
    const old = prev && prev.length === bytes.length ? prev.pages[i] : undefined;
    if (old && equalBytes(old, chunk)) {
      pages.push(old);
    } else {
      pages.push(chunk.slice());
      newBytes += chunk.length;
    }
  }
  return { value: { paged: true, length: bytes.length, pages }, newBytes };
}

/**
 * Converts `snapshot` to shared form, reusing pages of `prev` (the previous
 * keyframe's shared form) at the same path in the object tree.
 * Returns: the shared form and the number of bytes it newly holds (its cost).
 * The input is not modified and nothing in the result aliases it.
 */
export function share(snapshot: unknown, prev?: Shared): { shared: Shared; newBytes: number } {
  let newBytes = 0;
  const walk = (x: unknown, p: unknown): unknown => {
    if (x instanceof Uint8Array) {
      if (x.length >= MIN_PAGED) {
        const r = pageBytes(x, isPaged(p) ? p : undefined);
        newBytes += r.newBytes;
        return r.value;
      }
      newBytes += x.length;
      return x.slice();
    }
    if (ArrayBuffer.isView(x)) {
      const view = x as unknown as { slice(): unknown; byteLength: number };
      newBytes += view.byteLength;
      return view.slice();
    }
    if (Array.isArray(x)) {
      newBytes += 8 * x.length;
      const pa = Array.isArray(p) ? p : [];
      return x.map((v, i) => walk(v, pa[i]));
    }
    if (typeof x === 'object' && x !== null) {
      const po = typeof p === 'object' && p !== null ? (p as Record<string, unknown>) : {};
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(x)) {
        newBytes += 16;
        out[k] = walk(v, po[k]);
      }
      return out;
    }
    if (typeof x === 'string') newBytes += x.length;
    return x;
  };
  const shared = walk(snapshot, prev);
  return { shared, newBytes };
}

/**
 * Rebuilds a plain snapshot from its shared form: paged arrays become fresh
 * contiguous Uint8Arrays; every other typed array and object is copied, so
 * the caller may hand the result to `restore` which may keep it.
 */
export function unshare(shared: Shared): unknown {
  const walk = (x: unknown): unknown => {
    if (isPaged(x)) {
      const out = new Uint8Array(x.length);
      let off = 0;
      for (const page of x.pages) {
        out.set(page, off);
        off += page.length;
      }
      return out;
    }
    if (ArrayBuffer.isView(x)) return (x as unknown as { slice(): unknown }).slice();
    if (Array.isArray(x)) return x.map(walk);
    if (typeof x === 'object' && x !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(x)) out[k] = walk(v);
      return out;
    }
    return x;
  };
  return walk(shared);
}
