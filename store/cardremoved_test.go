package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestApproveChecksTheCardIsOnFile: the approving transaction itself refuses a
// purchase whose card is no longer on file for its customer (ErrCardRemoved), so a
// removal that lands after any earlier check is never charged; nothing is approved
// and no order is made. A purchase naming no card is not the approval's to refuse.
func TestApproveChecksTheCardIsOnFile(t *testing.T) {
	for _, tc := range []struct {
		name    string
		card    string                                              // the purchase's PaymentMethod
		change  func(t *testing.T, s *store.Store, customer string) // between the choice of card and the approval
		wantErr error
	}{
		{"card on file", "pm_card_visa", nil, nil},
		{"card removed", "pm_card_visa", func(t *testing.T, s *store.Store, customer string) {
			if err := s.RemovePaymentMethod(context.Background(), customer, "pm_card_visa"); err != nil {
				t.Fatal(err)
			}
		}, store.ErrCardRemoved},
		{"card being removed", "pm_card_visa", func(t *testing.T, s *store.Store, customer string) {
			if _, err := s.StartRemovingPaymentMethod(context.Background(), customer, "pm_card_visa"); err != nil {
				t.Fatal(err)
			}
		}, store.ErrCardRemoved},
		{"card being removed, then back in use", "pm_card_visa", func(t *testing.T, s *store.Store, customer string) {
			mark, err := s.StartRemovingPaymentMethod(context.Background(), customer, "pm_card_visa")
			if err != nil {
				t.Fatal(err)
			}
			if err := s.StopRemovingPaymentMethod(context.Background(), customer, "pm_card_visa", mark); err != nil {
				t.Fatal(err)
			}
		}, nil},
		{"another customer's card", "pm_card_other", nil, store.ErrCardRemoved},
		{"no card named", "", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openTestStore(t)
			ctx := context.Background()
			c := mustCreateCustomer(t, s, "card@example.com")
			other := mustCreateCustomer(t, s, "other@example.com")
			for _, pm := range []store.PaymentMethod{
				{ID: "pm_card_visa", CustomerID: c.ID, Brand: "visa", Last4: "4242", Default: true},
				{ID: "pm_card_mastercard", CustomerID: c.ID, Brand: "mastercard", Last4: "4444"},
				{ID: "pm_card_other", CustomerID: other.ID, Brand: "visa", Last4: "1881", Default: true},
			} {
				if _, err := s.AddPaymentMethod(ctx, pm); err != nil {
					t.Fatal(err)
				}
			}
			p, _, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: c.ID, IdemKey: "k", ProductID: "p", Quantity: 1, Mode: "sandbox"})
			if err != nil {
				t.Fatal(err)
			}
			p.PaymentMethod, p.Total, p.Currency = tc.card, 1000, "USD"
			if tc.change != nil {
				tc.change(t, s, c.ID)
			}
			err = s.Approve(ctx, &p, store.PurchaseOpen)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("Approve = %v, want %v", err, tc.wantErr)
			}
			got, err := s.Purchase(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			orders, _, err := s.ListOrders(ctx, store.OrderFilter{CustomerID: c.ID})
			if err != nil {
				t.Fatal(err)
			}
			wantState, wantOrders := store.PurchaseApproved, 1
			if tc.wantErr != nil {
				wantState, wantOrders = store.PurchaseOpen, 0
			}
			if got.State != wantState || len(orders) != wantOrders {
				t.Errorf("after Approve: purchase %s with %d orders, want %s with %d", got.State, len(orders), wantState, wantOrders)
			}
		})
	}
}

