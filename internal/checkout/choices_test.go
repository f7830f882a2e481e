package checkout_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// ring adds to e's catalog a demo product that asks for a ring size and a metal and a
// required engraving, and returns it.
func (e *env) ring() catalog.Product {
	e.t.Helper()
	ctx := context.Background()
	p := e.product(1000, 4000)
	p.ID, p.Title, p.GroupID, p.GTIN = "RING-7", "Hammered Band Ring", "", ""
	p.Attributes = map[string]string{"ring_size": "5, 6, 7, 8, 9", "metal": "Silver, Gold",
		catalog.AttrChoices: "ring_size, metal", catalog.AttrPersonalization: "required"}
	sellers, err := e.cat.Sellers(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.cat.Upsert(ctx, sellers, []catalog.Product{p}); err != nil {
		e.t.Fatal(err)
	}
	return p
}

var size7 = store.Choices{Options: []store.Choice{{Name: "ring_size", Value: "7"}, {Name: "metal", Value: "Gold"}}, Personalization: "Ana"}

// sellerLines are the lines the reference seller holds for the session of order o.
func (e *env) sellerLines(o store.Order) []acp.LineItem {
	e.t.Helper()
	ctx := context.Background()
	sel, err := e.cat.Seller(ctx, o.SellerID)
	if err != nil {
		e.t.Fatal(err)
	}
	cl, _, err := e.sb.Client(sel)
	if err != nil {
		e.t.Fatal(err)
	}
	cs, err := cl.Get(ctx, o.SessionID)
	if err != nil {
		e.t.Fatalf("seller's session: %v", err)
	}
	return cs.LineItems
}

// checkChoices fails the test unless the customer's one order, its line and the
// seller's session carry size 7, Gold and "Ana".
func (e *env) checkChoices(t *testing.T, seller bool) store.Order {
	t.Helper()
	orders, _, err := e.st.ListOrders(context.Background(), store.OrderFilter{CustomerID: e.customer})
	if err != nil || len(orders) != 1 || orders[0].Status != store.OrderCompleted {
		t.Fatalf("orders = %+v, %v; want one completed", orders, err)
	}
	o := orders[0]
	if len(o.Lines) != 1 || !o.Lines[0].Choices.Equal(size7) {
		t.Fatalf("order lines %+v, want the choices %+v", o.Lines, size7)
	}
	if seller {
		ls := e.sellerLines(o)
		if len(ls) != 1 || len(ls[0].VariantOptions) != 2 || ls[0].VariantOptions[0].Value != "7" || len(ls[0].CustomAttributes) != 1 || ls[0].CustomAttributes[0].Value != "Ana" {
			t.Fatalf("the seller's lines %+v", ls)
		}
	}
	return o
}

// TestChoicesSurviveRestart: a quote for size 7 with "Ana" engraved, confirmed after a
// restart whose sellers forgot its session (a new session is opened for the
// confirmation), still buys size 7 with "Ana"; so does a purchase killed after the
// seller completed it, settled by recovery.
func TestChoicesSurviveRestart(t *testing.T) {
	ask := map[string]string{"ring_size": "7.0", "metal": "gold"}
	t.Run("quoted, restarted, confirmed", func(t *testing.T) {
		e := newEnv(t, envOpts{})
		e.confirmAbove(t, 1)
		p := e.ring()
		ctx := context.Background()
		out, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1, Choices: ask, Personalization: "Ana"})
		if err != nil || out.Status != checkout.StatusConfirmationRequired || !out.Purchase.Choices.Equal(size7) {
			t.Fatalf("quote: %+v, %v", out, err)
		}
		e.restartSandbox()
		e.svc = e.service()
		done, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, QuoteID: out.Purchase.QuoteID})
		if err != nil || done.Status != checkout.StatusCompleted {
			t.Fatalf("confirmation after the restart: %+v, %v", done, err)
		}
		if o := e.checkChoices(t, true); o.SessionID == out.Purchase.SessionID {
			t.Fatal("the forgotten session was used")
		}
	})
	t.Run("killed after the seller completed, recovered", func(t *testing.T) {
		e := newEnv(t, envOpts{config: func(c *checkout.Config) { c.Fault = failAt("seller_completed") }})
		p := e.ring()
		ctx := context.Background()
		if _, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1, Choices: ask, Personalization: "Ana"}); err == nil {
			t.Fatal("the injected crash did not stop the purchase")
		}
		e.cfg.Fault = nil
		if rep, err := e.service().Recover(ctx, 0); err != nil || rep.Unsettled != 0 {
			t.Fatalf("recover: %+v, %v", rep, err)
		}
		e.checkChoices(t, true)
		if e.succeeded() != 1 {
			t.Fatalf("%d charges", e.succeeded())
		}
	})
}

