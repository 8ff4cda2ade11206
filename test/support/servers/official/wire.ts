/**
 * A strict, table-driven protobuf (proto3) codec owned by the tests. It shares nothing with the clients' .proto files
 * or generated code: the tables in this folder are written from the vendors' published schemas, so bytes a client
 * sends are read the way the real service reads them. Decoding refuses a field number the table does not know or a
 * wire type that does not match the declared type — exactly where a drifting client would be misread by the service.
 */

export type Scalar = 'string' | 'bytes' | 'bool' | 'int32' | 'int64' | 'enum' | 'double' | 'float';
/** `[name, type, repeated?]`; a type that is not a scalar names another message of the same schema. */
export type FieldSpec = readonly [name: string, type: Scalar | string, repeated?: 'repeated'];
export type MessageSpec = Readonly<Record<number, FieldSpec>>;
export type Schema = Readonly<Record<string, MessageSpec>>;
/** Decoded messages: official snake_case names; enums, ints as numbers; bytes as Buffer; nested messages as objects. */
export type Decoded = { [name: string]: unknown };

export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
}

const SCALAR_WIRE: Record<Scalar, number> = { string: 2, bytes: 2, bool: 0, int32: 0, int64: 0, enum: 0, double: 1, float: 5 };
const wireOf = (type: string) => (type in SCALAR_WIRE ? SCALAR_WIRE[type as Scalar] : 2);

function readVarint(buf: Buffer, at: { i: number }): number {
  let value = 0;
  let scale = 1;
  for (let n = 0; n < 10; n++) {
    if (at.i >= buf.length) throw new ContractViolation('truncated varint');
    const b = buf[at.i++]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) return value;
    scale *= 128;
  }
  throw new ContractViolation('varint longer than 10 bytes');
}

/** Reads `buf` as `message` of `schema`; throws ContractViolation on any field the official schema does not have. */
export function decode(schema: Schema, message: string, buf: Uint8Array, path = message): Decoded {
  const spec = schema[message];
  if (!spec) throw new ContractViolation(`schema has no message ${message}`);
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: Decoded = {};
  const at = { i: 0 };
  while (at.i < b.length) {
    const key = readVarint(b, at);
    const no = Math.floor(key / 8);
    const wire = key % 8;
    const field = spec[no];
    if (!field) throw new ContractViolation(`${path}: field number ${no} (wire type ${wire}) is not in the official schema`);
    const [name, type, repeated] = field;
    if (wire !== wireOf(type) && !(repeated && wire === 2 && wireOf(type) !== 2)) {
      throw new ContractViolation(`${path}.${name} (#${no}): wire type ${wire}, the official type ${type} needs ${wireOf(type)}`);
    }
    const values: unknown[] = [];
    if (wire === 0) values.push(readVarint(b, at));
    else if (wire === 1) (values.push(b.readDoubleLE(at.i)), (at.i += 8));
    else if (wire === 5) (values.push(b.readFloatLE(at.i)), (at.i += 4));
    else {
      const len = readVarint(b, at);
      const body = b.subarray(at.i, at.i + len);
      at.i += len;
      if (type === 'string') values.push(body.toString('utf8'));
      else if (type === 'bytes') values.push(Buffer.from(body));
      else if (wireOf(type) !== 2) for (const inner = { i: 0 }; inner.i < body.length; ) values.push(readVarint(body, inner)); // packed
      else values.push(decode(schema, type, body, `${path}.${name}`));
    }
    const cast = values.map((v) => (type === 'bool' ? v !== 0 : type === 'int32' && typeof v === 'number' && v > 0x7fffffff ? v - 2 ** 64 : v));
    if (repeated) out[name] = [...((out[name] as unknown[]) ?? []), ...cast];
    else out[name] = cast.at(-1);
  }
  return out;
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  let v = n < 0 ? 2 ** 64 + n : n;
  do {
    const low = v % 128;
    v = Math.floor(v / 128);
    bytes.push(v > 0 ? low | 0x80 : low);
  } while (v > 0);
  return Buffer.from(bytes);
}

/** Writes `value` (official snake_case names) as `message` of `schema`; unknown names are a test bug and throw. */
export function encode(schema: Schema, message: string, value: Decoded): Buffer {
  const spec = schema[message];
  if (!spec) throw new ContractViolation(`schema has no message ${message}`);
  const byName = new Map(Object.entries(spec).map(([no, f]) => [f[0], { no: Number(no), type: f[1] }]));
  const parts: Buffer[] = [];
  for (const [name, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    const f = byName.get(name);
    if (!f) throw new ContractViolation(`${message} has no field ${name} in the official schema`);
    for (const item of Array.isArray(v) ? v : [v]) {
      const wire = wireOf(f.type);
      parts.push(varint(f.no * 8 + wire));
      if (f.type === 'string' || f.type === 'bytes') {
        const body = Buffer.from(item as string | Uint8Array);
        parts.push(varint(body.length), body);
      } else if (wire === 2) {
        const body = encode(schema, f.type, item as Decoded);
        parts.push(varint(body.length), body);
      } else if (f.type === 'double') parts.push(Buffer.alloc(8)), parts.at(-1)!.writeDoubleLE(item as number);
      else if (f.type === 'float') parts.push(Buffer.alloc(4)), parts.at(-1)!.writeFloatLE(item as number);
      else parts.push(varint(typeof item === 'boolean' ? Number(item) : (item as number)));
    }
  }
  return Buffer.concat(parts);
}
