import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { formatDuration, parseDuration } from '../../../../library/duration.js';
import { DEFAULT_TIERS } from '../../../../library/slo/tiers.js';
import { relative } from '../../paths.js';
import type { ImportedTier } from '../model.js';
import { fileProblem, IMPORT_CODES, readFailure, SpecFile } from '../specFile.js';
import { readKnownFields } from './knownFields.js';

/**
 * Sloth's alert windows: the burn-rate tiers of an SLO period. Sloth reads them from
 * `AlertWindows` files (`--slo-period-windows-path`) and picks the set for the period it is
 * given (`--default-slo-period`, 30d by default); it ships sets for 28d and 30d only, both the
 * SRE workbook's, which are lookout's default tiers.
 */

/** Sloth's period when none is given: its spec has no field for it. */
export const SLOTH_PERIOD = '30d';
/** The periods Sloth has built-in windows for; they are lookout's DEFAULT_TIERS. */
const BUILT_IN_PERIODS = ['28d', '30d'];

export interface SlothWindowsOptions {
  /** An AlertWindows file, or a folder of them as Sloth takes: `lookout import sloth --windows PATH`. */
  windows?: string | undefined;
  /** The SLO period: `--period 28d`. */
  period?: string | undefined;
}

/** The period every imported SLO gets, and the tiers when they are not lookout's defaults. */
export interface SlothWindows {
  period: string;
  tiers?: ImportedTier[];
}

const duration = z.string({ error: 'must be a duration such as 5m' }).refine((d) => (parseDuration(d) ?? 0) > 0, { error: 'must be a duration above zero, such as 5m' });
const window = z.strictObject({
  errorBudgetPercent: z.number().gt(0, { error: 'must be a percentage above 0' }).max(100, { error: 'must be at most 100' }),
  shortWindow: duration,
  longWindow: duration,
});
const quickSlow = z.strictObject({ quick: window, slow: window });
const windowsSpec = z.strictObject({ sloPeriod: duration, page: quickSlow, ticket: quickSlow });
/** The file Sloth's docs show. */
const windowsFile = z.strictObject({ apiVersion: z.literal('sloth.slok.dev/v1'), kind: z.literal('AlertWindows'), spec: windowsSpec });
/** The older form, that of Sloth's own embedded 28d and 30d sets. */
const versionedWindows = windowsSpec.extend({ version: z.literal('alertWindows/v1') });

function isVersioned(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { version?: unknown }).version === 'alertWindows/v1';
}

/** Whether a YAML document is an AlertWindows file rather than an SLO spec. */
export function isAlertWindows(value: unknown): boolean {
  return isVersioned(value) || (typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'AlertWindows');
}

/**
 * The `for` of an imported tier: lookout's own where the windows are one of its default
 * tiers; otherwise half the short window, about the share lookout's defaults use (2m of 5m,
 * 15m of 30m, 1h of 2h, 3h of 6h), so the alert still resets soon after errors stop.
 */
function tierFor(longWindow: string, shortWindow: string): string {
  const same = DEFAULT_TIERS.find((t) => parseDuration(t.longWindow) === parseDuration(longWindow) && parseDuration(t.shortWindow) === parseDuration(shortWindow));
  return same ? same.for : formatDuration(parseDuration(shortWindow)! / 2);
}

function sameAsDefaults(tiers: readonly ImportedTier[]): boolean {
  return tiers.every((t, i) => {
    const d = DEFAULT_TIERS[i]!;
    return t.budgetPercent === d.budgetPercent && t.severity === d.severity && parseDuration(t.longWindow) === parseDuration(d.longWindow) && parseDuration(t.shortWindow) === parseDuration(d.shortWindow);
  });
}

function optionError(spec: SpecFile, option: string, message: string, hint: string): void {
  spec.diagnostics.push(fileProblem(IMPORT_CODES.invalid, option, message, hint));
}

