package main

import (
	"context"
	"net/http"
	"path/filepath"
	"sync"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// killRig is the set-up the kill -9 tests of a hosted server share: the demo shop's
// database in a temporary directory, the Stripe emulator and a reference seller outside
// the process (stripeWorld), serve's arguments for an HTTP server on them, and a seller
// completion held while the server is killed.
type killRig struct {
	dir, db string
	world   *stripeWorld
	args    []string // serve --transport http on db and world, no rate limits
	held    *heldCompletion
}

// newKillRig makes a killRig. wrap wraps the seller's handler, as newStripeWorld's
// wrapSeller, with the rig's held completion to hold the request it chooses (see
// heldCompletion.hold).
func newKillRig(t *testing.T, wrap func(h *heldCompletion, next http.Handler) http.Handler, extra ...string) *killRig {
	t.Helper()
	r := &killRig{dir: t.TempDir(), held: newHeldCompletion()}
	r.db = filepath.Join(r.dir, "shop.db")
	testshop.WriteDemo(t, r.db)
	r.world = newStripeWorld(t, r.dir, func(next http.Handler) http.Handler { return wrap(r.held, next) })
	// Registered after the seller's server, so run before it closes (which waits for
	// the held request).
	t.Cleanup(r.held.letGo)
	r.args = append(append([]string{"serve", "--db", r.db, "--transport", "http", "--addr", "127.0.0.1:0",
		"--rate", "0", "--purchase-rate", "0"}, extra...), r.world.args...)
	return r
}

// heldCompletion is one request to the seller held until the server that sent it is
// dead.
type heldCompletion struct {
	entered, release, done chan struct{}
	once                   sync.Once
}

func newHeldCompletion() *heldCompletion {
	return &heldCompletion{entered: make(chan struct{}, 1), release: make(chan struct{}), done: make(chan struct{})}
}

// hold, called by the seller's handler with the request to hold, says it entered and
// waits until the server is killed (or the test ends); then then (nil for nothing)
// goes on with the request, detached from its connection, which is dead.
func (h *heldCompletion) hold(w http.ResponseWriter, r *http.Request, then func(http.ResponseWriter, *http.Request)) {
	h.entered <- struct{}{}
	<-h.release
	defer close(h.done)
	if then != nil {
		then(w, r.WithContext(context.WithoutCancel(r.Context())))
	}
}

func (h *heldCompletion) letGo() { h.once.Do(func() { close(h.release) }) }

// killWhileHeld waits until the seller holds the request (waitHeld), then kills p
// (killHeld).
func (h *heldCompletion) killWhileHeld(t *testing.T, ctx context.Context, p *hostedProcess, what string) {
	t.Helper()
	h.waitHeld(t, ctx, p, what)
	h.killHeld(t, p)
}

// waitHeld waits until the seller holds the request p sent (what: the request, for
// the failure).
func (h *heldCompletion) waitHeld(t *testing.T, ctx context.Context, p *hostedProcess, what string) {
	t.Helper()
	select {
	case <-h.entered:
	case <-ctx.Done():
		t.Fatalf("%s never reached the seller's completion:\n%s", what, p.stderr.String())
	}
}

// killHeld kills p with SIGKILL while the seller holds its request, waits for it to
// exit, lets the seller go on and waits until it has done with the request.
func (h *heldCompletion) killHeld(t *testing.T, p *hostedProcess) {
	t.Helper()
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-p.exited
	h.letGo()
	<-h.done
}
