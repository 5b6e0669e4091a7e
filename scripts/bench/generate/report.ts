import type { machineInfo } from '../script.js';
import type { PackSetup, ProjectKey } from './projects.js';

/** One timed `lookout generate` process. */
export interface RunResult {
  run: string;
  wallSeconds: number;
  cpuSeconds: number;
  userSeconds: number;
  sysSeconds: number;
  /** wall / the cold run's wall. */
  wallToCold: number;
  /** Files of generated/ that differ from the run before (or, for the cold run, how many it wrote). */
  filesChanged: number;
  /** Files in LOOKOUT_CACHE_DIR after the run. */
  cacheFiles: number;
  /** generate's last line: what it wrote. */
  said: string;
}

/** A byte-identity check of generated/ between two runs. */
export interface OutputCheck {
  check: string;
  ok: boolean;
  detail: string;
}

export interface ProjectResult {
  key: ProjectKey;
  id: string;
  title: string;
  cli: 'source' | 'packed';
  shape: { slos?: number; alerts?: number; definitionFiles: number; generatedFiles: number };
  runs: RunResult[];
  checks: OutputCheck[];
}

export interface GenerateBenchResult {
  date: string;
  command: string;
  options: { quick: boolean; only: string[]; pack: boolean };
  machine: ReturnType<typeof machineInfo> & { clockTicksPerSecond?: number };
  /** What the lookout under test offers: until both exist, warm and edited runs redo a cold run's work. */
  cache: { noCacheFlag: boolean; cacheDirUsed: boolean };
  packSetup?: PackSetup;
  projects: ProjectResult[];
  goals: GoalResult[];
  wallSeconds: number;
}

/** The goals the brief set, by project and run (wall seconds). */
export const GOALS: ReadonlyArray<{ key: ProjectKey; run: string; seconds: number }> = [
  { key: 'repo', run: 'cold', seconds: 10 },
  { key: 'repo', run: 'warm', seconds: 1.5 },
  { key: 'repo', run: 'SLO edited', seconds: 5 },
  { key: 'repo', run: 'alert edited', seconds: 5 },
  { key: '1000', run: 'cold', seconds: 30 },
  { key: '1000', run: 'SLO edited', seconds: 5 },
];

export interface GoalResult {
  project: string;
  run: string;
  goalSeconds: number;
  wallSeconds: number;
  met: boolean;
}

export function goalOf(key: ProjectKey, run: string): number | undefined {
  return GOALS.find((g) => g.key === key && g.run === run)?.seconds;
}

export function goalResults(projects: readonly ProjectResult[]): GoalResult[] {
  const out: GoalResult[] = [];
  for (const p of projects) {
    for (const r of p.runs) {
      const goal = goalOf(p.key, r.run);
      if (goal !== undefined) out.push({ project: p.id, run: r.run, goalSeconds: goal, wallSeconds: r.wallSeconds, met: r.wallSeconds <= goal });
    }
  }
  return out;
}

/** Columns padded to their widest cell; `left` says which are left-aligned (text), the rest are numbers. */
function table(rows: string[][], left: readonly number[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (left.includes(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd()).join('\n');
}

const sec = (s: number) => `${s < 10 ? s.toFixed(2) : s.toFixed(1)} s`;
const times = (x: number) => `${x.toFixed(2)}x`;

export function renderReport(r: GenerateBenchResult): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(
    `lookout generate, one process per run (source: node --import tsx src/cli/main.ts; packed: node node_modules/lookout/dist/cli/main.js), ` +
      `${m.cpus} × ${m.cpuModel ?? 'CPU'}, Node ${m.node}, load average ${m.loadAverage.start.toFixed(2)} at start, ${m.loadAverage.end.toFixed(2)} at end`,
  );
  const fasterWarm = r.projects.some((p) => p.runs.some((run) => run.run === 'warm' && run.wallToCold < 0.5));
  out.push(
    r.cache.cacheDirUsed
      ? `cache: LOOKOUT_CACHE_DIR is used (a fresh one for each cold run)${r.cache.noCacheFlag ? ', generate --no-cache exists' : ''}`
      : fasterWarm
        ? 'cache: LOOKOUT_CACHE_DIR stayed empty, yet warm runs are faster: the cache lives elsewhere, so "cold" runs may have used it'
        : `cache: none yet (LOOKOUT_CACHE_DIR stayed empty${r.cache.noCacheFlag ? '' : ', generate has no --no-cache'}): warm and edited runs redo a cold run's work`,
  );
  if (r.packSetup) {
    const s = r.packSetup;
    out.push(`packed: tsc build ${sec(s.buildSeconds)}, npm pack ${sec(s.packSeconds)}, npm install into an empty folder ${sec(s.installSeconds)} (once, not in the table)`);
  }
  out.push('');
  const rows: string[][] = [['project', 'run', 'wall', 'CPU', 'wall/cold', 'files changed', 'goal (wall)']];
  for (const p of r.projects) {
    p.runs.forEach((run, i) => {
      const goal = goalOf(p.key, run.run);
      rows.push([
        i === 0 ? p.title : '',
        run.run,
        sec(run.wallSeconds),
        sec(run.cpuSeconds),
        times(run.wallToCold),
        String(run.filesChanged),
        goal === undefined ? '' : `≤ ${goal} s: ${run.wallSeconds <= goal ? 'met' : 'MISSED'}`,
      ]);
    });
  }
  out.push(table(rows, [0, 1, 6]), '');
  out.push('projects');
  for (const p of r.projects) {
    const size = [p.shape.slos !== undefined ? `${p.shape.slos} SLOs` : '', p.shape.alerts !== undefined ? `${p.shape.alerts} alerts` : '', `${p.shape.definitionFiles} definition files`, `${p.shape.generatedFiles} generated files`];
    out.push(`  ${p.title}: ${size.filter(Boolean).join(', ')}`);
  }
  out.push('', 'outputs (generated/ compared byte for byte)');
  for (const p of r.projects) {
    for (const c of p.checks) out.push(`  ${c.ok ? 'ok  ' : 'FAIL'} ${p.title}: ${c.check}: ${c.detail}`);
  }
  const missed = r.goals.filter((g) => !g.met);
  out.push('', r.goals.length === 0 ? 'goals: none apply to the projects run' : `goals: ${r.goals.length - missed.length} of ${r.goals.length} met`);
  return out.join('\n');
}
