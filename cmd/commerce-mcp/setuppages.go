package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/stripesim"
	"github.com/commerce-mcp/commerce-mcp/internal/stripehook"
)

// setupPages are what the person's browser reaches while adding a card: in the
// sandbox the emulator's setup page (Stripe's hosted page in real mode), and in both
// modes the page the setup sends them back to when done.
//
// Hosted mode serves them on the MCP server's own address (routes outside bearer
// authentication; the session id in the URL is the capability, as on Stripe). Stdio
// mode has no HTTP server, so the first add_payment_method starts one on 127.0.0.1 at
// a random port, which serves until the process ends: the browser runs on the same
// machine as a stdio client.
type setupPages struct {
	sim *stripesim.Server // the emulator in sandbox mode, nil with real Stripe
	log *slog.Logger
	// In sandbox mode, hook receives the emulator's webhook events (stripehook's
	// Handler, at stripehook.Pattern beside the pages), signed with hookSecret: the
	// emulator posts them to the pages' address as Stripe posts to a registered
	// endpoint, so the webhook path runs in the sandbox too, with polling behind it.
	hook       http.Handler
	hookSecret string

	mu   sync.Mutex
	base string          // where the pages are reached; "" until known
	run  context.Context // stdio: the loopback listener serves until it ends
}

// setupDonePath is the page a completed (or abandoned) setup sends the person to.
const setupDonePath = "/payment-setup/done"

// routes are the pages by http.ServeMux pattern.
func (p *setupPages) routes() map[string]http.Handler {
	r := map[string]http.Handler{"GET " + setupDonePath: http.HandlerFunc(setupDone)}
	if p.sim != nil {
		r[stripesim.SetupPagePattern] = p.sim.SetupPage()
	}
	if p.hook != nil {
		r[stripehook.Pattern] = p.hook
	}
	return r
}

// setupDone tells the person to go back to the assistant.
func setupDone(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Security-Policy", "default-src 'none'")
	w.Write([]byte(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Card saved</title></head>` +
		`<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto"><h1>You can close this tab</h1>` +
		`<p>Return to your assistant: it will see the card once it is saved.</p></body></html>`))
}

// setBase records where the pages are reached (hosted mode, once listening).
func (p *setupPages) setBase(base string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.base = base
	p.simAtLocked()
}

// simAtLocked tells the emulator where the pages, and the webhook route, are
// reached. The caller holds p.mu.
func (p *setupPages) simAtLocked() {
	if p.sim == nil {
		return
	}
	p.sim.SetPageURL(p.base)
	if p.hook != nil {
		p.sim.SetWebhook(stripesim.Webhook{URL: p.base + stripehook.Path, Secret: p.hookSecret})
	}
}

// serveLoopback makes returnURL start a loopback listener on first use, serving until
// ctx ends (stdio mode).
func (p *setupPages) serveLoopback(ctx context.Context) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.run = ctx
}

// returnURL is checkout.Config.SetupReturnURL: the done page, starting the loopback
// listener first in stdio mode.
func (p *setupPages) returnURL(context.Context) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.base == "" && p.run != nil {
		if err := p.listenLocked(); err != nil {
			return "", err
		}
	}
	if p.base == "" {
		return "", errors.New("the setup pages are not served yet")
	}
	return p.base + setupDonePath, nil
}

func (p *setupPages) listenLocked() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	for pattern, h := range p.routes() {
		mux.Handle(pattern, h)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second}
	go srv.Serve(ln)
	ctx := p.run
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	p.base = "http://" + ln.Addr().String()
	p.simAtLocked()
	p.log.Info("serving the payment setup pages on the loopback interface for the person's browser", "addr", ln.Addr().String())
	return nil
}
