import { createHash } from 'node:crypto';

/**
 * JSON of plain data, with object keys sorted, for cache keys: equal data gives equal text
 * whatever order its keys were set in. Where JSON.stringify would blur two values into one
 * (NaN, ±Infinity and null; -0 and 0; undefined and null in an array) it writes them as bare
 * words no JSON value spells, and anything that is not plain data (a Map, a Set, a class
 * instance, a function) throws: a key must never drop part of what the cached work read. An
 * undefined property counts as missing, as every reader treats the two alike.
 */
export function stableJson(value: unknown): string {
  const out: string[] = [];
  write(value, out);
  return out.join('');
}

function write(value: unknown, out: string[]): void {
  switch (typeof value) {
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      out.push(Object.is(value, -0) ? '-0' : String(value));
      return;
    case 'undefined':
      out.push('undefined');
      return;
    case 'object':
      if (value === null) {
        out.push('null');
        return;
      }
      if (Array.isArray(value)) {
        out.push('[');
        value.forEach((v, i) => {
          if (i > 0) out.push(',');
          write(v, out);
        });
        out.push(']');
        return;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
        throw new TypeError(`not plain data: ${Object.prototype.toString.call(value)}`);
      }
      out.push('{');
      Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .forEach((k, i) => {
          if (i > 0) out.push(',');
          out.push(JSON.stringify(k), ':');
          write((value as Record<string, unknown>)[k], out);
        });
      out.push('}');
      return;
    default:
      throw new TypeError(`not plain data: a ${typeof value}`);
  }
}

/** A file's or a text's content hash (hex SHA-1): for telling contents apart, not for keys. */
export function contentHash(content: string | Buffer): string {
  return createHash('sha1').update(content).digest('hex');
}

/** A hex SHA-256 of the parts, each length-prefixed so no two lists of parts collide. */
export function digest(...parts: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(`${p.length}:`).update(p);
  return h.digest('hex');
}
