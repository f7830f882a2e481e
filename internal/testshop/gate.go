package testshop

import (
	"net/http"
	"strings"
	"sync"
)

// CompleteGate holds every seller's POST …/complete until Release is closed; Entered
// is closed when the first one arrives. Its Hold is a sandbox SellerMiddleware: a
// checkout held there is approved and being paid, a seller slow to complete.
type CompleteGate struct {
	Entered, Release chan struct{}
	once             sync.Once
}

// NewCompleteGate returns a gate that holds until its Release is closed.
func NewCompleteGate() *CompleteGate {
	return &CompleteGate{Entered: make(chan struct{}), Release: make(chan struct{})}
}

// Hold wraps seller handler h (of any seller) with the gate.
func (g *CompleteGate) Hold(_ string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/complete") {
			g.once.Do(func() { close(g.Entered) })
			<-g.Release
		}
		h.ServeHTTP(w, r)
	})
}
