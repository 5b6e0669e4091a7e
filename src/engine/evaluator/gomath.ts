import { fma } from './fma.js';

/**
 * Go's math functions as promtool 2.42 (Go 1.19, linux/amd64) computes them. V8's Math.exp,
 * Math.log and Math.pow are different algorithms and disagree in the last bit often enough
 * to break promtool's exact float comparison, so the Go algorithms are reproduced here
 * operation by operation. Only functions whose JavaScript counterpart differs live here.
 */

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

function bits(x: number): bigint {
  f64[0] = x;
  return u64[0]!;
}

function fromBits(b: bigint): number {
  u64[0] = BigInt.asUintN(64, b);
  return f64[0]!;
}

const SIGN = 1n << 63n;
const POS_INF = 0x7ff0000000000000n;

/**
 * Go 1.19 picks the FMA variant of its amd64 Exp at start-up when the CPU has AVX and FMA,
 * which every machine this project runs on has. Set to false to model an older CPU.
 */
export const GO_EXP_USES_FMA = true;

// Constants of Go's exp_amd64.s (SLEEF-derived).
const EXP_OVERFLOW = 7.09782712893384e2;
const LOG2E = 1.4426950408889634;
const LN2U = 0.69314718055966295651160180568695068359375;
const LN2L = 0.28235290563031577122588448175013436025525412068e-12;
const T2 = 0.5;
const T3 = 1.6666666666666666667e-1;
const T4 = 4.1666666666666666667e-2;
const T5 = 8.3333333333333333333e-3;
const T6 = 1.3888888888888888889e-3;
const T7 = 1.9841269841269841270e-4;
const T8 = 2.4801587301587301587e-5;

/** Rounds to the nearest integer, ties to even, as CVTSD2SL does in the default mode. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** math.Exp on amd64. */
export function goExp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === -Infinity) return 0;
  if (x > EXP_OVERFLOW) return Infinity;
  const scaled = LOG2E * x;
  // Out of int32 range the conversion yields INT_MIN, which underflows below.
  const k = Math.abs(scaled) >= 2147483647.5 ? -2147483648 : roundHalfEven(scaled);
  const kf = k;
  let r: number;
  let p: number;
  if (GO_EXP_USES_FMA) {
    r = fma(-kf, LN2U, x);
    r = fma(-kf, LN2L, r);
    r *= 0.0625;
    p = fma(T8, r, T7);
    p = fma(p, r, T6);
    p = fma(p, r, T5);
    p = fma(p, r, T4);
    p = fma(p, r, T3);
    p = fma(p, r, T2);
    p = fma(p, r, 1);
    r *= p;
    r *= r + 2;
    r *= r + 2;
    r *= r + 2;
    r = fma(r + 2, r, 1);
  } else {
    r = x - kf * LN2U;
    r -= kf * LN2L;
    r *= 0.0625;
    p = T8 * r + T7;
    p = p * r + T6;
    p = p * r + T5;
    p = p * r + T4;
    p = p * r + T3;
    p = p * r + T2;
    p = p * r + 1;
    r *= p;
    r *= r + 2;
    r *= r + 2;
    r *= r + 2;
    r *= r + 2;
    r += 1;
  }
  let biased = k + 0x3ff;
  if (biased <= 0) {
    if (biased < -52) return 0;
    // Denormal results are scaled in two steps, each rounding on its own.
    r *= fromBits(BigInt(biased + 0x3fe) << 52n);
    biased = 1;
  } else if (biased >= 0x7ff) {
    return Infinity;
  }
  return r * fromBits(BigInt(biased) << 52n);
}

// Constants of Go's log_amd64.s (FreeBSD-derived).
const HSQRT2 = 7.07106781186547524401e-1;
const LN2HI = 6.93147180369123816490e-1;
const LN2LO = 1.90821492927058770002e-10;
const L1 = 6.666666666666735130e-1;
const L2 = 3.999999999940941908e-1;
const L3 = 2.857142874366239149e-1;
const L4 = 2.222219843214978396e-1;
const L5 = 1.818357216161805012e-1;
const L6 = 1.531383769920937332e-1;
const L7 = 1.479819860511658591e-1;

