import { describe, expect, it } from 'vitest';
import { dashboardUid } from '../../src/library/dashboards/uid.js';
import { layoutRows, panelIds } from '../../src/library/dashboards/layout.js';

describe('dashboard uids', () => {
  it('are at most 40 characters of what Grafana accepts, for short and long slugs', () => {
    for (const slug of ['a', 'ai-gateway-reliability', 'slo-ai-gateway-policy-evaluation-50ms-and-a-very-long-tail-indeed']) {
      const uid = dashboardUid(slug);
      expect(uid.length).toBeLessThanOrEqual(40);
      expect(uid).toMatch(/^[A-Za-z0-9_-]+$/);
    }
  });

  it('are the same for the same slug and differ for slugs that truncate alike', () => {
    const a = 'slo-ai-gateway-policy-evaluation-50ms';
    const b = 'slo-ai-gateway-policy-evaluation-100ms';
    expect(dashboardUid(a)).toBe(dashboardUid(a));
    expect(dashboardUid(a).slice(0, 29)).toBe(dashboardUid(b).slice(0, 29));
    expect(dashboardUid(a)).not.toBe(dashboardUid(b));
  });

  it('keep a readable prefix of the slug and end in a hash of all of it', () => {
    expect(dashboardUid('ai-gateway-cost')).toMatch(/^ai-gateway-cost-[0-9a-f]{10}$/);
  });
});

describe('panel ids and grid positions', () => {
  it('keep a panel its id when another panel is added before it', () => {
    const before = panelIds(['Requests/Success rate', 'Requests/Errors']);
    const after = panelIds(['Requests/New panel', 'Requests/Success rate', 'Requests/Errors']);
    expect(after.slice(1)).toEqual(before);
    expect(new Set(after).size).toBe(3);
  });

  it('give colliding keys distinct ids, deterministically', () => {
    const ids = panelIds(['x', 'x', 'x']);
    expect(new Set(ids).size).toBe(3);
    expect(panelIds(['x', 'x', 'x'])).toEqual(ids);
  });

  it('flow panels left to right under their row header and wrap at 24 columns', () => {
    const [first, second] = layoutRows([
      { title: 'A', panels: [{ width: 12, height: 8 }, { width: 12, height: 8 }, { width: 6, height: 4 }] },
      { title: 'B', panels: [{ width: 24, height: 6 }] },
    ]);
    expect(first).toEqual({
      header: { x: 0, y: 0, w: 24, h: 1 },
      panels: [
        { x: 0, y: 1, w: 12, h: 8 },
        { x: 12, y: 1, w: 12, h: 8 },
        { x: 0, y: 9, w: 6, h: 4 },
      ],
    });
    expect(second).toEqual({ header: { x: 0, y: 13, w: 24, h: 1 }, panels: [{ x: 0, y: 14, w: 24, h: 6 }] });
  });
});
