package main

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
)

// memSample is what a process's resident memory is made of at one moment: the
// resident set from /proc/self/status (anonymous and file-backed), what Go holds from
// the system and has not given back, what SQLite has allocated, and what the C
// allocator holds, of which free (freed but kept resident unless trimmed).
type memSample struct {
	rss, anon, file int64 // kB
	goHeld, goHeap  int64 // bytes: Sys - HeapReleased; HeapInuse
	sqlite          int64 // bytes
	slots, overflow int64 // shared page cache slots in use; page cache bytes outside it
	cHeld, cFree    int64 // bytes; -1 when the C library cannot say
}

func sampleMemory() memSample {
	st := memStatus()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	cur, _ := sqlite.MemoryUsed()
	slots, overflow := sqlite.PageCacheUsed()
	s := memSample{rss: st["VmRSS"], anon: st["RssAnon"], file: st["RssFile"],
		goHeld: int64(ms.Sys - ms.HeapReleased), goHeap: int64(ms.HeapInuse), sqlite: cur, slots: slots, overflow: overflow, cHeld: -1, cFree: -1}
	if held, free, ok := sqlite.MallocHeld(); ok {
		s.cHeld, s.cFree = held, free
	}
	return s
}

func (s memSample) String() string {
	c := "C allocator: not glibc"
	if s.cHeld >= 0 {
		c = fmt.Sprintf("C allocator holds %d MB, %d MB of it free", s.cHeld>>20, s.cFree>>20)
	}
	return fmt.Sprintf("RSS %d MB = %d MB anonymous + %d MB file-backed; Go holds %d MB (heap in use %d MB); SQLite has %d MB allocated, and %d pages in the shared page cache (%d MB of pages outside it); %s",
		s.rss>>10, s.anon>>10, s.file>>10, s.goHeld>>20, s.goHeap>>20, s.sqlite>>20, s.slots, s.overflow>>20, c)
}

// memWatch samples this process's memory every interval until stopped, and keeps
// the sample with the largest resident set and every sample's resident set.
type memWatch struct {
	mu   sync.Mutex
	peak memSample
	rss  []int64 // kB
	stop context.CancelFunc
	done chan struct{}
}

func watchMemory(ctx context.Context, interval time.Duration) *memWatch {
	ctx, cancel := context.WithCancel(ctx)
	w := &memWatch{stop: cancel, done: make(chan struct{})}
	go func() {
		defer close(w.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			s := sampleMemory()
			w.mu.Lock()
			w.rss = append(w.rss, s.rss)
			if s.rss > w.peak.rss {
				w.peak = s
			}
			w.mu.Unlock()
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return w
}

// end stops the sampling and returns the sample at the peak and the median resident
// set of all samples, in kB.
func (w *memWatch) end() (memSample, int64) {
	w.stop()
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	s := slices.Clone(w.rss)
	slices.Sort(s)
	var med int64
	if len(s) > 0 {
		med = s[len(s)/2]
	}
	return w.peak, med
}
