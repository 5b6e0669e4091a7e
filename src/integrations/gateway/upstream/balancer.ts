/** One place a request can go: a provider and the model name it is sent upstream under. */
export interface Hop {
  readonly provider: string;
  readonly upstreamModel: string;
}

interface Weighted extends Hop {
  readonly weight: number;
}

/**
 * The order a request tries providers in: one target picked by weight, then the other
 * targets by descending weight, then the fallbacks in their declared order. A provider and
 * model pair is tried once per request even if it is listed twice.
 */
export function attemptChain(targets: readonly Weighted[], fallbacks: readonly Hop[], random = Math.random): Hop[] {
  const total = targets.reduce((sum, t) => sum + t.weight, 0);
  let point = random() * total;
  let first = targets[targets.length - 1]!;
  for (const t of targets) {
    point -= t.weight;
    if (point < 0) {
      first = t;
      break;
    }
  }
  const rest = targets.filter((t) => t !== first).sort((a, b) => b.weight - a.weight);
  const seen = new Set<string>();
  const chain: Hop[] = [];
  for (const hop of [first, ...rest, ...fallbacks]) {
    const key = `${hop.provider}\0${hop.upstreamModel}`;
    if (seen.has(key)) continue;
    seen.add(key);
    chain.push({ provider: hop.provider, upstreamModel: hop.upstreamModel });
  }
  return chain;
}
