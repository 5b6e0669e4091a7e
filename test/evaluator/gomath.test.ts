import { describe, expect, it } from 'vitest';
import { fma } from '../../src/engine/evaluator/fma.js';
import { goExp, goFrexp, goLdexp, goLog, goLog2, goPow } from '../../src/engine/evaluator/gomath.js';

/** Dekker's exact product error, which a correct fma(a, b, -a*b) must reproduce. */
function productError(a: number, b: number): number {
  const split = (x: number): [number, number] => {
    const c = 134217729 * x;
    const hi = c - (c - x);
    return [hi, x - hi];
  };
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

describe('fma', () => {
  it('rounds once: it returns the exact error of a rounded product', () => {
    let seed = 1;
    const rnd = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed / 2 ** 32 - 0.5) * 2 ** ((seed % 60) - 30);
    };
    for (let i = 0; i < 2000; i++) {
      const a = rnd();
      const b = rnd();
      expect(fma(a, b, -(a * b))).toBe(productError(a, b));
    }
  });

  it('handles subnormal results and exact cancellation', () => {
    expect(fma(2 ** -1000, 2 ** -70, 0)).toBe(2 ** -1070);
    expect(fma(3, 5, -15)).toBe(0);
    expect(fma(Infinity, 1, 1)).toBe(Infinity);
  });
});

describe("Go's math on amd64", () => {
  it('matches values promtool prints', () => {
    expect(goExp(1)).toBe(2.718281828459045);
    expect(goLog(10)).toBe(2.302585092994046);
    expect(goLog2(8)).toBe(3);
    expect(goPow(100, 1.5)).toBe(1000.0000000000002);
    expect(goPow(2, 10)).toBe(1024);
  });

  it('follows the special cases of the Go functions', () => {
    expect(goExp(-Infinity)).toBe(0);
    expect(goExp(710)).toBe(Infinity);
    expect(goExp(-800)).toBe(0);
    expect(goLog(0)).toBe(-Infinity);
    expect(goLog(-1)).toBeNaN();
    expect(goPow(-8, 1 / 3)).toBeNaN();
    expect(goPow(0, -3)).toBe(Infinity);
    expect(goPow(-0, -3)).toBe(-Infinity);
  });

  it('splits and rebuilds floats like Frexp and Ldexp', () => {
    expect(goFrexp(8)).toEqual([0.5, 4]);
    expect(goFrexp(5e-324)).toEqual([0.5, -1073]);
    expect(goLdexp(0.5, -1073)).toBe(5e-324);
    expect(goLdexp(0.75, 1025)).toBe(Infinity);
  });
});
