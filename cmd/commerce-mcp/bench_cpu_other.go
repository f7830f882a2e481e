//go:build !unix

package main

import (
	"os"
	"time"
)

// cpuTimeSelf is 0 where getrusage is missing: the CPU columns of bench scale read 0.
func cpuTimeSelf() time.Duration { return 0 }

// peakRSSOf is -1 where getrusage is missing.
func peakRSSOf(*os.ProcessState) int64 { return -1 }

// writtenOf is -1 where getrusage is missing.
func writtenOf(*os.ProcessState) int64 { return -1 }

// minorFaultsSelf is 0 where getrusage is missing.
func minorFaultsSelf() int64 { return 0 }