/** math.Log on amd64, including its assembly's handling of subnormal inputs. */
export function goLog(x: number): number {
  const b = bits(x);
  if ((b & ~SIGN) === 0n) return -Infinity;
  if ((b & SIGN) !== 0n) return NaN;
  if (b >= POS_INF) return x;
  // The assembly splits the bits directly, without normalising subnormals first.
  let f1 = fromBits((b & 0x000fffffffffffffn) | 0x3fe0000000000000n);
  let k = Number((b >> 52n) & 0x7ffn) - 0x3fe;
  if (f1 <= HSQRT2) {
    k -= 1;
    f1 *= 2;
  }
  const f = f1 - 1;
  const s = f / (2 + f);
  const s2 = s * s;
  const s4 = s2 * s2;
  const t1 = s2 * (((L7 * s4 + L5) * s4 + L3) * s4 + L1);
  const t2 = s4 * ((L6 * s4 + L4) * s4 + L2);
  const R = t1 + t2;
  const hfsq = 0.5 * f * f;
  const inner = hfsq - (s * (hfsq + R) + k * LN2LO) - f;
  return k * LN2HI - inner;
}

/** math.Frexp: x = frac × 2^exp with frac in [0.5, 1). */
export function goFrexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let exp = 0;
  if (Math.abs(x) < 2.2250738585072014e-308) {
    x *= 2 ** 52;
    exp = -52;
  }
  const b = bits(x);
  exp += Number((b >> 52n) & 0x7ffn) - 1023 + 1;
  const frac = fromBits((b & ~(0x7ffn << 52n)) | (1022n << 52n));
  return [frac, exp];
}

/** math.Ldexp: frac × 2^exp with Go's rounding of subnormal results. */
export function goLdexp(frac: number, exp: number): number {
  if (frac === 0 || !Number.isFinite(frac)) return frac;
  if (Math.abs(frac) < 2.2250738585072014e-308) {
    frac *= 2 ** 52;
    exp -= 52;
  }
  const b = bits(frac);
  exp += Number((b >> 52n) & 0x7ffn) - 1023;
  if (exp < -1075) return frac < 0 ? -0 : 0;
  if (exp > 1023) return frac < 0 ? -Infinity : Infinity;
  let m = 1;
  if (exp < -1022) {
    exp += 53;
    m = 2 ** -53;
  }
  return m * fromBits((b & ~(0x7ffn << 52n)) | (BigInt(exp + 1023) << 52n));
}

/** math.Modf: integer and fractional parts, both with the sign of x. */
export function goModf(x: number): [number, number] {
  if (x < 1) {
    if (x < 0) {
      const [i, f] = goModf(-x);
      return [-i, -f];
    }
    if (x === 0) return [x, x];
    return [0, x];
  }
  const integer = Math.trunc(x);
  return [integer, x - integer];
}

/** math.Log2: exact for powers of two, otherwise through Log. */
export function goLog2(x: number): number {
  const [frac, exp] = goFrexp(x);
  if (frac === 0.5) return exp - 1;
  return goLog(frac) * (1 / Math.LN2) + exp;
}

/** math.Log10 on amd64: Log scaled by a constant. */
export function goLog10(x: number): number {
  return goLog(x) * Math.LOG10E;
}

function isOddInt(x: number): boolean {
  const [xi, xf] = goModf(x);
  if (xf !== 0 || Math.abs(xi) >= 2 ** 63) return false;
  return Math.abs(xi) < 2 ** 53 && Math.abs(xi) % 2 === 1;
}

