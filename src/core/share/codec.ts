/**
 * Share-link codec: a payload (plain JSON) <-> the text after `#` in a URL.
 *
 * Format: `s/<version>/<data>` where data is base64url of
 *   [4 bytes CRC-32 (little-endian) of the deflated bytes][deflated UTF-8 JSON].
 * The version says how to read the JSON; older versions are migrated forward
 * one step at a time, so a link made today still opens later. A damaged or
 * foreign link decodes to an error value that says what is wrong, never an
 * exception.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

export type Decoded<T> = { ok: true; value: T; fromVersion: number } | { ok: false; error: string };

export interface LinkCodecOptions<T> {
  /** The version new links are written with. */
  readonly version: number;
  /** migrations[v] turns a version-v payload into a version-(v+1) payload. */
  readonly migrations: Readonly<Record<number, (old: unknown) => unknown>>;
  /** Checks a current-version payload; returns the typed value or what is wrong. */
  readonly validate: (x: unknown) => { ok: true; value: T } | { ok: false; error: string };
}

const PREFIX = 's/';

export interface LinkCodec<T> {
  encode(value: T): string;
  decode(text: string): Decoded<T>;
}

/** Creates a codec for one payload type. */
export function createLinkCodec<T>(opts: LinkCodecOptions<T>): LinkCodec<T> {
  return {
    encode(value: T): string {
      const deflated = deflateSync(strToU8(JSON.stringify(value)), { level: 9 });
      const out = new Uint8Array(4 + deflated.length);
      new DataView(out.buffer).setUint32(0, crc32(deflated), true);
      out.set(deflated, 4);
      return `${PREFIX}${opts.version}/${toBase64Url(out)}`;
    },

    decode(text: string): Decoded<T> {
      const t = text.replace(/^#/, '').trim();
      const m = /^s\/(\d+)\/([A-Za-z0-9_-]*)$/.exec(t);
      if (!m) return { ok: false, error: 'this is not an hvlab share link (expected #s/<version>/<data>)' };
      const version = Number(m[1]);
      if (version < 1 || version > opts.version) {
        return { ok: false, error: `share link version ${version} is not known to this hvlab (it reads versions 1 to ${opts.version})` };
      }
      const bytes = fromBase64Url(m[2]);
      if (!bytes || bytes.length < 5) return { ok: false, error: 'the share link is damaged: its data is truncated or not base64url' };
      const sum = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
      const body = bytes.subarray(4);
      if (crc32(body) !== sum) return { ok: false, error: 'the share link is damaged: its checksum does not match (was it cut or edited?)' };
      let json: unknown;
      try {
        json = JSON.parse(strFromU8(inflateSync(body)));
      } catch {
        return { ok: false, error: 'the share link is damaged: its data does not decompress to JSON' };
      }
      for (let v = version; v < opts.version; v++) {
        const migrate = opts.migrations[v];
        if (!migrate) return { ok: false, error: `no migration from share link version ${v}` };
        try {
          json = migrate(json);
        } catch (err) {
          return { ok: false, error: `could not migrate share link from version ${v}: ${err instanceof Error ? err.message : String(err)}` };
        }
      }
      const checked = opts.validate(json);
      return checked.ok ? { ok: true, value: checked.value, fromVersion: version } : { ok: false, error: `the share link's content is invalid: ${checked.error}` };
    },
  };
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE 802.3), as zip and PNG use. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += B64[(n >>> (18 - 6 * k)) & 63];
  }
  return out;
}

function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let j = 0;
  for (const ch of text) {
    const v = B64.indexOf(ch);
    if (v < 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >>> bits) & 0xff;
    }
  }
  return out;
}
