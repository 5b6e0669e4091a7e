import path from 'node:path';
import { writeFileAtomic } from './atomicWrite.js';
import { fileStem } from './format.js';
import { renderMarkdown } from './markdown.js';
import { renderPlot } from './plot.js';
import { stableJson } from './stableJson.js';
import { summarizeRun, type ScenarioSummary } from './summary.js';
import type { ScenarioRun } from './types.js';

/** The three files of one scenario's report, as absolute paths. */
export interface ScenarioReportFiles {
  readonly json: string;
  readonly markdown: string;
  readonly svg: string;
}

/** The three reports' contents, before any is written: what `writeScenarioReport` puts on disk. */
export function renderScenarioReport(run: ScenarioRun): { summary: ScenarioSummary; json: string; markdown: string; svg: string } {
  const summary = summarizeRun(run);
  return {
    summary,
    json: stableJson({ generatedBy: 'lookout loadtest report, do not edit', scenario: run.scenario, summary, run }),
    markdown: renderMarkdown(run, summary),
    svg: renderPlot(run, summary),
  };
}

/**
 * Writes `<scenario>.json` (the run and its computed summary), `<scenario>.md` (the human
 * summary) and `<scenario>.svg` (the plot) into `dir`, each through a temp file and a rename.
 * The same run gives the same bytes. The scenario name is made file-safe (`fileStem`).
 *
 * @example
 * const { summary, files } = await writeScenarioReport(run, 'test-output/loadtest');
 * if (summary.verdict === 'fail') console.error(`see ${files.markdown}`);
 */
export async function writeScenarioReport(run: ScenarioRun, dir: string): Promise<{ summary: ScenarioSummary; files: ScenarioReportFiles }> {
  const rendered = renderScenarioReport(run);
  const stem = fileStem(run.scenario);
  const files: ScenarioReportFiles = {
    json: path.resolve(dir, `${stem}.json`),
    markdown: path.resolve(dir, `${stem}.md`),
    svg: path.resolve(dir, `${stem}.svg`),
  };
  // The plot first and the JSON last: a reader that sees the JSON finds the other two in place.
  await writeFileAtomic(files.svg, rendered.svg);
  await writeFileAtomic(files.markdown, rendered.markdown);
  await writeFileAtomic(files.json, rendered.json);
  return { summary: rendered.summary, files };
}
