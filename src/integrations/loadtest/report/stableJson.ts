/**
 * JSON whose bytes depend only on the value: object keys in code-point order at every depth
 * below the top, arrays as given. The top level keeps the order it was built in, so a report
 * can put its summary before the raw run for whoever opens the file.
 */
export function stableJson(value: unknown): string {
  const top = value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, sortKeys(v)])) : sortKeys(value);
  return `${JSON.stringify(top, null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      // Undefined fields vanish in JSON anyway; skipping them keeps `{a: undefined}` and `{}` identical.
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