/** Reads the AlertWindows file; its problems are added to the spec's, under its own name. */
function readWindowsFile(spec: SpecFile, file: string): SlothWindows | undefined {
  let text: string;
  const display = relative(process.cwd(), file);
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    optionError(spec, display, `cannot read the --windows file: ${readFailure(e)}`, 'give the path of a Sloth AlertWindows file');
    return undefined;
  }
  const windows = new SpecFile(display, text);
  const docs = windows.values();
  if (!windows.hasErrors() && docs.length !== 1) windows.error({ doc: 0, path: [] }, `holds ${docs.length} YAML documents; give one AlertWindows document`);
  const first = docs[0];
  let s: z.infer<typeof windowsSpec> | undefined;
  if (first && !windows.hasErrors()) {
    const where = { doc: first.index, path: [] };
    s = isVersioned(first.value) ? readKnownFields(windows, versionedWindows, where, first.value, 'Sloth AlertWindows') : readKnownFields(windows, windowsFile, where, first.value, 'Sloth AlertWindows')?.spec;
  }
  spec.diagnostics.push(...windows.diagnostics);
  if (!s || windows.hasErrors()) return undefined;
  const tiers: ImportedTier[] = [
    { ...s.page.quick, severity: 'page' as const },
    { ...s.page.slow, severity: 'page' as const },
    { ...s.ticket.quick, severity: 'ticket' as const },
    { ...s.ticket.slow, severity: 'ticket' as const },
  ].map((w) => ({ budgetPercent: w.errorBudgetPercent, longWindow: w.longWindow, shortWindow: w.shortWindow, for: tierFor(w.longWindow, w.shortWindow), severity: w.severity }));
  return sameAsDefaults(tiers) ? { period: s.sloPeriod } : { period: s.sloPeriod, tiers };
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A folder of AlertWindows files, one per period, as Sloth's --slo-period-windows-path is:
 * the set for `period`, Sloth's 30d unless given.
 */
function readWindowsFolder(spec: SpecFile, folder: string, period: string | undefined): SlothWindows | undefined {
  const sets = readdirSync(folder)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => readWindowsFile(spec, path.join(folder, f)));
  if (sets.some((w) => w === undefined)) return undefined;
  const wanted = period ?? SLOTH_PERIOD;
  const found = sets.find((w) => parseDuration(w!.period) === parseDuration(wanted));
  if (!found) {
    const periods = sets.map((w) => w!.period).join(', ') || 'none';
    optionError(spec, relative(process.cwd(), folder), `no AlertWindows file for a ${wanted} period in the --windows folder (its periods: ${periods})`, 'give --period one of its periods, or add windows for this one');
  }
  return found;
}

/**
 * The windows of an import, from the --windows and --period options, as Sloth would pick
 * them: the file's set for its own period, or a built-in set. Undefined after an error.
 */
export function slothWindows(spec: SpecFile, options: SlothWindowsOptions): SlothWindows | undefined {
  const period = options.period;
  if (period !== undefined && !(parseDuration(period) ?? 0)) {
    optionError(spec, '--period', `"${period}" is not a duration`, 'give the SLO period as Sloth would, such as 28d or 30d');
    return undefined;
  }
  if (options.windows === undefined) {
    if (period === undefined) return { period: SLOTH_PERIOD };
    if (BUILT_IN_PERIODS.some((p) => parseDuration(p) === parseDuration(period))) return { period };
    optionError(spec, '--period', `Sloth has built-in alert windows for ${BUILT_IN_PERIODS.join(' and ')} only, not ${period}`, `give the windows of a ${period} period with --windows FILE (a Sloth AlertWindows file)`);
    return undefined;
  }
  if (isFolder(options.windows)) return readWindowsFolder(spec, options.windows, period);
  const windows = readWindowsFile(spec, options.windows);
  if (windows && period !== undefined && parseDuration(period) !== parseDuration(windows.period)) {
    optionError(spec, '--period', `--period ${period} does not match the windows' sloPeriod ${windows.period}`, 'leave --period out: the windows file sets the period');
    return undefined;
  }
  return windows;
}

/** The tiers in effect before the spec's page and ticket alerts change them. */
export function baseTiers(windows: SlothWindows): ImportedTier[] {
  return windows.tiers ?? DEFAULT_TIERS.map((t) => ({ budgetPercent: t.budgetPercent, longWindow: t.longWindow, shortWindow: t.shortWindow, for: t.for, severity: t.severity as ImportedTier['severity'] }));
}

