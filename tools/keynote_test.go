package tools

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// execStore runs query on the storefront's store file, as another connection would.
func (s *storefront) execStore(t *testing.T, query string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, s.storePath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, query); err != nil {
		t.Fatal(err)
	}
}

// setRules sets the customer's spending rules: in USD, no monthly limit, and the
// per-order limit, daily limit and confirmation threshold given.
func (s *storefront) setRules(t *testing.T, perOrder, daily, confirmAbove int64) {
	t.Helper()
	if err := s.tb.Store.SetRules(context.Background(), s.tb.Customer, store.Rules{Currency: "USD", PerOrderMax: perOrder, DailyMax: daily,
		MonthlyMax: store.NoLimit, ConfirmAbove: confirmAbove}); err != nil {
		t.Fatal(err)
	}
}

// setAvailability lists product id in the catalog as a.
func (s *storefront) setAvailability(t *testing.T, id string, a catalog.Availability) {
	t.Helper()
	ctx := context.Background()
	p, err := s.tb.Catalog.Product(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	p.Availability = a
	if _, err := s.tb.Catalog.Upsert(ctx, nil, []catalog.Product{p}); err != nil {
		t.Fatal(err)
	}
}

// addToCart adds one of each product to the cart through c.
func addToCart(t *testing.T, c *client.Client, ids ...string) {
	t.Helper()
	for _, id := range ids {
		if res := call(t, c, "add_to_cart", map[string]any{"product_id": id}, nil); res.IsError {
			t.Fatalf("add_to_cart %s: %s", id, text(res))
		}
	}
}

// TestKeyNoteOnlyWhenRecorded: a refusal says that its idempotency_key now returns it
// only when it was recorded under the key. One whose record could not be written (the
// store refuses the write, twice) is an internal error instead, neither the refusal
// nor the note, and the key indeed returns something else: the end recovery gives the
// purchase, which then says so.
func TestKeyNoteOnlyWhenRecorded(t *testing.T) {
	ctx := context.Background()
	t.Run("refused over the limit", func(t *testing.T) {
		s := newStorefront(t)
		c := s.client(t, nil, "2025-11-25")
		p := demoProduct(t, 1000, 4000)
		s.setRules(t, 1_00, store.NoLimit, store.NoLimit)
		s.execStore(t, `CREATE TRIGGER unwritten BEFORE UPDATE OF state ON purchases WHEN NEW.state = 'failed'
			BEGIN SELECT RAISE(ABORT, 'injected: the refusal is not written'); END`)
		res := call(t, c, "purchase", map[string]any{"product_id": p.ID, "idempotency_key": "k1"}, nil)
		checkKeyedAnswer(t, "purchase", res, false, "Internal error in purchase", false, false)
		if strings.Contains(text(res), "limit") {
			t.Errorf("the unwritten refusal's words were given: %s", text(res))
		}
		if got, err := s.tb.Store.PurchaseByKey(ctx, s.tb.Customer, "k1"); err != nil || got.State != store.PurchaseOpen {
			t.Fatalf("purchase under k1: %v, state %q; want it left open (its refusal unwritten)", err, got.State)
		}
		s.execStore(t, `DROP TRIGGER unwritten`)
		if _, err := s.tb.Checkout.Recover(ctx, 0); err != nil {
			t.Fatal(err)
		}
		res = call(t, c, "purchase", map[string]any{"product_id": p.ID, "idempotency_key": "k1"}, nil)
		checkKeyedAnswer(t, "purchase", res, false, "interrupted", true, false)
		res = call(t, c, "purchase", map[string]any{"product_id": p.ID, "idempotency_key": "k2"}, nil)
		checkKeyedAnswer(t, "purchase", res, false, "limit", true, false)
	})
	t.Run("declined in the dialog", func(t *testing.T) {
		s := newStorefront(t)
		c := s.client(t, &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: mcp.ElicitationResponseActionDecline}}, "2025-11-25")
		s.execStore(t, `CREATE TRIGGER unwritten BEFORE UPDATE OF state ON purchases WHEN NEW.state = 'canceled'
			BEGIN SELECT RAISE(ABORT, 'injected: the decline is not written'); END`)
		res := call(t, c, "purchase", map[string]any{"product_id": demoProduct(t, 6000, 40000).ID, "idempotency_key": "k1"}, nil)
		checkKeyedAnswer(t, "purchase", res, false, "Internal error in purchase", false, false)
		if strings.Contains(text(res), "declined") {
			t.Errorf("the unwritten decline's words were given: %s", text(res))
		}
		if got, err := s.tb.Store.PurchaseByKey(ctx, s.tb.Customer, "k1"); err != nil || got.State != store.PurchaseQuoted {
			t.Fatalf("purchase under k1: %v, state %q; want it still quoted (the decline unwritten)", err, got.State)
		}
	})
}

