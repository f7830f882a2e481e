//go:build unix

package main

import (
	"os"
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

// peakRSSOf is the peak resident set, in kB, of the ended process ps (getrusage's
// ru_maxrss, which Linux counts in kB), or -1 when unknown.
func peakRSSOf(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss
	}
	return -1
}

// writtenOf is what the ended process ps wrote to storage, in bytes (getrusage's
// ru_oublock, counted by Linux in 512-byte blocks as /proc/PID/io's write_bytes is:
// the file system writes it caused, not the bytes it asked to write), or -1 when
// unknown.
func writtenOf(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Oublock * 512
	}
	return -1
}

// minorFaultsSelf is how many minor page faults (a page mapped in without reading
// storage: fresh memory, or memory given back and touched again) this process has
// taken so far.
func minorFaultsSelf() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Minflt
}
