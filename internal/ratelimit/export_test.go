package ratelimit

// Customers is how many customers' buckets l holds.
func (l *Limiter) Customers() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.customers)
}
