import { z } from 'zod';
import { IMPORT_CODES, type SpecFile, type Where } from '../specFile.js';
import { crdSpecSchema } from './schema.js';

/**
 * Sloth's Kubernetes form: a `PrometheusServiceLevel` (or `ManagedPrometheusServiceLevel`,
 * the same spec for Google's managed Prometheus) whose `spec` is a service's SLOs without a
 * version, its fields in camelCase.
 */

export const CRD_KINDS = ['PrometheusServiceLevel', 'ManagedPrometheusServiceLevel'] as const;
const API_VERSION = 'sloth.slok.dev/v1';

export const crdSchema = z.strictObject({
  apiVersion: z.literal(API_VERSION, { error: `must be "${API_VERSION}" (the only Sloth CRD version lookout reads)` }),
  kind: z.enum(CRD_KINDS, { error: `must be ${CRD_KINDS.join(' or ')}` }),
  metadata: z.record(z.string(), z.unknown()).optional(),
  spec: crdSpecSchema,
  status: z.unknown().optional(),
});

/** Whether a document is written as Sloth's Kubernetes resource rather than a plain spec. */
export function isCRD(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { apiVersion, kind } = value as Record<string, unknown>;
  return (typeof apiVersion === 'string' && apiVersion.startsWith('sloth.slok.dev/')) || CRD_KINDS.includes(kind as (typeof CRD_KINDS)[number]);
}

/**
 * The resource's metadata and status are left out, with a warning naming them. The name and
 * namespace say which Kubernetes object Sloth writes the rules into; Sloth puts neither on a
 * series or an alert, so no label comes from them here either: lookout writes one rule file
 * per SLO, named by service and SLO.
 */
export function reportCRDLeftovers(file: SpecFile, at: (...p: (string | number)[]) => Where, crd: z.infer<typeof crdSchema>): void {
  const metadata = crd.metadata ?? {};
  const keys = Object.keys(metadata);
  if (keys.length > 0) {
    const named = keys.map((k) => (typeof metadata[k] === 'string' ? `${k} "${metadata[k] as string}"` : k));
    file.report(
      'warning',
      IMPORT_CODES.changed,
      at('metadata'),
      `metadata left out (${named.join(', ')}): it names the Kubernetes object Sloth writes the rules into, and is on no series or alert; lookout writes one rule file per SLO`,
      'to keep the namespace on every series and alert, add it to spec.labels',
    );
  }
  if (crd.status !== undefined) file.report('warning', IMPORT_CODES.changed, at('status'), 'status left out: Kubernetes writes it, it describes no SLO');
}
