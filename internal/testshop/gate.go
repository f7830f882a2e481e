package testshop

import (
	"net/http"
	"strings"
	"sync"
	"testing"
)

// CompleteGate holds every seller's POST …/complete until Open is called; Entered is
// closed when the first one arrives. Its Hold is a sandbox SellerMiddleware: a
// checkout held there is approved and being paid, a seller slow to complete.
type CompleteGate struct {
	Entered chan struct{}
	release chan struct{}
	entered sync.Once
	open    sync.Once
}

// NewCompleteGate returns a closed gate, opened by Open or at the latest when t ends
// (so that a test that stops early leaves no seller held).
func NewCompleteGate(t testing.TB) *CompleteGate {
	g := &CompleteGate{Entered: make(chan struct{}), release: make(chan struct{})}
	t.Cleanup(g.Open)
	return g
}

// Open lets every held and later completion through; calling it again does nothing.
func (g *CompleteGate) Open() {
	g.open.Do(func() { close(g.release) })
}

// Hold wraps seller handler h (of any seller) with the gate.
func (g *CompleteGate) Hold(_ string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/complete") {
			g.entered.Do(func() { close(g.Entered) })
			<-g.release
		}
		h.ServeHTTP(w, r)
	})
}
