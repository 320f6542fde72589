/**
 * Differential suite: the generated corpus (corpus.ts) assembled by GNU as
 * (`aarch64-linux-gnu-as`, linked with `-Ttext=0x80000` so adrp and literal
 * pools resolve) and by hvlab at base 0x80000 must give identical bytes, and
 * both must reject exactly the same lines. A mismatch shows the source line,
 * both words and the fields that differ. The example scenarios' programs are
 * compared too, whole images with every section.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decode, fieldsOf } from '../isa/decode.ts';
import { generateCorpus } from './corpus.ts';
import { assemble } from './index.ts';

const BASE = 0x80000;
const TOOLS = ['aarch64-linux-gnu-as', 'aarch64-linux-gnu-ld', 'aarch64-linux-gnu-objcopy'];

function haveTools(): boolean {
  try {
    for (const t of TOOLS) execFileSync(t, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const available = haveTools();
if (!available) {
  const msg = `GNU binutils for AArch64 (${TOOLS.join(', ')}) not found: install binutils-aarch64-linux-gnu`;
  if (process.env.CI === 'true') throw new Error(`${msg} (required in CI)`);
  console.warn(`\n${'!'.repeat(78)}\n!! SKIPPING the GNU as differential suite: ${msg}\n${'!'.repeat(78)}\n`);
}

const dir = available ? mkdtempSync(join(tmpdir(), 'hvlab-gas-')) : '';
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Assembles with GNU as and links at `base`: only .text with `-Ttext`, or
 * (`layout`) every section in hvlab's order through a linker script.
 * Returns: the rejected line numbers, or the image bytes when none.
 */
function gas(name: string, text: string, opts: { base?: number; layout?: boolean } = {}): { rejected: Map<number, string>; bytes: Uint8Array | null } {
  const base = opts.base ?? BASE;
  const src = join(dir, `${name}.s`);
  writeFileSync(src, text);
  const obj = join(dir, `${name}.o`);
  const rejected = new Map<number, string>();
  try {
    execFileSync('aarch64-linux-gnu-as', ['-o', obj, src], { stdio: 'pipe' });
  } catch (e) {
    const stderr = String((e as { stderr?: Buffer }).stderr ?? '');
    for (const m of stderr.matchAll(/:(\d+): Error: (.*)/g)) rejected.set(Number(m[1]), m[2]);
    if (rejected.size === 0) throw new Error(`GNU as failed without line errors:\n${stderr}`, { cause: e });
    return { rejected, bytes: null };
  }
  const elf = join(dir, `${name}.elf`);
  const bin = join(dir, `${name}.bin`);
  const script = join(dir, `${name}.ld`);
  writeFileSync(script, `SECTIONS { . = 0x${base.toString(16)}; .text : { *(.text) } .rodata : { *(.rodata) } .data : { *(.data) } .bss : { *(.bss) } }`);
  const ldArgs = opts.layout ? ['-T', script] : [`-Ttext=0x${base.toString(16)}`, '-e', '0'];
  execFileSync('aarch64-linux-gnu-ld', [...ldArgs, '-o', elf, obj], { stdio: 'pipe' });
  execFileSync('aarch64-linux-gnu-objcopy', ['-O', 'binary', ...(opts.layout ? [] : ['-j', '.text']), elf, bin], { stdio: 'pipe' });
  return { rejected, bytes: new Uint8Array(readFileSync(bin)) };
}

const hex8 = (w: number) => w.toString(16).padStart(8, '0');

/** Describes how two words differ, field by field when GNU as's word decodes. */
function fieldDiff(ours: number, theirs: number): string {
  const d = decode(theirs);
  if (!d) return `(GNU as word does not decode in hvlab's table)`;
  const a = fieldsOf(ours, d.compiled);
  const b = d.f;
  const ourId = decode(ours)?.id ?? 'undecodable';
  const diffs = Object.keys(b).filter((k) => a[k] !== b[k]).map((k) => `${k}: ours ${a[k]} vs ${b[k]}`);
  return `encoding ${ourId} vs ${d.id}${diffs.length ? `; fields ${diffs.join(', ')}` : ''}`;
}

