import { z } from 'zod';
import { nonEmpty, scalar } from '../fields.js';
import { IMPORT_CODES, type FieldPath, type SpecFile, type Where } from '../specFile.js';
import { isMapping, reportUnread, withoutNulls, type At } from './fields.js';

/** The OpenSLO versions lookout reads, and the kinds each has. */
export const OPENSLO_VERSIONS = { 'openslo/v1': 'v1', 'openslo/v1alpha': 'v1alpha' } as const;
export type OpenSLOVersion = (typeof OPENSLO_VERSIONS)[keyof typeof OPENSLO_VERSIONS];
const KINDS: Readonly<Record<OpenSLOVersion, readonly string[]>> = {
  v1: ['SLO', 'SLI', 'DataSource', 'Service', 'AlertPolicy', 'AlertCondition', 'AlertNotificationTarget'],
  v1alpha: ['SLO', 'Service'],
};

/** A label value may be a list of strings in OpenSLO; a Prometheus label holds them comma-joined. */
const labels = z.record(z.string(), z.union([scalar, z.array(scalar).transform((v) => v.join(','))], { error: 'must be a string or a list of strings' }));

export const metadata = z.object({
  name: nonEmpty,
  displayName: z.string().optional(),
  labels: labels.optional(),
  annotations: z.record(z.string(), scalar).optional(),
});

// A Service may come without spec: every field of its spec is optional.
const envelope = z.object({ apiVersion: z.string(), kind: z.string(), metadata, spec: z.unknown().optional() });

/** One object of the file: a document, an item of a list, or an object inline in another. */
export interface OpenSLOObject {
  version: OpenSLOVersion;
  kind: string;
  name: string;
  metadata: z.infer<typeof metadata>;
  /** The spec as written, empty fields taken out. */
  spec: unknown;
  /** A field of the object, printed as `Kind/name.path`. */
  at: At;
}

/**
 * Every object of the file with a version and kind lookout reads, in file order. An
 * unreadable version or kind is reported where it is written.
 */
export function readObjects(file: SpecFile): OpenSLOObject[] {
  const out: OpenSLOObject[] = [];
  for (const { index, root, value: written } of file.objects()) {
    const value = withoutNulls(written);
    const position = root.length ? `[${root.join('][')}]` : '';
    const raw = (...p: FieldPath): Where => ({ doc: index, root, path: p, prefix: `${file.documentName(index)}${position}` });
    const env = file.validate(envelope, raw(), value);
    if (!env) continue;
    const version = (OPENSLO_VERSIONS as Record<string, OpenSLOVersion>)[env.apiVersion];
    if (!version) {
      file.report('error', IMPORT_CODES.unsupported, raw('apiVersion'), `apiVersion "${env.apiVersion}" cannot be imported: lookout reads ${Object.keys(OPENSLO_VERSIONS).join(' and ')}`);
      continue;
    }
    if (!KINDS[version].includes(env.kind)) {
      file.error(raw('kind'), `unknown kind "${env.kind}" for ${env.apiVersion}`, `its kinds: ${KINDS[version].join(', ')}`);
      continue;
    }
    const at: At = (...p) => ({ doc: index, root, path: p, prefix: `${env.kind}/${env.metadata.name}` });
    reportUnread(file, at(), value, envelope);
    reportUnread(file, at('metadata'), isMapping(value) ? value.metadata : undefined, metadata);
    out.push({ version, kind: env.kind, name: env.metadata.name, metadata: env.metadata, spec: env.spec, at });
  }
  return out;
}
