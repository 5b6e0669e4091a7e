import { describe, expect, it } from 'vitest';
import { formatValue } from '../../src/integrations/preview/units.js';

describe('values printed with their unit', () => {
  it('scales and suffixes like Grafana', () => {
    const cases: [number, string, string][] = [
      [0.0123, 's', '12.3 ms'],
      [95, 's', '1.58 min'],
      [250, 'ms', '250 ms'],
      [0.987, 'percentunit', '98.7%'],
      [1536, 'bytes', '1.5 KiB'],
      [12_345, 'reqps', '12.3 K req/s'],
      [1234.5, 'short', '1.23 K'],
      [3, 'tokens', '3 tokens'],
      [1.5, 'currencyUSD', '$1.50'],
    ];
    for (const [v, unit, want] of cases) expect(formatValue(v, unit), `${v} ${unit}`).toBe(want);
  });

  it('prints zero in the base unit, as the bottom of an axis', () => {
    const cases: [string, string][] = [
      ['s', '0 s'],
      ['bytes', '0 B'],
      ['short', '0'],
      ['reqps', '0 req/s'],
    ];
    for (const [unit, want] of cases) expect(formatValue(0, unit), unit).toBe(want);
  });
});
