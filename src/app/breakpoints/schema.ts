/**
 * Zod schemas of the breakpoint lists the page keeps (line breakpoints,
 * protocol breakpoint entries, watchpoints), for data that comes back from
 * outside the store: browser storage, share links. The protocol breakpoint
 * itself is the core's `protocolBreakpointSchema`.
 */
import { z } from 'zod';
import { protocolBreakpointSchema } from '../../core/debug/breakpoints.ts';

/** Largest watched memory range (a page). */
export const MAX_WATCH_BYTES = 4096;

/** Register names a watchpoint accepts: x0-x30, w0-w30, sp, pc, nzcv (lower case). */
export const WATCH_REGISTER_RE = /^(?:[xw](?:[12]?\d|30)|sp|pc|nzcv)$/;

const vmId = z.number().int().min(0).max(15);
const vcpuIdx = z.number().int().min(0).max(7);

export const lineBreakpointSchema = z.object({
  file: z.string().min(1),
  line: z.number().int().min(1),
  condition: z.string().min(1).optional(),
  fromHit: z.number().int().min(2).optional(),
});

export const protocolBreakpointEntrySchema = z.object({ id: z.string().min(1), bp: protocolBreakpointSchema, enabled: z.boolean() });

export const watchpointSchema = z.discriminatedUnion('kind', [
  z.object({ id: z.string().min(1), kind: z.literal('memory'), vm: vmId, addr: z.number().int().min(0), length: z.number().int().min(1).max(MAX_WATCH_BYTES) }),
  z.object({ id: z.string().min(1), kind: z.literal('register'), vm: vmId, vcpu: vcpuIdx, reg: z.string().regex(WATCH_REGISTER_RE) }),
]);

/**
 * The valid entries of `data` when it is an array, each checked by `schema`
 * (an invalid entry is dropped, not the whole list); [] otherwise.
 */
export function validEntries<T>(data: unknown, schema: z.ZodType<T>): T[] {
  if (!Array.isArray(data)) return [];
  return data.flatMap((d) => {
    const r = schema.safeParse(d);
    return r.success ? [r.data] : [];
  });
}
