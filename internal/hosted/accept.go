package hosted

import (
	"errors"
	"net"
	"sync"
	"syscall"
	"time"
)

// Back-off of acceptRetry: the first wait after a failed accept, and the longest.
const (
	acceptBackoffMin = 5 * time.Millisecond
	acceptBackoffMax = time.Second
)

// acceptRetry is a listener whose Accept rides out the process running out of
// file descriptors (EMFILE, ENFILE) or kernel memory (ENOBUFS, ENOMEM): it waits,
// 5 ms doubling up to 1 s, and tries again, the new connections waiting meanwhile in
// the kernel's backlog, while the connections already open are served (and free
// descriptors when they close). Each failed attempt is counted in warn (one line a
// minute at most; net/http would log every attempt). Close ends a wait at once.
// Other errors are returned as they are.
type acceptRetry struct {
	net.Listener
	warn  func()                                      // counts one failed attempt
	sleep func(d time.Duration, done <-chan struct{}) // waits d, or until done is closed

	once sync.Once
	done chan struct{} // closed by Close
}

func newAcceptRetry(ln net.Listener, warn func()) *acceptRetry {
	return &acceptRetry{Listener: ln, warn: warn, sleep: sleepOrDone, done: make(chan struct{})}
}

// Accept returns the next connection, waiting out a lack of descriptors.
func (l *acceptRetry) Accept() (net.Conn, error) {
	wait := acceptBackoffMin
	for {
		c, err := l.Listener.Accept()
		if err == nil || !outOfResources(err) {
			return c, err
		}
		l.warn()
		l.sleep(wait, l.done)
		select {
		case <-l.done:
			return nil, net.ErrClosed
		default:
		}
		wait = min(2*wait, acceptBackoffMax)
	}
}

// Close closes the listener and then ends a wait in Accept.
func (l *acceptRetry) Close() error {
	err := l.Listener.Close()
	l.once.Do(func() { close(l.done) })
	return err
}

// outOfResources reports whether err is an accept failing for want of file
// descriptors or kernel memory, which passes once some are freed.
func outOfResources(err error) bool {
	return errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE) ||
		errors.Is(err, syscall.ENOBUFS) || errors.Is(err, syscall.ENOMEM)
}

func sleepOrDone(d time.Duration, done <-chan struct{}) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-done:
	}
}

// acceptFailed counts an accept that failed for want of descriptors (acceptRetry).
func (h *Server) acceptFailed() {
	h.acceptWarn.add(h.cfg.Log, h.now())
}
