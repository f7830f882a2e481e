//go:build !unix

package main

// openFileLimit returns 0: no limit is known on this system.
func openFileLimit() uint64 { return 0 }