// TestRemoveCardWhilePaying: a card paying a purchase under way (approved, or its token
// issued) is neither marked as being removed nor removed (ErrCardPaying, nothing
// changed); once that purchase is completed or failed it is. With the approval's check
// (above), a removal and an approval of a purchase with the card never interleave.
func TestRemoveCardWhilePaying(t *testing.T) {
	for _, tc := range []struct {
		name    string
		advance func(t *testing.T, s *store.Store, p *store.Purchase) // after the approval
		wantErr error
	}{
		{"approved", func(*testing.T, *store.Store, *store.Purchase) {}, store.ErrCardPaying},
		{"token issued", func(t *testing.T, s *store.Store, p *store.Purchase) {
			p.State = store.PurchaseTokenIssued
			if err := s.Advance(context.Background(), p, "token", "", store.PurchaseApproved); err != nil {
				t.Fatal(err)
			}
		}, store.ErrCardPaying},
		{"completed", func(t *testing.T, s *store.Store, p *store.Purchase) {
			p.State = store.PurchaseTokenIssued
			if err := s.Advance(context.Background(), p, "token", "", store.PurchaseApproved); err != nil {
				t.Fatal(err)
			}
			if err := s.Complete(context.Background(), p); err != nil {
				t.Fatal(err)
			}
		}, nil},
		{"failed", func(t *testing.T, s *store.Store, p *store.Purchase) {
			p.State = store.PurchaseFailed
			if err := s.Advance(context.Background(), p, "failed", "", store.PurchaseApproved); err != nil {
				t.Fatal(err)
			}
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openTestStore(t)
			ctx := context.Background()
			c := mustCreateCustomer(t, s, "paying@example.com")
			if _, err := s.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_card_visa", CustomerID: c.ID, Brand: "visa", Last4: "4242", Default: true}); err != nil {
				t.Fatal(err)
			}
			p, _, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: c.ID, IdemKey: "k", ProductID: "p", Quantity: 1, Mode: "sandbox"})
			if err != nil {
				t.Fatal(err)
			}
			p.PaymentMethod, p.Total, p.Currency = "pm_card_visa", 1000, "USD"
			if err := s.Approve(ctx, &p, store.PurchaseOpen); err != nil {
				t.Fatal(err)
			}
			tc.advance(t, s, &p)
			paying, err := s.CardPaying(ctx, c.ID, "pm_card_visa")
			if err != nil {
				t.Fatal(err)
			}
			if paying != (tc.wantErr != nil) {
				t.Errorf("CardPaying = %v", paying)
			}
			_, err = s.StartRemovingPaymentMethod(ctx, c.ID, "pm_card_visa")
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("StartRemovingPaymentMethod = %v, want %v", err, tc.wantErr)
			}
			if pms, err := s.PaymentMethods(ctx, c.ID); err != nil {
				t.Fatal(err)
			} else if marked := len(pms) == 0; marked != (tc.wantErr == nil) {
				t.Errorf("%d cards listed after StartRemovingPaymentMethod = %v", len(pms), tc.wantErr)
			}
			err = s.RemovePaymentMethod(ctx, c.ID, "pm_card_visa")
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("RemovePaymentMethod = %v, want %v", err, tc.wantErr)
			}
			if _, err := s.DefaultPaymentMethod(ctx, c.ID); errors.Is(err, store.ErrNotFound) == (tc.wantErr != nil) {
				t.Errorf("DefaultPaymentMethod after the removal: %v", err)
			}
			pms, err := s.PaymentMethods(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if kept := len(pms) == 1; kept != (tc.wantErr != nil) {
				t.Errorf("%d cards on file after the removal", len(pms))
			}
		})
	}
}

