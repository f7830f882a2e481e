package seller_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/seller"
	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"

	"github.com/commerce-mcp/commerce-mcp/internal/clocktest"
)

const (
	testKey   = "sk_seller_secret_123"
	testToken = "spt_test_secret_token_456"
)

func newClock() *clocktest.Clock { return clocktest.New(time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)) }

func stock(n int64) *int64 { return &n }

// fakeInventory is an in-memory Inventory.
type fakeInventory struct {
	mu          sync.Mutex
	items       map[string]seller.InventoryItem
	failReturns int // Return fails this many times before it works
}

func newInventory() *fakeInventory {
	// The items are digital (no address, no delivery cost, no tax without an address),
	// so that the tests of sessions and payments see the items' amounts alone; chair
	// and lamp are shipped, for the tests of delivery and tax.
	return &fakeInventory{items: map[string]seller.InventoryItem{
		"mug":    {ID: "mug", Title: "Blue Mug", UnitAmount: 1250, Currency: "USD", Stock: stock(5), Purchasable: true, Digital: true},
		"poster": {ID: "poster", Title: "Poster", UnitAmount: 2000, Currency: "USD", Purchasable: true, Digital: true}, // unknown stock
		"last":   {ID: "last", Title: "Last One", UnitAmount: 999, Currency: "USD", Stock: stock(1), Purchasable: true, Digital: true},
		"gone":   {ID: "gone", Title: "Gone Lamp", UnitAmount: 4000, Currency: "USD", Stock: stock(0), Purchasable: false, Digital: true},
		"euro":   {ID: "euro", Title: "Euro Book", UnitAmount: 1500, Currency: "EUR", Stock: stock(3), Purchasable: true, Digital: true},
		"chair":  {ID: "chair", Title: "Oak Chair", UnitAmount: 4500, Currency: "USD", Purchasable: true},
		"lamp":   {ID: "lamp", Title: "Desk Lamp", UnitAmount: 1999, Currency: "USD", Purchasable: true},
	}}
}

func (f *fakeInventory) Item(_ context.Context, id string) (seller.InventoryItem, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	it, ok := f.items[id]
	if !ok {
		return seller.InventoryItem{}, fmt.Errorf("item %q: %w", id, seller.ErrUnknownItem)
	}
	if it.Stock != nil {
		n := *it.Stock
		it.Stock = &n
	}
	return it, nil
}

func (f *fakeInventory) Take(_ context.Context, id string, qty int) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	it, ok := f.items[id]
	if !ok {
		return 0, seller.ErrUnknownItem
	}
	if it.Stock == nil {
		return 0, nil
	}
	if *it.Stock < int64(qty) {
		return 0, seller.ErrOutOfStock
	}
	n := *it.Stock - int64(qty)
	it.Stock = &n
	it.Purchasable = n > 0
	f.items[id] = it
	return 0, nil
}

// Return ignores the stamp: CatalogInventory's is tested against a real catalog.
func (f *fakeInventory) Return(_ context.Context, id string, qty int, _ int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failReturns > 0 {
		f.failReturns--
		return errors.New("database is locked")
	}
	it, ok := f.items[id]
	if !ok {
		return seller.ErrUnknownItem
	}
	if it.Stock != nil {
		n := *it.Stock + int64(qty)
		it.Stock, it.Purchasable = &n, true
		f.items[id] = it
	}
	return nil
}

func (f *fakeInventory) setStock(id string, n int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	it := f.items[id]
	it.Stock, it.Purchasable = &n, n > 0
	f.items[id] = it
}

func (f *fakeInventory) stockOf(id string) int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return *f.items[id].Stock
}

// fakePayments records charges; fn decides their outcome (default: success). When gate
// is set, Charge signals started and waits for gate.
type fakePayments struct {
	mu      sync.Mutex
	calls   []seller.ChargeRequest
	paid    []seller.ChargeRequest // the calls that succeeded
	fn      func(seller.ChargeRequest) (seller.ChargeResult, error)
	gate    chan struct{}
	started chan struct{}
	refunds map[string]seller.RefundRequest // by idempotency key
	// find answers Find; nil: the look-up fails (Stripe unreachable)
	find  func(q seller.FindQuery) (seller.FindResult, error)
	finds int // Find calls
}

// Find answers with f.find.
func (f *fakePayments) Find(_ context.Context, q seller.FindQuery) (seller.FindResult, error) {
	f.mu.Lock()
	f.finds++
	find := f.find
	f.mu.Unlock()
	if find == nil {
		return seller.FindResult{}, &seller.ChargeError{Kind: seller.ErrPaymentUnavailable, Reason: "list: timed out"}
	}
	return find(q)
}

