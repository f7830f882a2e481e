package ratelimit

// Customers is how many customers' buckets l holds.
func (l *Limiter) Customers() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.customers)
}

// Keys is how many keys have a bucket of their own in f.
func (f *Failures) Keys() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.keys)
}
