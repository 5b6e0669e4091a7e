// The checks test synthesis reports (src/engine/compiler/alertTests.ts), one per file.
export { testExpectation } from './checks/expectation.js';
export { testNotGenerated } from './checks/notGenerated.js';
export { sloUntested } from './checks/sloUntested.js';
