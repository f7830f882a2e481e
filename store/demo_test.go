package store_test

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/store"
)

func TestSeedDemo(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c, err := s.SeedDemo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := store.Customer{ID: store.DemoCustomerID, Email: store.DemoCustomerEmail, Name: "Demo Shopper", CreatedAt: clock.Now()}
	if c != want {
		t.Fatalf("SeedDemo = %+v, want %+v", c, want)
	}
	pm, err := s.DefaultPaymentMethod(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(pm.CardID, "card_") {
		t.Errorf("demo card id %q, want one of ours", pm.CardID)
	}
	wantPM := store.PaymentMethod{ID: "pm_card_visa", CardID: pm.CardID, CustomerID: c.ID, Brand: "visa", Last4: "4242", ExpMonth: 12, ExpYear: 2030, Default: true, Mode: store.ModeSandbox, CreatedAt: clock.Now()}
	if pm != wantPM {
		t.Fatalf("demo payment method %+v, want %+v", pm, wantPM)
	}
	rules, err := s.Rules(ctx, c.ID)
	if err != nil || !reflect.DeepEqual(rules, store.DefaultRules()) {
		t.Fatalf("demo rules %+v, %v; want the defaults", rules, err)
	}

	// Seeding again returns the same customer and leaves the operator's changes alone.
	clock.Advance(time.Hour)
	if err := s.RemovePaymentMethod(ctx, c.ID, "pm_card_visa"); err != nil {
		t.Fatal(err)
	}
	again, err := s.SeedDemo(ctx)
	if err != nil || again != want {
		t.Fatalf("second SeedDemo = %+v, %v; want %+v", again, err, want)
	}
	if pms, _ := s.PaymentMethods(ctx, c.ID); len(pms) != 0 {
		t.Fatalf("second SeedDemo re-added payment methods: %+v", pms)
	}
}

func TestSeedDemoConcurrent(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := s.SeedDemo(ctx)
			if err == nil && c.ID != store.DemoCustomerID {
				t.Errorf("SeedDemo returned %+v", c)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	list, err := s.Customers(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("Customers = %+v, %v; want only the demo customer", list, err)
	}
}
