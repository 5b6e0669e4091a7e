/** Uniform numbers in [0, 1) from a seed: the same seed gives the same sequence on every machine. */
export type Random = () => number;

/**
 * Mulberry32: 32 bits of state, one multiply-xorshift round per draw. Plenty for picking fault
 * outcomes, and cheap enough to call several times per request at benchmark rates.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seed from a name (FNV-1a), so that two mocks started without a seed still draw
 * differently: with one shared seed, provider-a and provider-b at the same error rate would fail
 * the same request numbers, and a fallback from one to the other would fail together.
 */
export function seedOf(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** z of the 99th percentile of the standard normal distribution. */
const Z99 = 2.3263478740408408;

/**
 * A log-normal draw with the given median and 99th percentile (Box-Muller from two uniforms).
 * Equal percentiles give exactly that value: a fixed latency is a degenerate log-normal.
 */
export function logNormal(p50: number, p99: number, u1: number, u2: number): number {
  if (p99 <= p50 || p50 <= 0) return p50;
  const sigma = Math.log(p99 / p50) / Z99;
  const z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  return p50 * Math.exp(sigma * z);
}