// TestCardBeingRemoved: a card marked as being removed is no longer listed, cannot be
// made the default and stays the default until its removal ends (what is paid with it
// is refused as removed: TestApproveChecksTheCardIsOnFile); recovery finds it once it
// has been marked long enough; taken back, it is in use again as it was; removed (or
// its default moved off it while it cannot be removed yet), the default moves to the
// most recent card not itself being removed.
func TestCardBeingRemoved(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "removing@example.com")
	for _, pm := range []store.PaymentMethod{
		{ID: "pm_card_visa", CustomerID: c.ID, Brand: "visa", Last4: "4242", Default: true},
		{ID: "pm_card_mastercard", CustomerID: c.ID, Brand: "mastercard", Last4: "4444"},
		{ID: "pm_card_amex", CustomerID: c.ID, Brand: "amex", Last4: "8431"},
	} {
		if _, err := s.AddPaymentMethod(ctx, pm); err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Minute)
	}
	listed := func() string {
		t.Helper()
		pms, err := s.PaymentMethods(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, pm := range pms {
			id := strings.TrimPrefix(pm.ID, "pm_card_")
			if pm.Default {
				id += "*"
			}
			ids = append(ids, id)
		}
		return strings.Join(ids, " ")
	}
	defaultCard := func() string {
		t.Helper()
		pm, err := s.DefaultPaymentMethod(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		return pm.ID
	}
	beingRemoved := func(before time.Time) []string {
		t.Helper()
		pms, err := s.PaymentMethodsBeingRemoved(ctx, before)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, pm := range pms {
			if pm.CustomerID != c.ID {
				t.Errorf("card %s of customer %s, want %s", pm.ID, pm.CustomerID, c.ID)
			}
			ids = append(ids, pm.ID)
		}
		return ids
	}

	marks := map[string]time.Time{}
	start := func(id string) error {
		mark, err := s.StartRemovingPaymentMethod(ctx, c.ID, id)
		if err == nil {
			marks[id] = mark
		}
		return err
	}
	for _, id := range []string{"pm_card_visa", "pm_card_amex"} {
		if err := start(id); err != nil {
			t.Fatal(err)
		}
	}
	marked := clock.Now()
	if got := listed(); got != "mastercard" {
		t.Errorf("listed while visa and amex are being removed: %q, want mastercard", got)
	}
	if got := defaultCard(); got != "pm_card_visa" {
		t.Errorf("default while being removed: %s, want pm_card_visa until its removal ends", got)
	}
	wantErr(t, s.SetDefaultPaymentMethod(ctx, c.ID, "pm_card_amex"), store.ErrNotFound)
	wantErr(t, start("pm_card_visa"), store.ErrNotFound) // its removal's own
	if got := beingRemoved(marked.Add(-time.Second)); len(got) != 0 {
		t.Errorf("being removed before they were marked: %v, want none", got)
	}
	if got := strings.Join(beingRemoved(marked), " "); got != "pm_card_visa pm_card_amex" {
		t.Errorf("being removed: %q, want both", got)
	}

	// Taken back (Stripe did not act): in use again as it was, the default still.
	wantErr(t, s.StopRemovingPaymentMethod(ctx, c.ID, "pm_card_visa", marks["pm_card_visa"]), nil)
	if got := listed(); got != "visa* mastercard" {
		t.Errorf("listed once visa is back in use: %q", got)
	}
	wantErr(t, start("pm_card_visa"), nil)
	// A removal that cannot end yet moves the default off it, past amex, itself being
	// removed, to mastercard; a card not being removed keeps its place.
	wantErr(t, s.StopRemovingPaymentMethod(ctx, c.ID, "pm_card_mastercard", marks["pm_card_visa"]), store.ErrNotFound)
	wantErr(t, s.MoveDefaultOffRemoving(ctx, c.ID, "pm_card_mastercard"), nil)
	if got := defaultCard(); got != "pm_card_visa" {
		t.Errorf("default after moving it off a card not being removed: %s, want pm_card_visa", got)
	}
	wantErr(t, s.MoveDefaultOffRemoving(ctx, c.ID, "pm_card_visa"), nil)
	if got := listed(); got != "mastercard*" {
		t.Errorf("listed once the default moved off visa: %q, want mastercard the default", got)
	}
	// Removed: the default stays on mastercard.
	wantErr(t, s.RemovePaymentMethod(ctx, c.ID, "pm_card_visa"), nil)
	if got := defaultCard(); got != "pm_card_mastercard" {
		t.Errorf("default after the removal: %s, want pm_card_mastercard (amex is being removed)", got)
	}
	if got := strings.Join(beingRemoved(clock.Now()), " "); got != "pm_card_amex" {
		t.Errorf("being removed after visa's removal: %q, want amex", got)
	}
	wantErr(t, s.RemovePaymentMethod(ctx, c.ID, "pm_card_amex"), nil)
	if got := listed(); got != "mastercard*" {
		t.Errorf("listed at the end: %q", got)
	}
	wantErr(t, start("pm_card_amex"), store.ErrNotFound)
	wantErr(t, s.StopRemovingPaymentMethod(ctx, c.ID, "pm_card_amex", marks["pm_card_amex"]), store.ErrNotFound) // nothing to take back
}

// TestRemovingPaymentMethodOwnsItsMark: a card's removal has one owner. A second
// removal of a card already being removed is refused (ErrNotFound, as for a card no
// longer on file), so that it never calls Stripe on a mark it could then take back
// while the first removal's detach is in flight or its outcome unknown. And taking a
// mark back puts a default back when the customer was left without one.
func TestRemovingPaymentMethodOwnsItsMark(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "owner@example.com")
	for _, pm := range []store.PaymentMethod{
		{ID: "pm_card_visa", CustomerID: c.ID, Brand: "visa", Last4: "4242", Default: true},
		{ID: "pm_card_amex", CustomerID: c.ID, Brand: "amex", Last4: "8431"},
	} {
		if _, err := s.AddPaymentMethod(ctx, pm); err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Minute)
	}
	defaultCard := func() string {
		t.Helper()
		pm, err := s.DefaultPaymentMethod(ctx, c.ID)
		if errors.Is(err, store.ErrNotFound) {
			return "none"
		} else if err != nil {
			t.Fatal(err)
		}
		return pm.ID
	}

	amex, err := s.StartRemovingPaymentMethod(ctx, c.ID, "pm_card_amex")
	wantErr(t, err, nil)
	_, err = s.StartRemovingPaymentMethod(ctx, c.ID, "pm_card_amex")
	wantErr(t, err, store.ErrNotFound)

	// The visa's removal cannot end (Stripe's answer lost): the default leaves it, and
	// the amex, being removed too, cannot take it.
	_, err = s.StartRemovingPaymentMethod(ctx, c.ID, "pm_card_visa")
	wantErr(t, err, nil)
	wantErr(t, s.MoveDefaultOffRemoving(ctx, c.ID, "pm_card_visa"), nil)
	if got := defaultCard(); got != "none" {
		t.Fatalf("default with every card being removed: %s, want none", got)
	}
	// The amex's removal is taken back (Stripe did not act): it is the one card in
	// use, so it is the default.
	wantErr(t, s.StopRemovingPaymentMethod(ctx, c.ID, "pm_card_amex", amex), nil)
	if got := defaultCard(); got != "pm_card_amex" {
		t.Errorf("default once the amex is back in use: %s, want pm_card_amex", got)
	}
}

