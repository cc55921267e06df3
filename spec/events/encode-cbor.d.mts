/**
 * CBOR (RFC 8949) of a JSON-like value, as a Tablestore trigger sends its records: the shortest
 * heads, floats as doubles, byte strings from Uint8Array, integers up to 64 bits from bigint.
 */
export declare function encodeCbor(value: unknown): Uint8Array;
