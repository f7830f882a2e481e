//go:build unix

package main

import (
	"syscall"
	"time"
)

// cpuTimeSelf is the CPU time, user and system, this process has used so far.
func cpuTimeSelf() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