// TestTakeOverRemovals: recovery takes over the removals marked before its cut-off,
// once: the removal that set a mark can no longer take it back (its detach may be
// under way in recovery), a younger mark stays its removal's own, and a second
// recovery finds nothing.
func TestTakeOverRemovals(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "takeover@example.com")
	for _, pm := range []store.PaymentMethod{
		{ID: "pm_card_visa", CustomerID: c.ID, Brand: "visa", Last4: "4242", Default: true},
		{ID: "pm_card_amex", CustomerID: c.ID, Brand: "amex", Last4: "8431"},
	} {
		if _, err := s.AddPaymentMethod(ctx, pm); err != nil {
			t.Fatal(err)
		}
	}
	visa, err := s.StartRemovingPaymentMethod(ctx, c.ID, "pm_card_visa")
	wantErr(t, err, nil)
	clock.Advance(time.Hour)
	amex, err := s.StartRemovingPaymentMethod(ctx, c.ID, "pm_card_amex")
	wantErr(t, err, nil)
	cutoff := clock.Now().Add(-3 * time.Minute)
	for i, want := range []string{"pm_card_visa", ""} {
		pms, err := s.TakeOverRemovals(ctx, cutoff)
		wantErr(t, err, nil)
		var ids []string
		for _, pm := range pms {
			ids = append(ids, pm.ID)
		}
		if got := strings.Join(ids, " "); got != want {
			t.Errorf("recovery %d took over %q, want %q", i+1, got, want)
		}
	}
	wantErr(t, s.StopRemovingPaymentMethod(ctx, c.ID, "pm_card_visa", visa), store.ErrNotFound)
	wantErr(t, s.StopRemovingPaymentMethod(ctx, c.ID, "pm_card_amex", amex), nil)
	pms, err := s.PaymentMethods(ctx, c.ID)
	wantErr(t, err, nil)
	if len(pms) != 1 || pms[0].ID != "pm_card_amex" {
		t.Errorf("cards in use %+v, want the amex alone (the visa stays being removed)", pms)
	}
}

// TestAddCardBeingRemoved: a card being removed is not put on file again (its
// removal, perhaps detached in Stripe already, is not taken back): refused
// ErrConflict, it stays being removed, and it does not become the default.
func TestAddCardBeingRemoved(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "readd@example.com")
	visa := store.PaymentMethod{ID: "pm_card_visa", CustomerID: c.ID, Brand: "visa", Last4: "4242", Default: true}
	if _, err := s.AddPaymentMethod(ctx, visa); err != nil {
		t.Fatal(err)
	}
	_, err := s.StartRemovingPaymentMethod(ctx, c.ID, "pm_card_visa")
	wantErr(t, err, nil)
	wantErr(t, s.MoveDefaultOffRemoving(ctx, c.ID, "pm_card_visa"), nil) // its answer lost: no default left
	_, err = s.AddPaymentMethod(ctx, visa)
	wantErr(t, err, store.ErrConflict)
	if _, err := s.DefaultPaymentMethod(ctx, c.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("default after adding the card being removed again: %v, want none", err)
	}
	if pms, err := s.PaymentMethodsBeingRemoved(ctx, time.Now().Add(24*time.Hour*365*10)); err != nil || len(pms) != 1 {
		t.Errorf("being removed: %v, %v; want the visa still", pms, err)
	}
}