// TestSealedDialogBindsChoices: a genuine dialog state sealed for the quote with other
// choices than the quote's (the dialog showed size 9) confirms nothing; the state
// sealed for the quote as it is buys it.
func TestSealedDialogBindsChoices(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.confirmAbove(t, 1)
	p := e.ring()
	ctx := context.Background()
	out, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1,
		Choices: map[string]string{"ring_size": "7", "metal": "Gold"}, Personalization: "Ana", ConfirmVia: checkout.ViaElicitation})
	if err != nil || out.Status != checkout.StatusConfirmationRequired {
		t.Fatalf("quote: %+v, %v", out, err)
	}
	other := out.Purchase
	other.Lines = append([]store.Line(nil), other.Lines...)
	other.Lines[0].Choices = store.Choices{Options: []store.Choice{{Name: "ring_size", Value: "9"}, {Name: "metal", Value: "Gold"}}, Personalization: "Ana"}
	_, err = e.svc.ConfirmSealed(ctx, e.customer, e.svc.Seal(other), checkout.AnswerYes)
	wantRefusal(t, err, checkout.RefusalConfirmationInvalid)
	if e.succeeded() != 0 {
		t.Fatal("a dialog for size 9 bought")
	}
	done, err := e.svc.ConfirmSealed(ctx, e.customer, e.svc.Seal(out.Purchase), checkout.AnswerYes)
	if err != nil || done.Status != checkout.StatusCompleted {
		t.Fatalf("the quote's own dialog: %+v, %v", done, err)
	}
	e.checkChoices(t, false)
}

// TestChoiceRefusals: each wrong choice is refused before anything is recorded, with
// its code and what is offered.
func TestChoiceRefusals(t *testing.T) {
	e := newEnv(t, envOpts{})
	p := e.ring()
	ctx := context.Background()
	for _, tc := range []struct {
		name    string
		choices map[string]string
		pers    string
		code    checkout.RefusalCode
		offered string
	}{
		{"a size not offered", map[string]string{"ring_size": "12", "metal": "Gold"}, "Ana", checkout.RefusalChoiceNotOffered, "5, 6, 7, 8, 9"},
		{"no metal", map[string]string{"ring_size": "7"}, "Ana", checkout.RefusalChoiceMissing, "Silver, Gold"},
		{"an option it lacks", map[string]string{"ring_size": "7", "metal": "Gold", "stone": "ruby"}, "Ana", checkout.RefusalChoiceUnknown, "ring_size, metal"},
		{"no engraving", map[string]string{"ring_size": "7", "metal": "Gold"}, "", checkout.RefusalPersonalizationMissing, ""},
		{"an engraving too long", map[string]string{"ring_size": "7", "metal": "Gold"}, strings.Repeat("a", catalog.MaxPersonalization+1), checkout.RefusalPersonalizationTooLong, ""},
		{"a control character in the engraving", map[string]string{"ring_size": "7", "metal": "Gold"}, "An\x07a", checkout.RefusalPersonalizationInvalid, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1, Choices: tc.choices,
				Personalization: tc.pers, IdempotencyKey: "k-" + tc.name})
			ref := wantRefusal(t, err, tc.code)
			if ref.Params.Offered != tc.offered || ref.Params.ProductID != p.ID {
				t.Errorf("params %+v, want offered %q", ref.Params, tc.offered)
			}
			if _, err := e.st.PurchaseByKey(ctx, e.customer, "k-"+tc.name); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("a refused choice was recorded: %v", err)
			}
		})
	}
}

// ringPlan adds to e's catalog a monthly subscription to a ring (a ring a month, as a
// jeweller's club sells them) that asks for a size, a metal and an engraving, as
// e.ring does, and returns it.
func (e *env) ringPlan() catalog.Product {
	e.t.Helper()
	p := e.product(1000, 4000)
	p.ID, p.Title, p.GroupID, p.GTIN = "RING-CLUB-1", "Ring of the Month", "", ""
	p.Billing = &catalog.Billing{Interval: catalog.Month, Every: 1}
	p.Attributes = map[string]string{"ring_size": "5, 6, 7, 8, 9", "metal": "Silver, Gold",
		catalog.AttrChoices: "ring_size, metal", catalog.AttrPersonalization: "required"}
	e.upsert(p)
	return p
}

