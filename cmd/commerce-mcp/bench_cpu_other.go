//go:build !unix

package main

import "time"

// cpuTimeSelf is 0 where getrusage is missing: the CPU columns of bench scale read 0.
func cpuTimeSelf() time.Duration { return 0 }