describe.skipIf(!available)('assembler vs GNU as', () => {
  const batches = generateCorpus(0x5eed2, 4, 2);
  const total = batches.reduce((n, b) => n + b.instructions, 0);

  it(`the corpus has at least 2,000 instruction forms (${total})`, () => {
    expect(total).toBeGreaterThanOrEqual(2000);
  });

  batches.forEach((batch, bi) => {
    it(`batch ${bi}: same accepted lines and identical words`, () => {
      const lines = batch.text.split('\n');
      const first = gas(`b${bi}`, batch.text);
      const ours = assemble({ name: `b${bi}.s`, text: batch.text }, { base: BASE });
      const ourRejected = new Set(ours.diagnostics.filter((d) => d.severity === 'error').map((d) => d.line));
      const problems: string[] = [];
      for (const [line, why] of first.rejected) {
        if (!ourRejected.has(line)) problems.push(`line ${line}: GNU as rejects (${why}), hvlab accepts: ${lines[line - 1].trim()}`);
      }
      for (const d of ours.diagnostics) {
        if (d.severity === 'error' && !first.rejected.has(d.line)) problems.push(`line ${d.line}: hvlab rejects (${d.message} [${d.code}]), GNU as accepts: ${lines[d.line - 1].trim()}`);
      }
      // Compare words on the lines both accept.
      const kept = lines.map((l, i) => (first.rejected.has(i + 1) || ourRejected.has(i + 1) ? `// ${l}` : l)).join('\n');
      const theirs = first.rejected.size || ourRejected.size ? gas(`b${bi}k`, kept) : first;
      const mine = first.rejected.size || ourRejected.size ? assemble({ name: `b${bi}.s`, text: kept }, { base: BASE }) : ours;
      if (!theirs.bytes || !mine.image) {
        problems.push(`filtered batch still fails: ${[...theirs.rejected.values()].slice(0, 3).join('; ')} ${mine.diagnostics.slice(0, 3).map((d) => d.message).join('; ')}`);
      } else {
        const a = mine.image.bytes;
        const b = theirs.bytes;
        if (a.length !== b.length) problems.push(`image sizes differ: hvlab ${a.length} bytes, GNU as ${b.length}`);
        const locs = mine.image.sourceMap;
        const dv = (x: Uint8Array) => new DataView(x.buffer, x.byteOffset, x.byteLength);
        if (Math.min(a.length, b.length) < batch.instructions * 4) problems.push(`only ${Math.min(a.length, b.length)} bytes to compare for ${batch.instructions} instructions`);
        for (let k = 0; k + 4 <= Math.min(a.length, b.length) && problems.length < 40; k += 4) {
          const wa = dv(a).getUint32(k, true);
          const wb = dv(b).getUint32(k, true);
          if (wa === wb) continue;
          const addr = BASE + k;
          const loc = [...locs].reverse().find((m) => m.addr <= addr);
          const src = loc ? lines[loc.loc.line - 1].trim() : '?';
          problems.push(`0x${addr.toString(16)} line ${loc?.loc.line}: ${src}\n    hvlab ${hex8(wa)}  GNU as ${hex8(wb)}  ${fieldDiff(wa, wb)}`);
        }
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });
  });
});

/** The built-in example scenarios: every VM's files, concatenated as `as f1.s f2.s ...` reads them. */
function exampleVms(): { name: string; files: string[]; base: number }[] {
  const root = join(import.meta.dirname, '../../../../examples');
  const out: { name: string; files: string[]; base: number }[] = [];
  for (const d of readdirSync(root, { withFileTypes: true })) {
    const spec = join(root, d.name, 'scenario.json');
    if (!d.isDirectory() || !existsSync(spec)) continue;
    const s = JSON.parse(readFileSync(spec, 'utf8')) as { primary?: { files?: string[]; base?: number }; vms?: { files?: string[]; base?: number }[] };
    [s.primary, ...(s.vms ?? [])].forEach((vm, i) => {
      if (vm?.files) out.push({ name: `${d.name}#${i}`, files: vm.files.map((f) => join(root, d.name, f)), base: vm.base ?? BASE });
    });
  }
  return out;
}

describe.skipIf(!available)('example programs vs GNU as + ld', () => {
  const vms = available ? exampleVms() : [];

  it('finds the examples', () => {
    expect(vms.length).toBeGreaterThan(0);
  });

  it.each(vms.map((v) => [v.name, v] as const))('%s: the whole image (all sections) is identical', (name, vm) => {
    const sources = vm.files.map((f) => ({ name: f, text: readFileSync(f, 'utf8') }));
    const ours = assemble(sources, { base: vm.base });
    expect(ours.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const theirs = gas(name.replace(/\W/g, '_'), sources.map((s) => `${s.text}\n`).join(''), { base: vm.base, layout: true });
    expect([...theirs.rejected.values()]).toEqual([]);
    expect(Buffer.from(ours.image!.bytes).toString('hex')).toBe(Buffer.from(theirs.bytes!).toString('hex'));
  });
});
