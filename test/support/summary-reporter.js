// Prints one plain closing line ("jest: N passed, N failed, N skipped") that CI logs can read.
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped, numTodoTests: todo } = results;
    process.stdout.write(`\njest: ${passed} passed, ${failed + results.numRuntimeErrorTestSuites} failed, ${skipped + todo} skipped\n`);
  }
}