// TestCheckoutPartialKeptForKey: a partial checkout under an idempotency_key is what
// that key returns from then on (the refused lines are not bought by it even once they
// can be), so it says to use a new key for them; without a key it says nothing of
// keys. A new key buys the lines left.
func TestCheckoutPartialKeptForKey(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "2025-11-25")
	s.setRules(t, store.NoLimit, store.NoLimit, store.NoLimit)
	const kept, refusedID = "hh-cof-0004", "cy-hp-0001" // two sellers
	addToCart(t, c, kept, refusedID)
	s.setAvailability(t, refusedID, catalog.OutOfStock)
	note := "This idempotency_key now always returns this answer: to try the refused lines again (they stay in the cart), call checkout with a new idempotency_key (or none)."
	var first string
	steps := []struct {
		name     string
		before   func()
		args     map[string]any
		want     checkout.CheckoutStatus
		wantNote bool
		charges  int
	}{
		{name: "without a key", args: map[string]any{}, want: checkout.CheckoutPartial, charges: 1},
		{name: "under a key", before: func() { addToCart(t, c, kept) }, args: map[string]any{"idempotency_key": "k1"},
			want: checkout.CheckoutPartial, wantNote: true, charges: 2},
		{name: "the same key once the line can be bought", before: func() { s.setAvailability(t, refusedID, catalog.InStock) },
			args: map[string]any{"idempotency_key": "k1"}, want: checkout.CheckoutPartial, wantNote: true, charges: 2},
		{name: "a new key", args: map[string]any{"idempotency_key": "k2"}, want: checkout.CheckoutCompleted, charges: 3},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.before != nil {
				st.before()
			}
			var r checkoutResult
			res := call(t, c, "checkout", st.args, &r)
			if res.IsError || r.Status != string(st.want) {
				t.Fatalf("got %s (%s), want %s", r.Status, text(res), st.want)
			}
			if got := strings.Contains(text(res), note) && r.Instruction == note; got != st.wantNote {
				t.Errorf("note that the key keeps the outcome: %v, want %v, in %s", got, st.wantNote, text(res))
			}
			if st.args["idempotency_key"] == "k1" {
				if first == "" {
					first = r.CheckoutID
				} else if r.CheckoutID != first {
					t.Errorf("checkout %s, want the first one under k1, %s", r.CheckoutID, first)
				}
			}
			if n := s.charges(); n != st.charges {
				t.Errorf("%d charges, want %d", n, st.charges)
			}
		})
	}
}

// TestDeclineKeptForKey: a quote the person declines in the dialog is what the call's
// idempotency_key returns from then on (without asking again), in either protocol era,
// for purchase and checkout; so the decline says to use a new key if the person later
// asks to buy after all (not "to try again": it was a no). Without a key,
// nothing is said of keys and the person is asked again.
func TestDeclineKeptForKey(t *testing.T) {
	for _, tool := range []string{"purchase", "checkout"} {
		for _, era := range []struct{ name, version string }{{"legacy era", "2025-11-25"}, {"modern era", ""}} {
			t.Run(tool+", "+era.name, func(t *testing.T) {
				s := newStorefront(t)
				var dialogs atomic.Int32
				c := s.clientWith(t, elicitFunc(func(context.Context, mcp.ElicitationRequest) (*mcp.ElicitationResult, error) {
					dialogs.Add(1)
					return &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: mcp.ElicitationResponseActionDecline}}, nil
				}), era.version)
				args := func(key string) map[string]any {
					a := map[string]any{}
					if tool == "purchase" {
						a["product_id"] = demoProduct(t, 6000, 40000).ID
					}
					if key != "" {
						a["idempotency_key"] = key
					}
					return a
				}
				if tool == "checkout" {
					addToCart(t, c, "hh-cof-0004", "cy-hp-0001")
					s.setRules(t, store.NoLimit, store.NoLimit, 1_00)
				}
				steps := []struct {
					name     string
					key      string
					wantNote bool
					dialogs  int32
				}{
					{"declined under a key", "d1", true, 1},
					{"the same key", "d1", true, 1},
					{"without a key", "", false, 2},
				}
				for _, st := range steps {
					res := call(t, c, tool, args(st.key), nil)
					t.Run(st.name, func(t *testing.T) {
						checkKeyedAnswer(t, tool, res, false, "declined", st.wantNote, false)
						// A no is not something to try again.
						if got := text(res); st.wantNote && (!strings.Contains(got, "if the person later asks to buy") ||
							!strings.Contains(got, "after all, call "+tool+" with a new idempotency_key") || strings.Contains(got, "to try again")) {
							t.Errorf("want the decline's key note (a new key if the person later asks to buy), not \"to try again\", in %s", got)
						}
						if n := dialogs.Load(); n != st.dialogs {
							t.Errorf("%d dialogs shown, want %d", n, st.dialogs)
						}
					})
				}
				if n := s.charges(); n != 0 {
					t.Errorf("%d charges, want none", n)
				}
			})
		}
	}
}

