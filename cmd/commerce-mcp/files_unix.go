//go:build unix

package main

import "syscall"

// openFileLimit returns the soft RLIMIT_NOFILE (which the Go runtime raised to the
// hard limit at start), or 0 when it is unknown or unlimited (RLIM_INFINITY, or more
// than any kernel gives a process).
func openFileLimit() uint64 {
	var l syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_NOFILE, &l) != nil || uint64(l.Cur) >= 1<<31 {
		return 0
	}
	return uint64(l.Cur)
}
