package checkout

// LapsedQuoteWorkers is how many lapsed quotes a recovery run ends at a time, for
// the external tests.
const LapsedQuoteWorkers = lapsedQuoteWorkers