func (f *fakePayments) Charge(_ context.Context, r seller.ChargeRequest) (seller.ChargeResult, error) {
	f.mu.Lock()
	f.calls = append(f.calls, r)
	fn, gate, started := f.fn, f.gate, f.started
	f.mu.Unlock()
	if gate != nil {
		started <- struct{}{}
		<-gate
	}
	res, err := seller.ChargeResult{PaymentIntentID: "pi_test", CardBrand: "visa", CardLast4: "4242"}, error(nil)
	if fn != nil {
		res, err = fn(r)
	}
	if err == nil {
		f.mu.Lock()
		f.paid = append(f.paid, r)
		f.mu.Unlock()
	}
	return res, err
}

// Refund succeeds, once per idempotency key, as Stripe's replay would.
func (f *fakePayments) Refund(_ context.Context, r seller.RefundRequest) (seller.RefundResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.refunds == nil {
		f.refunds = map[string]seller.RefundRequest{}
	}
	if _, ok := f.refunds[r.IdempotencyKey]; !ok {
		f.refunds[r.IdempotencyKey] = r
	}
	return seller.RefundResult{ID: "re_" + r.IdempotencyKey, Amount: f.refunds[r.IdempotencyKey].Amount}, nil
}

func (f *fakePayments) setFn(fn func(seller.ChargeRequest) (seller.ChargeResult, error)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fn = fn
}

func (f *fakePayments) charges() []seller.ChargeRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seller.ChargeRequest(nil), f.calls...)
}

// env is a reference seller behind an httptest server with a client for it.
type env struct {
	t      testing.TB
	seller *seller.Seller
	srv    *httptest.Server
	client *acp.Client
	inv    *fakeInventory
	pay    *fakePayments
	clock  *clocktest.Clock
	logs   *syncbuf.Buffer
	keys   atomic.Int64 // key() may be called from several goroutines
}

// newEnv starts the seller; opts change its configuration first.
func newEnv(t testing.TB, opts ...func(*seller.Config)) *env {
	t.Helper()
	e := &env{t: t, inv: newInventory(), pay: &fakePayments{}, clock: newClock(), logs: &syncbuf.Buffer{}}
	cfg := seller.Config{
		APIKey: testKey, Inventory: e.inv, Payments: e.pay, Now: e.clock.Now,
		Logger:  slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		BaseURL: "http://seller.test", StripeProfile: "profile_test_seller",
	}
	for _, o := range opts {
		o(&cfg)
	}
	seller, err := seller.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.seller = seller
	e.srv = httptest.NewServer(seller)
	t.Cleanup(e.srv.Close)
	e.client = acp.NewClient(e.srv.URL, testKey, acp.WithNow(e.clock.Now))
	return e
}

// key returns a fresh idempotency key.
func (e *env) key() string {
	return fmt.Sprintf("key-%s-%d", e.t.Name(), e.keys.Add(1))
}

// create opens a session for the items (id → quantity) or fails the test.
func (e *env) create(items ...acp.Item) *acp.CheckoutSession {
	e.t.Helper()
	s, err := e.client.Create(context.Background(), acp.CreateRequest{LineItems: items, Currency: "usd"}, e.key())
	if err != nil {
		e.t.Fatalf("Create: %v", err)
	}
	return s
}

func (e *env) complete(id, token string) (*acp.CheckoutSession, error) {
	return e.client.Complete(context.Background(), id, acp.CompleteRequest{PaymentData: acp.SPTPayment(token)}, e.key())
}

// raw sends a request with exactly the given headers (Authorization, API-Version and
// Content-Type are added unless present in hdr; an empty value removes them).
// update sends an update of session id and returns its error.
func (e *env) update(id string, req acp.UpdateRequest) error {
	_, err := e.client.Update(context.Background(), id, req, e.key())
	return err
}

// paidTokens returns the tokens of the charges that succeeded, in order (a replay
// of one charge counted once).
func (e *env) paidTokens() []string {
	var out []string
	seen := map[string]bool{}
	e.pay.mu.Lock()
	defer e.pay.mu.Unlock()
	for _, c := range e.pay.paid {
		if !seen[c.IdempotencyKey] {
			seen[c.IdempotencyKey] = true
			out = append(out, c.Token)
		}
	}
	return out
}

func (e *env) raw(method, path, body string, hdr map[string]string) (*http.Response, []byte) {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.srv.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	def := map[string]string{"Authorization": "Bearer " + testKey, "API-Version": acp.APIVersion}
	if body != "" {
		def["Content-Type"] = "application/json"
	}
	for k, v := range hdr {
		def[k] = v
	}
	for k, v := range def {
		if v != "" {
			req.Header.Set(k, v)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp, b
}

// protoError decodes a flat ACP error body.
func protoError(t *testing.T, body []byte) acp.Error {
	t.Helper()
	var pe acp.Error
	if err := json.Unmarshal(body, &pe); err != nil {
		t.Fatalf("body %s is not an ACP error: %v", body, err)
	}
	return pe
}

func item(id string, qty int) acp.Item { return acp.Item{ID: id, Quantity: qty} }

func newTextLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func contains(s, sub string) bool { return sub != "" && strings.Contains(s, sub) }
