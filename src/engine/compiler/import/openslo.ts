import type { ImportedSLO } from './model.js';
import { readOpenSLOFile } from './openslo/reader.js';
import type { SpecFile } from './specFile.js';

/**
 * Reads an OpenSLO file (v1 or v1alpha; several documents, or one list of objects) into
 * lookout SLOs. The reader lives in openslo/, one file per OpenSLO concept.
 */
export function readOpenSLO(file: SpecFile): ImportedSLO[] {
  return readOpenSLOFile(file);
}
