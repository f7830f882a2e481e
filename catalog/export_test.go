package catalog

import "time"

// SetFallbackBudget sets how long c's searches may spend falling back (see
// Catalog.fallback); a negative budget has run out before it starts.
func SetFallbackBudget(c *Catalog, d time.Duration) { c.fallbackBudget = d }
