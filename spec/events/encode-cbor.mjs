// For tests and benchmarks: CBOR (RFC 8949) of a JSON-like value, as a Tablestore trigger sends
// its records: the shortest heads, floats as doubles, byte strings from Uint8Array, integers up to
// 64 bits from bigint.

export function encodeCbor(value) {
  const out = [];
  write(value, out);
  return Uint8Array.from(out);
}

function write(value, out) {
  if (value === null) out.push(0xf6);
  else if (value === true || value === false) out.push(value ? 0xf5 : 0xf4);
  else if (typeof value === "bigint") {
    if (value >= 0n) head(0, value, out);
    else head(1, -1n - value, out);
  } else if (typeof value === "number") {
    if (Number.isSafeInteger(value) && !Object.is(value, -0)) {
      if (value >= 0) head(0, BigInt(value), out);
      else head(1, BigInt(-1 - value), out);
    } else {
      const bytes = new Uint8Array(8);
      new DataView(bytes.buffer).setFloat64(0, value);
      out.push(0xfb, ...bytes);
    }
  } else if (typeof value === "string") {
    const bytes = new TextEncoder().encode(value);
    head(3, BigInt(bytes.length), out);
    out.push(...bytes);
  } else if (value instanceof Uint8Array) {
    head(2, BigInt(value.length), out);
    out.push(...value);
  } else if (Array.isArray(value)) {
    head(4, BigInt(value.length), out);
    for (const item of value) write(item, out);
  } else {
    const entries = Object.entries(value);
    head(5, BigInt(entries.length), out);
    for (const [key, item] of entries) {
      write(key, out);
      write(item, out);
    }
  }
}

function head(major, argument, out) {
  if (argument < 24n) {
    out.push((major << 5) | Number(argument));
    return;
  }
  for (const [info, size] of [
    [24, 1],
    [25, 2],
    [26, 4],
    [27, 8],
  ]) {
    if (argument < 1n << BigInt(8 * size)) {
      out.push((major << 5) | info);
      for (let shift = 8 * (size - 1); shift >= 0; shift -= 8) out.push(Number((argument >> BigInt(shift)) & 0xffn));
      return;
    }
  }
  throw new RangeError("too large for a CBOR head");
}