// TestUnknownAddressLeavesKeyUnused: an address_id that names no saved address is an
// argument to fix, refused before anything is recorded under the idempotency_key, by
// purchase as by checkout: the refusal does not say the key keeps it, and the same
// key then buys.
func TestUnknownAddressLeavesKeyUnused(t *testing.T) {
	for _, tool := range []string{"purchase", "checkout"} {
		t.Run(tool, func(t *testing.T) {
			s := newStorefront(t)
			c := s.client(t, nil, "2025-11-25")
			s.setRules(t, store.NoLimit, store.NoLimit, store.NoLimit)
			args := map[string]any{"idempotency_key": "k1", "address_id": "nope"}
			if tool == "purchase" {
				args["product_id"] = demoProduct(t, 1000, 4000).ID
			} else {
				addToCart(t, c, "hh-cof-0004")
			}
			res := call(t, c, tool, args, nil)
			checkKeyedAnswer(t, tool, res, false, "No saved address has id", false, false)
			delete(args, "address_id")
			var p purchaseResult
			var co checkoutResult
			var r any = &p
			if tool == "checkout" {
				r = &co
			}
			res = call(t, c, tool, args, r)
			checkKeyedAnswer(t, tool, res, p.Status == "completed" || co.Status == "completed", "", false, true)
			if n := s.charges(); n != 1 {
				t.Errorf("%d charges, want 1", n)
			}
		})
	}
}

// TestViewCartAvailabilityWords: a cart line whose product the catalog no longer lists
// in stock says why in the words the refusals use, not "out of stock" for every case.
func TestViewCartAvailabilityWords(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "2025-11-25")
	const id = "hh-cof-0004"
	addToCart(t, c, id)
	for _, tt := range []struct {
		availability catalog.Availability
		want         string
	}{
		{catalog.Preorder, "not available now: it is listed for preorder only; checkout leaves it in the cart"},
		{catalog.Backorder, "not available now: it is on backorder; checkout leaves it in the cart"},
		{catalog.Discontinued, "not available now: it is discontinued; checkout leaves it in the cart"},
		{catalog.Unknown, "not available now: its seller does not say that it is available; checkout leaves it in the cart"},
		{catalog.OutOfStock, "not available now (out of stock); checkout leaves it in the cart"},
	} {
		t.Run(string(tt.availability), func(t *testing.T) {
			s.setAvailability(t, id, tt.availability)
			var r cartResult
			res := call(t, c, "view_cart", nil, &r)
			if res.IsError || len(r.Sellers) != 1 || len(r.Sellers[0].Lines) != 1 {
				t.Fatalf("view_cart: %s", text(res))
			}
			l := r.Sellers[0].Lines[0]
			if l.Available || l.Unavailable != tt.want || !strings.Contains(text(res), tt.want) {
				t.Errorf("line %+v, text %s; want unavailable %q", l, text(res), tt.want)
			}
		})
	}
}