/** math.Pow: repeated squaring for the integer part of y, Exp∘Log for the rest. */
export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0) {
    if (y < 0) return isOddInt(y) ? (Object.is(x, -0) ? -Infinity : Infinity) : Infinity;
    if (y > 0) return isOddInt(y) ? x : 0;
  }
  if (!Number.isFinite(y)) {
    if (x === -1) return 1;
    return (Math.abs(x) < 1) === (y === Infinity) ? 0 : Infinity;
  }
  if (!Number.isFinite(x)) {
    if (x === -Infinity) return goPow(1 / x, -y);
    if (y < 0) return 0;
    if (y > 0) return Infinity;
  }
  if (y === 0.5) return Math.sqrt(x);
  if (y === -0.5) return 1 / Math.sqrt(x);

  let [yi, yf] = goModf(Math.abs(y));
  if (yf !== 0 && x < 0) return NaN;
  if (yi >= 2 ** 63) {
    if (x === -1) return 1;
    return (Math.abs(x) < 1) === (y > 0) ? 0 : Infinity;
  }
  let a1 = 1;
  let ae = 0;
  if (yf !== 0) {
    if (yf > 0.5) {
      yf--;
      yi++;
    }
    a1 = goExp(yf * goLog(x));
  }
  let [x1, xe] = goFrexp(x);
  for (let i = yi; i !== 0; i = Math.floor(i / 2)) {
    if (xe < -(1 << 12) || 1 << 12 < xe) {
      ae += xe;
      break;
    }
    if (i % 2 === 1) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe *= 2;
    if (x1 < 0.5) {
      x1 += x1;
      xe--;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return goLdexp(a1, ae);
}

// Cephes coefficients of Go's atan.go.
const P0 = -8.750608600031904122785e-1;
const P1 = -1.615753718733365076637e1;
const P2 = -7.500855792314704667340e1;
const P3 = -1.228866684490136173410e2;
const P4 = -6.485021904942025371773e1;
const Q0 = 2.485846490142306297962e1;
const Q1 = 1.650270098316988542046e2;
const Q2 = 4.328810604912902668951e2;
const Q3 = 4.853903996359136964868e2;
const Q4 = 1.945506571482613964425e2;
const MOREBITS = 6.123233995736765886130e-17;
const TAN3PIO8 = 2.41421356237309504880;
/** 3π/4 rounded once, as Go folds the constant expression 3*Pi/4. */
const THREE_PI_4 = 2.356194490192345;

function xatan(x: number): number {
  let z = x * x;
  z = (z * ((((P0 * z + P1) * z + P2) * z + P3) * z + P4)) / (((((z + Q0) * z + Q1) * z + Q2) * z + Q3) * z + Q4);
  return x * z + x;
}

function satan(x: number): number {
  if (x <= 0.66) return xatan(x);
  if (x > TAN3PIO8) return Math.PI / 2 - xatan(1 / x) + MOREBITS;
  return Math.PI / 4 + xatan((x - 1) / (x + 1)) + 0.5 * MOREBITS;
}

function goAtan(x: number): number {
  if (x === 0) return x;
  return x > 0 ? satan(x) : -satan(-x);
}

function copysign(magnitude: number, sign: number): number {
  const negative = sign < 0 || Object.is(sign, -0);
  return negative ? -Math.abs(magnitude) : Math.abs(magnitude);
}

/** math.Atan2. */
export function goAtan2(y: number, x: number): number {
  if (Number.isNaN(y) || Number.isNaN(x)) return NaN;
  if (y === 0) return x >= 0 && !Object.is(x, -0) ? copysign(0, y) : copysign(Math.PI, y);
  if (x === 0) return copysign(Math.PI / 2, y);
  if (!Number.isFinite(x)) {
    if (x === Infinity) return Number.isFinite(y) ? copysign(0, y) : copysign(Math.PI / 4, y);
    return Number.isFinite(y) ? copysign(Math.PI, y) : copysign(THREE_PI_4, y);
  }
  if (!Number.isFinite(y)) return copysign(Math.PI / 2, y);
  const q = goAtan(y / x);
  if (x < 0) return q <= 0 ? q + Math.PI : q - Math.PI;
  return q;
}