func (e *env) upsert(ps ...catalog.Product) {
	e.t.Helper()
	ctx := context.Background()
	sellers, err := e.cat.Sellers(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.cat.Upsert(ctx, sellers, ps); err != nil {
		e.t.Fatal(err)
	}
}

// subscribeRing quotes the ring plan in size 7, Gold, "Ana" (asked as 7.0 and gold)
// and confirms it; the first cycle is paid at once.
func (e *env) subscribeRing(svc *checkout.Service, p catalog.Product) checkout.SubscriptionOutcome {
	e.t.Helper()
	ctx := context.Background()
	q, err := svc.Subscribe(ctx, checkout.SubscribeRequest{CustomerID: e.customer, ProductID: p.ID, Quantity: 1,
		Choices: map[string]string{"Ring Size": "7.0", "metal": "gold"}, Personalization: "Ana"})
	if err != nil || q.Status != checkout.StatusConfirmationRequired || !q.Subscription.Choices.Equal(size7) {
		e.t.Fatalf("quote: %+v, %v", q, err)
	}
	out, err := svc.Subscribe(ctx, checkout.SubscribeRequest{CustomerID: e.customer, QuoteID: q.Subscription.QuoteID})
	if err != nil || out.Status != checkout.StatusCompleted || out.First == nil || out.First.Status != checkout.RenewPaid {
		e.t.Fatalf("confirm: %+v, %v", out, err)
	}
	return out
}

// TestSubscriptionCarriesChoices: subscribe checks a ring plan's choices as purchase
// does (each refusal, nothing recorded or charged), a confirmation for other choices
// is refused, and the confirmed subscription's first order, and after a restart (the
// store reopened from its file, the sellers' memory gone) its next cycle's order,
// reach the seller with size 7, Gold and "Ana"; the engraving is in no log line.
func TestSubscriptionCarriesChoices(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	p := e.ringPlan()
	for _, tc := range []struct {
		name    string
		choices map[string]string
		pers    string
		want    checkout.RefusalCode
	}{
		{"nothing chosen", nil, "", checkout.RefusalChoiceMissing},
		{"a size not offered", map[string]string{"ring_size": "12", "metal": "Gold"}, "Ana", checkout.RefusalChoiceNotOffered},
		{"an option it does not have", map[string]string{"ring_size": "7", "metal": "Gold", "stone": "Ruby"}, "Ana", checkout.RefusalChoiceUnknown},
		{"no engraving", map[string]string{"ring_size": "7", "metal": "Gold"}, "", checkout.RefusalPersonalizationMissing},
	} {
		_, err := e.svc.Subscribe(ctx, checkout.SubscribeRequest{CustomerID: e.customer, ProductID: p.ID, Quantity: 1, Choices: tc.choices, Personalization: tc.pers})
		wantRefusal(t, err, tc.want)
	}
	if subs, err := e.st.Subscriptions(ctx, e.customer); err != nil || len(subs) != 0 || e.succeeded() != 0 {
		t.Fatalf("after the refusals: %d subscriptions (%v), %d charges", len(subs), err, e.succeeded())
	}
	q, err := e.svc.Subscribe(ctx, checkout.SubscribeRequest{CustomerID: e.customer, ProductID: p.ID, Quantity: 1,
		Choices: map[string]string{"ring_size": "7", "metal": "Gold"}, Personalization: "Ana"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.Subscribe(ctx, checkout.SubscribeRequest{CustomerID: e.customer, QuoteID: q.Subscription.QuoteID,
		Choices: map[string]string{"ring_size": "9", "metal": "Gold"}, Personalization: "Ana"})
	if ref := wantRefusal(t, err, checkout.RefusalQuoteMismatch); ref.Params.Chosen == nil || !ref.Params.Chosen.Equal(size7) {
		t.Fatalf("mismatch params %+v", ref.Params)
	}
	// The same choices however spelt confirm it.
	out, err := e.svc.Subscribe(ctx, checkout.SubscribeRequest{CustomerID: e.customer, QuoteID: q.Subscription.QuoteID,
		Choices: map[string]string{"RING_SIZE": "7.0", "metal": "gold"}, Personalization: "Ana"})
	if err != nil || out.First == nil || out.First.Status != checkout.RenewPaid {
		t.Fatalf("confirm: %+v, %v", out, err)
	}
	e.checkChoices(t, true)

	// Restart: a new store handle on the file, a new sandbox (the sellers forgot
	// everything), a new service.
	e.restartSandbox()
	svc := e.otherServer()
	if u, err := e.st.Subscription(ctx, e.customer, out.Subscription.ID); err != nil || !u.Choices.Equal(size7) {
		t.Fatalf("the subscription read back: %+v, %v", u.Choices, err)
	}
	e.clock.Advance(month)
	if rep := e.renew(svc, 3); rep.Paid != 1 || rep.Paused+rep.Errors != 0 {
		t.Fatalf("renewal after the restart: %+v", rep)
	}
	orders, _, err := e.st.ListOrders(ctx, store.OrderFilter{CustomerID: e.customer})
	if err != nil || len(orders) != 2 || e.succeeded() != 1 { // the new sandbox saw the renewal's charge only
		t.Fatalf("%d orders (%v), %d charges since the restart; want 2 orders, 1 charge", len(orders), err, e.succeeded())
	}
	for _, o := range orders {
		if o.Status != store.OrderCompleted || len(o.Lines) != 1 || !o.Lines[0].Choices.Equal(size7) {
			t.Errorf("order %s: %s, lines %+v", o.ID, o.Status, o.Lines)
		}
	}
	renewed := orders[0]
	if renewed.ID == out.First.Order.ID {
		renewed = orders[1]
	}
	if ls := e.sellerLines(renewed); len(ls) != 1 || len(ls[0].VariantOptions) != 2 || ls[0].VariantOptions[0].Value != "7" ||
		ls[0].VariantOptions[1].Value != "Gold" || len(ls[0].CustomAttributes) != 1 || ls[0].CustomAttributes[0].Value != "Ana" {
		t.Fatalf("the seller's lines of the renewal: %+v", ls)
	}
	if strings.Contains(e.logs.String(), "Ana") {
		t.Error("the engraving reached a log line")
	}
}

// TestRenewalChoicesNoLongerOffered: a ring plan subscribed in size 7, Gold, "Ana"
// whose product then changes is not charged at its next renewal when the product no
// longer takes those choices: the subscription pauses with choices_changed naming
// what changed (no personalisation text in it). A change that still takes them (a
// size added, the metal spelt in capitals) renews as before.
func TestRenewalChoicesNoLongerOffered(t *testing.T) {
	for _, tc := range []struct {
		name    string
		change  func(a map[string]string)
		problem catalog.ChoiceProblem // "" for a renewal that is paid
		option  string
		value   string
	}{
		{"size dropped", func(a map[string]string) { a["ring_size"] = "5, 6, 8, 9" }, catalog.ChoiceNotOffered, "ring_size", "7"},
		{"option added", func(a map[string]string) {
			a["stone"] = "Ruby, Opal"
			a[catalog.AttrChoices] = "ring_size, metal, stone"
		}, catalog.ChoiceMissing, "stone", ""},
		{"option dropped", func(a map[string]string) { a[catalog.AttrChoices] = "ring_size" }, catalog.ChoiceUnknown, "", "metal"},
		{"engraving no longer taken", func(a map[string]string) { delete(a, catalog.AttrPersonalization) }, catalog.PersonalizationNotTaken, "", ""},
		{"engraving limit lowered", func(a map[string]string) { a[catalog.AttrPersonalizationMax] = "2" }, catalog.PersonalizationTooLong, "", ""},
		{"size added, metal respelt", func(a map[string]string) {
			a["ring_size"] = "5, 6, 7, 7.5, 8, 9"
			a["metal"] = "SILVER, GOLD"
		}, "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			ctx := context.Background()
			p := e.ringPlan()
			out := e.subscribeRing(e.svc, p)
			tc.change(p.Attributes)
			e.upsert(p)
			e.clock.Advance(month)
			rep := e.renew(e.svc, 3)
			u := e.subscription(out.Subscription.ID)
			if tc.problem == "" {
				if rep.Paid != 1 || e.succeeded() != 2 || u.State != store.SubscriptionActive {
					t.Fatalf("renewal %+v, %d charges, %s", rep, e.succeeded(), u.State)
				}
				return
			}
			if rep.Paused != 1 || rep.Paid != 0 || e.succeeded() != 1 {
				t.Fatalf("renewal %+v with %d charges; want paused, none more", rep, e.succeeded())
			}
			ref := checkout.PauseRefusal(u)
			if u.State != store.SubscriptionPaused || ref == nil || ref.Code != checkout.RefusalChoicesChanged {
				t.Fatalf("subscription %s, pause %+v", u.State, ref)
			}
			if got := ref.Params; got.ChoiceProblem != string(tc.problem) || got.Option != tc.option || got.AskedValue != tc.value ||
				got.QuoteID != u.ID || got.ProductID != p.ID {
				t.Errorf("pause params %+v", got)
			}
			if strings.Contains(u.PauseParams, "Ana") {
				t.Errorf("the engraving was recorded with the pause: %s", u.PauseParams)
			}
			// Resuming tries the cycle again: still refused, nothing charged.
			if _, err := e.svc.ResumeSubscription(ctx, e.customer, u.ID, checkout.ViaQuoteID); err != nil {
				t.Fatal(err)
			}
			if u := e.subscription(u.ID); u.State != store.SubscriptionPaused || e.succeeded() != 1 {
				t.Errorf("after resuming: %s, %d charges", u.State, e.succeeded())
			}
		})
	}
}

// TestNotOfferedListsValuesWithCommas: a refusal lists an option's values so that each
// reads back whole: ", " between them, "; " when a value holds a comma (a shoe in
// "10, wide" and "10, narrow").
func TestNotOfferedListsValuesWithCommas(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	shoe, boot := e.product(1000, 4000), e.product(1000, 4000)
	shoe.ID, shoe.Title, shoe.GroupID, shoe.GTIN = "SHOE-W", "Derby Shoe", "", ""
	shoe.Attributes = map[string]string{catalog.AttrChoices: "size", "size": `10\, wide, 10\, narrow`}
	boot.ID, boot.Title, boot.GroupID, boot.GTIN = "BOOT-1", "Chelsea Boot", "", ""
	boot.Attributes = map[string]string{catalog.AttrChoices: "size", "size": "9, 10"}
	e.upsert(shoe, boot)
	for _, tc := range []struct {
		product, want string
	}{
		{shoe.ID, "10, wide; 10, narrow"},
		{boot.ID, "9, 10"},
	} {
		_, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: tc.product, Quantity: 1, Choices: map[string]string{"size": "10"}})
		if tc.product == boot.ID {
			_, err = e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: tc.product, Quantity: 1, Choices: map[string]string{"size": "11"}})
		}
		if ref := wantRefusal(t, err, checkout.RefusalChoiceNotOffered); ref.Params.Offered != tc.want {
			t.Errorf("%s: offered %q, want %q", tc.product, ref.Params.Offered, tc.want)
		}
	}
	out, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: shoe.ID, Quantity: 1, Choices: map[string]string{"size": "10,wide"}})
	if err != nil || len(out.Purchase.Choices.Options) != 1 || out.Purchase.Choices.Options[0].Value != "10, wide" {
		t.Fatalf("size 10, wide: %+v, %v", out.Purchase.Choices, err)
	}
}

// TestRenewalOfPlanThatGainedChoices: a subscription made without choices to a plan
// that later asks for some (its seller added a size) is not renewed without them: the
// renewal is refused (choices_changed, missing), nothing charged.
func TestRenewalOfPlanThatGainedChoices(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	out := e.subscribe(coffeePlan, 1)
	p, err := e.cat.Product(ctx, coffeePlan)
	if err != nil {
		t.Fatal(err)
	}
	p.Attributes[catalog.AttrChoices], p.Attributes["grind"] = "grind", "Whole bean, Espresso, Filter"
	e.upsert(p)
	e.clock.Advance(month)
	if rep := e.renew(e.svc, 3); rep.Paused != 1 || e.succeeded() != 1 {
		t.Fatalf("renewal %+v, %d charges; want paused, only the first charge", rep, e.succeeded())
	}
	u := e.subscription(out.Subscription.ID)
	if ref := checkout.PauseRefusal(u); ref == nil || ref.Code != checkout.RefusalChoicesChanged ||
		ref.Params.ChoiceProblem != string(catalog.ChoiceMissing) || ref.Params.Option != "grind" {
		t.Fatalf("pause %+v", ref)
	}
}