// TestCheckoutKeyAddressConflict: the same idempotency_key with another address_id than
// its checkout recorded (the one named, or the default one at the time) is refused as
// a conflict, nothing charged and nothing said of the key keeping it; with the
// recorded address, or none, it returns the first outcome, whatever the default
// address is now.
func TestCheckoutKeyAddressConflict(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "2025-11-25")
	s.setRules(t, store.NoLimit, store.NoLimit, store.NoLimit)
	var list addressesResult
	if res := call(t, c, "get_shipping_addresses", nil, &list); res.IsError || len(list.Addresses) != 1 {
		t.Fatalf("addresses: %s", text(res))
	}
	first := list.Addresses[0].AddressID
	addToCart(t, c, "hh-cof-0004")
	var checkouts = map[string]string{} // key → checkout id
	steps := []struct {
		name    string
		before  func()
		key     string
		address string
		want    string // "completed", or a fragment of the conflict
		charges int
	}{
		{name: "to the default address, named", key: "k1", address: first, want: "completed", charges: 1},
		{name: "another address becomes the default", before: func() {
			var saved addressView
			if res := call(t, c, "set_shipping_address", map[string]any{"name": "Ada", "line1": "1 Main St", "city": "Austin", "region": "TX",
				"postal_code": "73301", "country": "US"}, &saved); res.IsError || !saved.Default {
				t.Fatalf("save: %s", text(res))
			}
			addToCart(t, c, "hh-cof-0004")
		}, key: "k2", want: "completed", charges: 2},
		{name: "k1 with the new default named", key: "k1", address: "$new", want: "already used for a checkout delivering to address_id \"" + first + "\"", charges: 2},
		{name: "k1 with an unknown address", key: "k1", address: "nope", want: "not to address_id \"nope\"", charges: 2},
		{name: "k1 with its address", key: "k1", address: first, want: "completed", charges: 2},
		{name: "k1 with none", key: "k1", want: "completed", charges: 2},
		{name: "k2 with the old default", key: "k2", address: first, want: "already used for a checkout delivering to address_id", charges: 2},
		{name: "k2 with the default it recorded", key: "k2", address: "$new", want: "completed", charges: 2},
	}
	var newDefault string
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.before != nil {
				st.before()
			}
			if newDefault == "" {
				var l addressesResult
				call(t, c, "get_shipping_addresses", nil, &l)
				for _, a := range l.Addresses {
					if a.Default && a.AddressID != first {
						newDefault = a.AddressID
					}
				}
			}
			args := map[string]any{"idempotency_key": st.key}
			switch st.address {
			case "":
			case "$new":
				args["address_id"] = newDefault
			default:
				args["address_id"] = st.address
			}
			var r checkoutResult
			res := call(t, c, "checkout", args, &r)
			if st.want == "completed" {
				if res.IsError || r.Status != "completed" {
					t.Fatalf("got %s, want completed", text(res))
				}
				if id, ok := checkouts[st.key]; ok && id != r.CheckoutID {
					t.Errorf("checkout %s under %s, want the first one, %s", r.CheckoutID, st.key, id)
				}
				checkouts[st.key] = r.CheckoutID
			} else {
				checkKeyedAnswer(t, "checkout", res, false, st.want, false, false)
			}
			if n := s.charges(); n != st.charges {
				t.Errorf("%d charges, want %d", n, st.charges)
			}
		})
	}
}

// TestUnshownDialogKeyReturnsQuote: when the confirmation dialog cannot be shown, the
// quote waits for confirmation by quote_id, and that quote is what the call's
// idempotency_key returns next (no dialog again, no refusal, nothing said of the key
// keeping an answer), for purchase and checkout.
func TestUnshownDialogKeyReturnsQuote(t *testing.T) {
	for _, tool := range []string{"purchase", "checkout"} {
		t.Run(tool, func(t *testing.T) {
			s := newStorefront(t)
			var dialogs atomic.Int32
			c := s.clientWith(t, elicitFunc(func(context.Context, mcp.ElicitationRequest) (*mcp.ElicitationResult, error) {
				dialogs.Add(1)
				return nil, errors.New("this client shows no dialogs today")
			}), "2025-11-25")
			args := map[string]any{"idempotency_key": "q1"}
			if tool == "purchase" {
				args["product_id"] = demoProduct(t, 6000, 40000).ID
			} else {
				addToCart(t, c, "hh-cof-0004", "cy-hp-0001")
				s.setRules(t, store.NoLimit, store.NoLimit, 1_00)
			}
			var quote string
			for i, name := range []string{"first call", "the same key"} {
				t.Run(name, func(t *testing.T) {
					var p purchaseResult
					var co checkoutResult
					var r any = &p
					if tool == "checkout" {
						r = &co
					}
					res := call(t, c, tool, args, r)
					status, q := p.Status, p.QuoteID
					if tool == "checkout" {
						status, q = co.Status, co.QuoteID
					}
					if res.IsError || status != "confirmation_required" || q == "" || strings.Contains(text(res), "idempotency_key") {
						t.Fatalf("got %s (%s), want confirmation_required with a quote_id and no word of the key", status, text(res))
					}
					if i == 0 {
						quote = q
					} else if q != quote {
						t.Errorf("quote %s, want the first one, %s", q, quote)
					}
					if n := dialogs.Load(); n != 1 {
						t.Errorf("%d dialogs tried, want 1", n)
					}
				})
			}
			if n := s.charges(); n != 0 {
				t.Errorf("%d charges, want none", n)
			}
		})
	}
}
