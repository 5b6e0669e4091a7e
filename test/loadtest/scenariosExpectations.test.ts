import { describe, expect, it } from 'vitest';
import { checkExpectations, type RunRecord } from '../../src/integrations/loadtest/expectations.js';
import type { AlertInterval, Delivered } from '../../src/integrations/loadtest/report/types.js';
import { ANY_ALERT, type ExpectationSpec } from '../../src/integrations/loadtest/scenario.js';
import { AlertTimeline } from '../../src/integrations/loadtest/sampler.js';

const T0 = 1_700_000_000_000;
const DOWN = 'provider-a down';

function delivered(atS: number, receiver: string, alertname: string, labels: Record<string, string> = {}, status: 'firing' | 'resolved' = 'firing'): Delivered {
  return { at: T0 + atS * 1000, receiver, status, alertname, labels: { alertname, ...labels } };
}

function run(notifications: Delivered[], alertStates: AlertInterval[] = []): RunRecord {
  return { startedAt: T0, endedAt: T0 + 100_000, phases: [{ at: T0, label: 'start' }, { at: T0 + 30_000, label: DOWN }], notifications, alertStates };
}

const circuitPage: ExpectationSpec = { kind: 'fires', alertname: 'GatewayCircuitOpenTooLong', labels: { provider: 'provider-a' }, receiver: 'ai-platform-pager', after: DOWN, withinMs: 20_000 };

describe('the expectation checker', () => {
  it('meets a fires demand by the first delivery to the receiver after the phase, and reports the time to fire', () => {
    const [e] = checkExpectations([circuitPage], run([delivered(36.5, 'ai-platform-pager', 'GatewayCircuitOpenTooLong', { provider: 'provider-a' }), delivered(45, 'ai-platform-pager', 'GatewayCircuitOpenTooLong', { provider: 'provider-a' })]));
    expect(e).toMatchObject({ kind: 'fires', met: true, timeToFireMs: 6500 });
  });

  it('fails a fires demand delivered after its deadline, still reporting when it came', () => {
    const [e] = checkExpectations([circuitPage], run([delivered(55, 'ai-platform-pager', 'GatewayCircuitOpenTooLong', { provider: 'provider-a' })]));
    expect(e).toMatchObject({ met: false, timeToFireMs: 25_000 });
  });

  it('does not count a delivery made before the phase it is timed from', () => {
    const [e] = checkExpectations([circuitPage], run([delivered(10, 'ai-platform-pager', 'GatewayCircuitOpenTooLong', { provider: 'provider-a' })]));
    expect(e!.met).toBe(false);
    expect(e!.detail).toContain('never fired in Prometheus');
  });

  it('fails a fires demand that reached another receiver, and says which', () => {
    const [e] = checkExpectations([circuitPage], run([delivered(35, 'ai-platform-slack', 'GatewayCircuitOpenTooLong', { provider: 'provider-a' })]));
    expect(e!.met).toBe(false);
    expect(e!.detail).toContain('reached ai-platform-slack instead');
  });

  it('does not take a resolved notification or another label value for a firing one', () => {
    const [e] = checkExpectations(
      [circuitPage],
      run([delivered(35, 'ai-platform-pager', 'GatewayCircuitOpenTooLong', { provider: 'provider-a' }, 'resolved'), delivered(36, 'ai-platform-pager', 'GatewayCircuitOpenTooLong', { provider: 'provider-b' })]),
    );
    expect(e!.met).toBe(false);
  });

  it('says when an alert fired in Prometheus but never reached a receiver', () => {
    const firing: AlertInterval = { alertname: 'GatewayCircuitOpenTooLong', labels: { alertname: 'GatewayCircuitOpenTooLong', provider: 'provider-a' }, state: 'firing', from: T0 + 36_000 };
    const [e] = checkExpectations([circuitPage], run([], [firing]));
    expect(e!.met).toBe(false);
    expect(e!.detail).toContain('fired in Prometheus but no notification reached any receiver');
  });

  it('fails a fires demand timed from a phase the run never reached', () => {
    const [e] = checkExpectations([{ ...circuitPage, after: 'ledger down' }], run([delivered(35, 'ai-platform-pager', 'GatewayCircuitOpenTooLong', { provider: 'provider-a' })]));
    expect(e).toMatchObject({ met: false, detail: 'no phase "ledger down" happened in this run' });
  });

  it('meets a quiet demand when only other alerts or other label values were delivered', () => {
    const specs: ExpectationSpec[] = [{ kind: 'quiet', alertname: 'GatewayHighErrorRate' }, { kind: 'quiet', alertname: 'GatewayCircuitOpenTooLong', labels: { provider: 'provider-b' } }];
    const result = checkExpectations(specs, run([delivered(35, 'ai-platform-pager', 'GatewayCircuitOpenTooLong', { provider: 'provider-a' })]));
    expect(result.map((e) => e.met)).toEqual([true, true]);
  });

  it('fails a quiet demand on any delivery of that alert, resolved ones included', () => {
    const [e] = checkExpectations([{ kind: 'quiet', alertname: 'GatewayHighErrorRate' }], run([delivered(80, 'incident-log', 'GatewayHighErrorRate', {}, 'resolved')]));
    expect(e!.met).toBe(false);
    expect(e!.detail).toContain('GatewayHighErrorRate → incident-log (resolved)');
  });

  it('fails "no notification at all" on the first notification of any alert', () => {
    const specs: ExpectationSpec[] = [{ kind: 'quiet', alertname: ANY_ALERT }];
    expect(checkExpectations(specs, run([]))[0]!.met).toBe(true);
    const [e] = checkExpectations(specs, run([delivered(12, 'ai-platform-slack', 'GatewayConfigNotReloaded')]));
    expect(e!.met).toBe(false);
    expect(e!.detail).toContain('first 12.0 s into the run');
  });

  it('notes an alert that fired but was held back, and still meets the quiet demand', () => {
    const firing: AlertInterval = { alertname: 'GatewayExcessiveFallback', labels: { alertname: 'GatewayExcessiveFallback' }, state: 'firing', from: T0 + 44_000 };
    const [e] = checkExpectations([{ kind: 'quiet', alertname: 'GatewayExcessiveFallback' }], run([], [firing]));
    expect(e!.met).toBe(true);
    expect(e!.detail).toContain('held back');
  });
});

describe('the alert timeline', () => {
  const alert = (state: 'pending' | 'firing', instance: string) => ({ alertname: 'GatewayInstanceDown', state, labels: { alertname: 'GatewayInstanceDown', instance } });

  it('opens an interval when an instance appears in a state and closes it at the first sample without it', () => {
    const t = new AlertTimeline();
    t.observe(1000, [alert('pending', 'a')]);
    t.observe(2000, [alert('pending', 'a')]);
    t.observe(3000, [alert('firing', 'a'), alert('pending', 'b')]);
    t.observe(4000, [alert('firing', 'a')]);
    const intervals = t.intervals();
    expect(intervals.map((i) => i.from)).toEqual([1000, 3000, 3000]);
    expect(intervals).toHaveLength(3);
    expect(intervals).toEqual(expect.arrayContaining([
      { alertname: 'GatewayInstanceDown', state: 'pending', labels: alert('pending', 'a').labels, from: 1000, to: 3000 },
      { alertname: 'GatewayInstanceDown', state: 'firing', labels: alert('firing', 'a').labels, from: 3000, to: undefined },
      { alertname: 'GatewayInstanceDown', state: 'pending', labels: alert('pending', 'b').labels, from: 3000, to: 4000 },
    ]));
  });
});
