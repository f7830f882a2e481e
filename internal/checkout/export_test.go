package checkout

// LapsedQuoteWorkers is how many lapsed quotes a recovery run ends at a time, for
// the external tests.
const LapsedQuoteWorkers = lapsedQuoteWorkers

// WaitSettling waits for the owed tokens the service's cancels settle after their
// answer (settleAfterAnswer).
func (s *Service) WaitSettling() { s.settling.Wait() }
