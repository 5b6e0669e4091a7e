/**
 * The synthetic SLOs the benchmark defines, as plain data: one list renders the lookout
 * project, the Sloth-shaped rule set and the traffic, so all three describe the same SLOs.
 */

export type SLOKind = 'errors' | 'good' | 'latency';

export interface BenchSLO {
  /** `svc07`: also the catalog's job and the metric name prefix. */
  service: string;
  /** `r2-success`, unique within the service. */
  name: string;
  route: string;
  kind: SLOKind;
  objective: number;
  /** Latency SLOs: the bucket boundary requests must beat, in seconds. */
  threshold?: number;
  groupBy: readonly string[];
  alertName: string;
}

export const ROUTES = ['r0', 'r1', 'r2', 'r3', 'r4'] as const;
export const REGIONS = ['eu', 'us'] as const;
/** Codes the catalog declares; the traffic only produces the ones in TRAFFIC_CODES. */
export const CODES = ['200', '404', '500', '503'] as const;
export const TRAFFIC_CODES = ['200', '500', '503'] as const;
export const BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5] as const;

const RATIO_OBJECTIVES = [99.9, 99.5, 99, 99.9, 99.5];
const LATENCY_OBJECTIVES = [99, 99.5, 95, 99.9, 99];
const THRESHOLDS = [0.25, 0.5, 1, 0.1, 2.5];
/** Two SLOs per route: availability and latency. */
export const SLOS_PER_SERVICE = ROUTES.length * 2;

export const serviceName = (i: number) => `svc${String(i).padStart(2, '0')}`;
export const requestsMetric = (service: string) => `${service}_requests_total`;
export const durationMetric = (service: string) => `${service}_request_duration_seconds`;

function camel(...parts: string[]): string {
  return parts
    .flatMap((p) => p.split('-'))
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
}

/**
 * `count` SLOs over ceil(count / 10) services: per route a success SLO (errors or good
 * events, alternating) and a latency SLO, a third of them grouped by region.
 */
export function benchSLOs(count: number): BenchSLO[] {
  const out: BenchSLO[] = [];
  for (let s = 0; out.length < count; s++) {
    const service = serviceName(s);
    ROUTES.forEach((route, r) => {
      const ratio: BenchSLO = {
        service,
        name: `${route}-success`,
        route,
        kind: r % 2 === 0 ? 'errors' : 'good',
        objective: RATIO_OBJECTIVES[r]!,
        groupBy: (s + r) % 3 === 0 ? ['region'] : [],
        alertName: camel(service, route, 'success-budget-burn'),
      };
      const latency: BenchSLO = {
        service,
        name: `${route}-latency`,
        route,
        kind: 'latency',
        objective: LATENCY_OBJECTIVES[r]!,
        threshold: THRESHOLDS[r]!,
        groupBy: (s + r) % 3 === 1 ? ['region'] : [],
        alertName: camel(service, route, 'latency-budget-burn'),
      };
      out.push(ratio, latency);
    });
  }
  return out.slice(0, count);
}

export function servicesOf(slos: readonly BenchSLO[]): string[] {
  return [...new Set(slos.map((s) => s.service))];
}
