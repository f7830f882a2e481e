package hosted

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"sync/atomic"
	"testing"
	"time"
)

// TestReclaimedKeepAliveNotServed: at the cap, a keep-alive noted idle is reclaimed
// for a new connection while its next request is arriving (the interleaving is
// forced by holding the limit's lock while both happen). Whichever goes first, the
// request is either answered or never served: the handler must not run for a
// client that sees its connection closed.
func TestReclaimedKeepAliveNotServed(t *testing.T) {
	for i := range 3 {
		t.Run(fmt.Sprint("round ", i), func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			cl := newConnLimit(ln, 1, 0, func(netip.Addr) bool { return false }, nil)
			var executed atomic.Int64
			srv := &http.Server{ConnState: cl.connState, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method == http.MethodPost {
					if b, err := io.ReadAll(r.Body); err == nil && string(b) == "buy" {
						executed.Add(1)
					}
				}
				fmt.Fprint(w, "ok")
			})}
			go srv.Serve(cl)
			defer srv.Close()

			a, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer a.Close()
			br := bufio.NewReader(a)
			fmt.Fprint(a, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
			resp, err := http.ReadResponse(br, nil)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			for deadline := time.Now().Add(5 * time.Second); ; {
				cl.mu.Lock()
				idle := false
				for _, c := range cl.conns {
					idle = c.idle
				}
				cl.mu.Unlock()
				if idle {
					break
				}
				if time.Now().After(deadline) {
					t.Fatal("the keep-alive was never noted idle")
				}
				time.Sleep(time.Millisecond)
			}
			cl.mu.Lock()
			b, err := net.Dial("tcp", ln.Addr().String()) // its admit waits for the lock
			if err != nil {
				cl.mu.Unlock()
				t.Fatal(err)
			}
			defer b.Close()
			time.Sleep(100 * time.Millisecond)
			fmt.Fprint(a, "POST /buy HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nbuy") // its read waits for the lock
			time.Sleep(100 * time.Millisecond)
			cl.mu.Unlock()

			a.SetReadDeadline(time.Now().Add(3 * time.Second))
			resp, rerr := http.ReadResponse(br, nil)
			if rerr == nil {
				resp.Body.Close()
			}
			time.Sleep(100 * time.Millisecond) // a handler run despite the close would have counted by now
			switch n := executed.Load(); {
			case rerr != nil && n != 0:
				t.Errorf("the request was served but the client saw %v", rerr)
			case rerr == nil && n != 1:
				t.Errorf("answered, but the handler ran %d times", n)
			}
			t.Logf("client: %v; handler ran %d times", rerr, executed.Load())
		})
	}
}
