/** Edit distance between two strings, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The closest candidates to `word`, best first, when close enough to be a likely typo. */
export function closest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = Math.max(2, Math.floor(word.length / 3));
  return [...candidates]
    .map((c) => ({ c, d: editDistance(word, c) }))
    .filter((x) => x.d <= limit || x.c.includes(word) || word.includes(x.c))
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, max)
    .map((x) => x.c);
}

/** "did you mean a or b?" or undefined. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const best = closest(word, candidates);
  if (best.length === 0) return undefined;
  return `did you mean ${best.map((b) => `"${b}"`).join(' or ')}?`;
}

/** An absolute http(s) URL, as opposed to a path under a configured base URL. */
export function isUrl(value: string): boolean {
  return /^https?:\/\//.test(value);
}

/** `GatewayHighErrorRate` → `gateway-high-error-rate`, for runbook file names and URLs. */
export function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}
