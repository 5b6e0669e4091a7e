/**
 * An exactly rounded fused multiply-add. JavaScript has none, but Go's amd64 `math.Exp`
 * uses the FMA instructions when the CPU has them, so reproducing its bits needs one.
 * The product and the sum are computed exactly with BigInt and rounded once.
 */

interface Exact {
  /** Signed integer mantissa. */
  m: bigint;
  /** Power-of-two exponent: value = m × 2^e. */
  e: number;
}

const view = new DataView(new ArrayBuffer(8));

function decompose(x: number): Exact {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const negative = hi >>> 31 === 1;
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (biased === 0) {
    e = -1074;
  } else {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  return { m: negative ? -m : m, e };
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** 2^k as a double, for k in the range where that is representable. */
function pow2(k: number): number {
  // Split so neither factor overflows or flushes to zero on its own.
  if (k > 1023) return 2 ** 1023 * 2 ** (k - 1023);
  if (k < -1022) return 2 ** -1022 * 2 ** (k + 1022);
  return 2 ** k;
}

/** Rounds m × 2^e (exact) to the nearest double, ties to even. */
function roundToDouble(m: bigint, e: number): number {
  if (m === 0n) return 0;
  const negative = m < 0n;
  let mag = negative ? -m : m;
  const len = bitLength(mag);
  // Weight of the result's last kept bit: 53 significant bits, but never below 2^-1074.
  const top = len + e - 1;
  const lsb = Math.max(top - 52, -1074);
  let shift = lsb - e;
  if (shift > 0) {
    const sh = BigInt(shift);
    const q = mag >> sh;
    const rem = mag - (q << sh);
    const half = 1n << (sh - 1n);
    mag = rem > half || (rem === half && (q & 1n) === 1n) ? q + 1n : q;
  } else {
    shift = 0;
  }
  const exponent = e + shift;
  if (exponent + bitLength(mag) - 1 > 1023) return negative ? -Infinity : Infinity;
  const value = Number(mag) * pow2(exponent);
  return negative ? -value : value;
}

/** a × b + c with a single rounding, as the x86 VFMADD instructions compute it. */
export function fma(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c)) return a * b + c;
  if (a === 0 || b === 0) return a * b + c;
  if (c === 0) {
    // The sum is the product itself; only its rounding matters.
    const p = decompose(a);
    const q = decompose(b);
    return roundToDouble(p.m * q.m, p.e + q.e);
  }
  const p = decompose(a);
  const q = decompose(b);
  const r = decompose(c);
  const pe = p.e + q.e;
  const e = Math.min(pe, r.e);
  const sum = ((p.m * q.m) << BigInt(pe - e)) + (r.m << BigInt(r.e - e));
  // An exact zero sum of non-zero terms is +0 under round-to-nearest.
  return sum === 0n ? 0 : roundToDouble(sum, e);
}
