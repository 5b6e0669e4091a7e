import { describe, expect, it } from 'vitest';
import { burnFactor, DEFAULT_TIERS, resolveTiers } from '../../src/library/slo/tiers.js';

const factors = (period: string) => DEFAULT_TIERS.map((t) => burnFactor(t, period));

describe('burn factors come from the budget share and the period', () => {
  it('30d gives the workbook figures 14.4, 6, 3 and 1', () => {
    expect(factors('30d')).toEqual([14.4, 6, 3, 1]);
  });

  it('28d and 7d scale with the period', () => {
    expect(factors('28d')).toEqual([13.44, 5.6, 2.8, 0.933333]);
    expect(factors('7d')).toEqual([3.36, 1.4, 0.7, 0.233333]);
  });

  it('each default short window is 1/12 of its long window', () => {
    const ms = (d: string) => ({ m: 60e3, h: 3600e3, d: 86400e3 })[d.slice(-1) as 'm' | 'h' | 'd'] * Number(d.slice(0, -1));
    for (const t of DEFAULT_TIERS) expect(ms(t.longWindow) / ms(t.shortWindow)).toBe(12);
  });
});

describe('tiers can be switched off, changed or replaced per SLO', () => {
  it('overrides keep the order of the defaults and merge fields', () => {
    const tiers = resolveTiers({ '1h': false, '1d': { severity: 'page', for: '30m' } });
    expect(tiers.map((t) => t.longWindow)).toEqual(['6h', '1d', '3d']);
    expect(tiers[1]).toMatchObject({ longWindow: '1d', shortWindow: '2h', severity: 'page', for: '30m', budgetPercent: 10 });
  });

  it('a list replaces the defaults', () => {
    const tiers = resolveTiers([{ budgetPercent: 50, longWindow: '7d', shortWindow: '14h', for: '1h', severity: 'ticket' }]);
    expect(tiers).toHaveLength(1);
    expect(burnFactor(tiers[0]!, '28d')).toBe(2);
  });

  it('resolving never mutates the defaults', () => {
    resolveTiers({ '1h': { for: '1m' } })[0]!.for = '9m';
    expect(DEFAULT_TIERS[0]!.for).toBe('2m');
  });
});
