import type { ImportedSLO } from '../model.js';
import { IMPORT_CODES, type SpecFile } from '../specFile.js';
import { AlertPolicies } from './alertPolicies.js';
import { isMapping, reportLeftOut, reportUnread } from './fields.js';
import { readObjects, type OpenSLOObject } from './objects.js';
import { indicatorDescription, type Indicator } from './sli.js';
import { readSLOv1 } from './sloV1.js';
import { readSLOv1alpha } from './sloV1alpha.js';

/** Objects of these kinds, named by others or not at all: collected first, then read from the SLOs. */
function byName(objects: readonly OpenSLOObject[], kind: string, file: SpecFile): Map<string, OpenSLOObject> {
  const out = new Map<string, OpenSLOObject>();
  for (const o of objects.filter((x) => x.kind === kind)) {
    if (out.has(o.name)) file.error(o.at('metadata', 'name'), `a second ${kind} named "${o.name}"`, 'references could not tell them apart');
    else out.set(o.name, o);
  }
  return out;
}

/** The SLIs an SLO names, for itself or per objective. */
function indicatorRefs(spec: unknown): string[] {
  if (!isMapping(spec)) return [];
  const holders = [spec, ...(Array.isArray(spec.objectives) ? spec.objectives : [])];
  return holders.flatMap((h) => (isMapping(h) && typeof h.indicatorRef === 'string' ? [h.indicatorRef] : []));
}

/** The kinds lookout has no object for, each with why it is left out. */
function reportIgnored(file: SpecFile, o: OpenSLOObject): void {
  const fields = [...Object.keys(o.metadata).filter((k) => k !== 'name').map((k) => `metadata.${k}`), ...(isMapping(o.spec) ? Object.keys(o.spec).map((k) => `spec.${k}`) : [])];
  const listed = fields.length ? ` (${fields.join(', ')})` : '';
  if (o.kind === 'Service') {
    // A Service only groups SLOs; lookout's service is the name each SLO gives.
    if (fields.length) file.report('warning', IMPORT_CODES.changed, o.at('kind'), `Service ${o.name}${listed} left out: a lookout service is the name its SLOs give in spec.service`);
    return;
  }
  if (o.kind === 'AlertNotificationTarget') {
    file.report('warning', IMPORT_CODES.changed, o.at('kind'), `AlertNotificationTarget ${o.name}${listed} left out: where alerts go is routing, which lives in lookout's Alertmanager definitions`);
  }
}

/**
 * Reads OpenSLO v1 and v1alpha files, multi-document or a list of objects: each SLO with its
 * SLI (inline or an SLI of the same file), DataSources the queries name, and its alert
 * policies' burn-rate conditions as lookout tiers. Queries read Prometheus, per
 * `{{.window}}` placeholder as Sloth writes them, or as counter selectors.
 */
export function readOpenSLOFile(file: SpecFile): ImportedSLO[] {
  const objects = readObjects(file);
  const sources = new Map<string, string>();
  for (const ds of byName(objects, 'DataSource', file).values()) {
    reportUnread(file, ds.at('spec'), ds.spec, ['description', 'type', 'connectionDetails']);
    reportLeftOut(file, ds.at('spec'), ds.spec, ['connectionDetails', 'description'], 'lookout queries the Prometheus its rules are loaded into');
    const type = isMapping(ds.spec) ? ds.spec.type : undefined;
    if (typeof type === 'string') sources.set(ds.name, type);
    else file.error(ds.at('spec', 'type'), 'is required: the metric source type, such as Prometheus');
  }
  const indicators = new Map<string, Indicator>();
  for (const sli of byName(objects, 'SLI', file).values()) {
    reportLeftOut(file, sli.at('metadata'), sli.metadata, ['displayName', 'labels', 'annotations'], 'the SLI is written into each SLO that measures it');
    indicators.set(sli.name, { spec: sli.spec, at: (...p) => sli.at('spec', ...p), name: sli.name, description: indicatorDescription(sli.spec) });
  }
  const policies = new AlertPolicies(file, byName(objects, 'AlertPolicy', file), byName(objects, 'AlertCondition', file));
  const ctx = { file, indicators, sources, policies };
  const first = objects[0];
  if (first && !objects.some((o) => o.kind === 'SLO')) {
    // Say what the file holds, not only what it lacks: oslo's examples keep one kind per file.
    const held = [...new Set(objects.map((o) => o.kind))].map((k) => `${k} ${objects.filter((o) => o.kind === k).map((o) => o.name).join(', ')}`);
    file.error(first.at('kind'), `no SLO in ${file.inputName}, only ${held.join('; ')}`, 'lookout imports SLOs: give it the file with the SLO documents, and the files of the SLIs, DataSources and alert policies they name');
    return [];
  }
  const slos = objects.filter((o) => o.kind === 'SLO').flatMap((o) => (o.version === 'v1alpha' ? readSLOv1alpha(ctx, o) : readSLOv1(ctx, o)));
  for (const o of objects) reportIgnored(file, o);
  const named = new Set(objects.filter((o) => o.kind === 'SLO').flatMap((o) => indicatorRefs(o.spec)));
  for (const sli of indicators.keys()) if (!named.has(sli)) file.report('warning', IMPORT_CODES.changed, objects.find((o) => o.kind === 'SLI' && o.name === sli)!.at('kind'), `SLI ${sli} left out: no SLO in ${file.inputName} names it`);
  for (const o of policies.unused()) file.report('warning', IMPORT_CODES.changed, o.at('kind'), `${o.kind} ${o.name} left out: no SLO in ${file.inputName} names it`);
  return slos;
}
