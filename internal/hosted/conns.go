package hosted

import (
	"crypto/tls"
	"net"
	"net/http"
	"net/netip"
	"sync"
	"time"
)

// silentReclaim is how long a new connection that has sent nothing must have been
// open before the connection cap may close it for another (net/http's own Shutdown
// closes such connections after 5 s too).
const silentReclaim = 5 * time.Second

// connLimit is a listener capping open connections: at most perAddr for one client
// address (addrKey of the peer; trusted proxies aside), the one more closed at once;
// and at most max in all: at the cap, the connection idle the longest (a keep-alive
// between requests, or a new one silent for silentReclaim) is closed to make room,
// and only when none is idle does Accept wait for one to close or become idle. Its
// connState must be the http.Server's ConnState, which says which are idle. A
// connection's slot is given back when it is closed, by whoever closes it. 0: no cap.
type connLimit struct {
	net.Listener
	max, perAddr int
	exempt       func(netip.Addr) bool // not capped per address (trusted proxies)
	addrCapped   func()                // called when a connection over perAddr is about to be closed; may be nil

	mu     sync.Mutex
	wake   *sync.Cond // a slot freed, a connection became idle, or the listener closed
	open   int
	byAddr map[string]int
	conns  map[net.Conn]*limitedConn // by the conn net/http sees in ConnState
	closed bool
}

// limitedConn is a connection holding a slot of its connLimit until closed.
type limitedConn struct {
	net.Conn
	l        *connLimit
	key      string    // the per-address key; "" when not counted per address
	idle     bool      // reclaimable since idleFrom
	idleFrom time.Time //
	released bool
}

func newConnLimit(ln net.Listener, max, perAddr int, exempt func(netip.Addr) bool, addrCapped func()) *connLimit {
	l := &connLimit{Listener: ln, max: max, perAddr: perAddr, exempt: exempt, addrCapped: addrCapped, byAddr: map[string]int{}, conns: map[net.Conn]*limitedConn{}}
	l.wake = sync.NewCond(&l.mu)
	return l
}

// Accept returns the next connection within the caps.
func (l *connLimit) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if lc, ok := l.admit(c); ok {
			return lc, nil
		}
	}
}

// admit counts c in, or closes it when its address is at its cap or the listener
// is closed (false). At the global cap it first closes the connection idle the
// longest, and waits when none is.
func (l *connLimit) admit(c net.Conn) (*limitedConn, bool) {
	key := ""
	if l.perAddr > 0 {
		if a, ok := parseHostAddr(c.RemoteAddr().String()); ok && !l.exempt(a) {
			key = addrKey(a)
		}
	}
	l.mu.Lock()
	if key != "" && l.byAddr[key] >= l.perAddr {
		l.mu.Unlock()
		if l.addrCapped != nil {
			l.addrCapped() // counted before the client can see the close
		}
		c.Close()
		return nil, false
	}
	for l.max > 0 && l.open >= l.max && !l.closed {
		victim, next := l.longestIdle(time.Now())
		if victim == nil {
			// Wait for a slot, an idle connection, or the next silent one to become
			// reclaimable.
			var t *time.Timer
			if !next.IsZero() {
				t = time.AfterFunc(time.Until(next), func() {
					l.mu.Lock()
					l.wake.Broadcast()
					l.mu.Unlock()
				})
			}
			l.wake.Wait()
			if t != nil {
				t.Stop()
			}
			continue
		}
		l.release(victim)
		l.mu.Unlock()
		victim.Conn.Close() // its serving goroutine ends on the read error
		l.mu.Lock()
	}
	if l.closed {
		l.mu.Unlock()
		c.Close()
		return nil, false
	}
	lc := &limitedConn{Conn: c, l: l, key: key}
	l.open++
	if key != "" {
		l.byAddr[key]++
	}
	l.conns[lc] = lc
	l.mu.Unlock()
	return lc, true
}

// longestIdle is the reclaimable connection idle the longest, or nil and when the
// next one becomes reclaimable (zero: none will by itself).
func (l *connLimit) longestIdle(now time.Time) (best *limitedConn, next time.Time) {
	for _, c := range l.conns {
		switch {
		case !c.idle:
		case c.idleFrom.After(now):
			if next.IsZero() || c.idleFrom.Before(next) {
				next = c.idleFrom
			}
		case best == nil || c.idleFrom.Before(best.idleFrom):
			best = c
		}
	}
	return best, next
}

// release gives back c's slot, once. l.mu is held.
func (l *connLimit) release(c *limitedConn) {
	if c.released {
		return
	}
	c.released = true
	l.open--
	if c.key != "" {
		if l.byAddr[c.key]--; l.byAddr[c.key] <= 0 {
			delete(l.byAddr, c.key)
		}
	}
	delete(l.conns, c)
	l.wake.Broadcast()
}

// connState is the http.Server's ConnState hook: it notes which connections may be
// reclaimed. A new connection becomes reclaimable silentReclaim after it opened
// unless it sent anything before (Read), an idle keep-alive at once until its next
// request's first bytes arrive.
func (l *connLimit) connState(nc net.Conn, st http.ConnState) {
	if tc, ok := nc.(*tls.Conn); ok {
		nc = tc.NetConn()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	c := l.conns[nc]
	if c == nil {
		return
	}
	switch st {
	case http.StateNew:
		c.idle, c.idleFrom = true, time.Now().Add(silentReclaim)
	case http.StateIdle:
		c.idle, c.idleFrom = true, time.Now()
		l.wake.Broadcast()
	default: // active, hijacked, closed
		c.idle = false
	}
}

// Close closes the listener and ends a wait in Accept.
func (l *connLimit) Close() error {
	l.mu.Lock()
	l.closed = true
	l.wake.Broadcast()
	l.mu.Unlock()
	return l.Listener.Close()
}

// Read reads from the connection. Bytes arriving on a connection the cap has just
// reclaimed (its slot given back while this read waited) are dropped and the read
// fails, so that a request whose connection the client sees closed is never served;
// otherwise the connection is no longer reclaimable until net/http says it is idle
// again, so that one whose next request is arriving is never picked.
func (c *limitedConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.l.mu.Lock()
		released := c.released
		if !released {
			c.idle = false
		}
		c.l.mu.Unlock()
		if released {
			return 0, net.ErrClosed
		}
	}
	return n, err
}

// Close closes the connection and gives back its slot.
func (c *limitedConn) Close() error {
	c.l.mu.Lock()
	c.l.release(c)
	c.l.mu.Unlock()
	return c.Conn.Close()
}

// addrCapped notes a connection closed for its address's cap (MaxConnsPerAddr): one
// warning at most once a minute counts them, without the address (countedWarning).
func (h *Server) addrCapped() {
	h.addrCapWarn.add(h.cfg.Log, h.now())
}
