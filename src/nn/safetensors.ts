import { CheckpointError } from '../errors/nn.js';

/** Element types cwm writes and reads (safetensors names). */
export type SafeDtype = 'F32' | 'F64' | 'I32' | 'U8';

/** One tensor of a safetensors file: dtype, shape and row-major data. */
export interface SafeTensor {
  dtype: SafeDtype;
  shape: number[];
  data: Float32Array | Float64Array | Int32Array | Uint8Array;
}

const BYTES: Record<SafeDtype, number> = { F32: 4, F64: 8, I32: 4, U8: 1 };
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function ctorOf(dtype: SafeDtype) {
  return dtype === 'F32'
    ? Float32Array
    : dtype === 'F64'
      ? Float64Array
      : dtype === 'I32'
        ? Int32Array
        : Uint8Array;
}

function dtypeOf(data: SafeTensor['data']): SafeDtype {
  if (data instanceof Float32Array) return 'F32';
  if (data instanceof Float64Array) return 'F64';
  if (data instanceof Int32Array) return 'I32';
  return 'U8';
}

function writeLE(dst: DataView, offset: number, t: SafeTensor): void {
  const bytes = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  if (LITTLE_ENDIAN_HOST) {
    new Uint8Array(dst.buffer, dst.byteOffset + offset, bytes.length).set(bytes);
    return;
  }
  const n = t.data.length;
  for (let i = 0; i < n; i++) {
    const v = t.data[i];
    if (t.dtype === 'F32') dst.setFloat32(offset + 4 * i, v, true);
    else if (t.dtype === 'F64') dst.setFloat64(offset + 8 * i, v, true);
    else if (t.dtype === 'I32') dst.setInt32(offset + 4 * i, v, true);
    else dst.setUint8(offset + i, v);
  }
}

/**
 * Serialises tensors in the safetensors format (huggingface/safetensors, "Format" section): an 8-byte
 * little-endian unsigned header length N, N bytes of UTF-8 JSON `{name: {dtype, shape, data_offsets:
 * [begin, end]}, "__metadata__": {string: string}}` padded with spaces to a multiple of 8, then the raw
 * little-endian tensor bytes, contiguous, in name order, offsets relative to the end of the header.
 * @throws CheckpointError when a tensor's data length does not match its shape.
 */
export function encodeSafetensors(
  tensors: Record<string, SafeTensor>,
  metadata: Record<string, string> = {},
): Uint8Array {
  const names = Object.keys(tensors).sort();
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const name of names) {
    const t = tensors[name];
    if (dtypeOf(t.data) !== t.dtype)
      throw new CheckpointError('<safetensors>', `tensor "${name}": data is not ${t.dtype}`);
    const n = t.shape.reduce((a, b) => a * b, 1);
    if (n !== t.data.length)
      throw new CheckpointError(
        '<safetensors>',
        `tensor "${name}": shape [${t.shape}] needs ${n} values, data has ${t.data.length}`,
      );
    const size = n * BYTES[t.dtype];
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + size] };
    offset += size;
  }
  let json = JSON.stringify(header);
  const enc = new TextEncoder();
  let hb = enc.encode(json);
  const pad = (8 - (hb.length % 8)) % 8;
  if (pad) {
    json += ' '.repeat(pad);
    hb = enc.encode(json);
  }
  const out = new Uint8Array(8 + hb.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(hb.length), true);
  out.set(hb, 8);
  for (const name of names) {
    const [begin] = (header[name] as { data_offsets: number[] }).data_offsets;
    writeLE(view, 8 + hb.length + begin, tensors[name]);
  }
  return out;
}

/**
 * Parses a safetensors byte buffer and validates it: header length within the file, JSON object, known
 * dtypes, offsets matching shapes, and tensors covering the data section exactly without gaps or overlaps.
 * @param file name used in error messages
 * @throws CheckpointError naming the file and tensor on any violation.
 */
export function decodeSafetensors(
  bytes: Uint8Array,
  file = '<buffer>',
): { tensors: Record<string, SafeTensor>; metadata: Record<string, string> } {
  if (bytes.length < 8)
    throw new CheckpointError(file, `too short for a safetensors header (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (n > bytes.length - 8)
    throw new CheckpointError(file, `header length ${n} exceeds file size ${bytes.length}`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n)));
  } catch (cause) {
    throw new CheckpointError(file, 'header is not valid UTF-8 JSON', { cause });
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    throw new CheckpointError(file, 'header must be a JSON object');
  const dataStart = 8 + n;
  const dataLen = bytes.length - dataStart;
  const metadata = (header.__metadata__ ?? {}) as Record<string, string>;
  const spans: [number, number, string][] = [];
  const tensors: Record<string, SafeTensor> = {};
  for (const [name, raw] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const e = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof e.dtype !== 'string' || !(e.dtype in BYTES))
      throw new CheckpointError(file, `tensor "${name}": unsupported dtype ${JSON.stringify(e.dtype)}`);
    const dtype = e.dtype as SafeDtype;
    if (!Array.isArray(e.shape) || !e.shape.every((d) => Number.isInteger(d) && d >= 0))
      throw new CheckpointError(file, `tensor "${name}": bad shape ${JSON.stringify(e.shape)}`);
    const off = e.data_offsets as number[];
    if (!Array.isArray(off) || off.length !== 2 || !(off[0] <= off[1]) || off[1] > dataLen)
      throw new CheckpointError(file, `tensor "${name}": bad data_offsets ${JSON.stringify(off)}`);
    const count = (e.shape as number[]).reduce((a, b) => a * b, 1);
    if (count * BYTES[dtype] !== off[1] - off[0])
      throw new CheckpointError(
        file,
        `tensor "${name}": ${off[1] - off[0]} bytes for shape [${e.shape}] ${dtype}`,
      );
    spans.push([off[0], off[1], name]);
    const Ctor = ctorOf(dtype);
    const copy = new Uint8Array(bytes.subarray(dataStart + off[0], dataStart + off[1]));
    let data: SafeTensor['data'];
    if (LITTLE_ENDIAN_HOST) data = new Ctor(copy.buffer, 0, count);
    else {
      const dv = new DataView(copy.buffer);
      data = new Ctor(count);
      for (let i = 0; i < count; i++)
        data[i] =
          dtype === 'F32'
            ? dv.getFloat32(4 * i, true)
            : dtype === 'F64'
              ? dv.getFloat64(8 * i, true)
              : dtype === 'I32'
                ? dv.getInt32(4 * i, true)
                : dv.getUint8(i);
    }
    tensors[name] = { dtype, shape: e.shape as number[], data };
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let pos = 0;
  for (const [b, e, name] of spans) {
    if (b !== pos)
      throw new CheckpointError(file, `tensor "${name}": data section has a gap or overlap at byte ${pos}`);
    pos = e;
  }
  if (pos !== dataLen)
    throw new CheckpointError(file, `data section has ${dataLen - pos} unindexed trailing bytes`);
  return { tensors, metadata };
}
