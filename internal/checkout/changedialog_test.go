package checkout_test

import (
	"context"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestChangeChoicesByDialog: a change quoted for the person's dialog is confirmed only
// by their answer: its quote_id alone is refused (confirmation_mismatch); another
// customer's or an altered state is invalid; yes applies it, and the same answer again
// changes nothing more; no declines it for good (its quote_id then answers declined);
// an unticked box lets its quote_id confirm it.
func TestChangeChoicesByDialog(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, envOpts{})
	id := e.subscribeRing(e.svc, e.ringPlan()).Subscription.ID
	quote := func() store.ChoicesChange {
		t.Helper()
		q, err := e.svc.ChangeSubscriptionChoices(ctx, checkout.ChangeChoicesRequest{CustomerID: e.customer, SubscriptionID: id,
			Choices: map[string]string{"ring_size": "9", "metal": "Silver"}, Personalization: "Bo", ConfirmVia: checkout.ViaElicitation})
		if err != nil || q.Change.ConfirmVia != checkout.ViaElicitation {
			t.Fatalf("quote for a dialog: %+v, %v", q, err)
		}
		return q.Change
	}
	other, err := e.st.CreateCustomer(ctx, store.Customer{Email: "other@example.com"})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("no", func(t *testing.T) {
		c := quote()
		_, err := e.confirmChange(e.svc, id, c.QuoteID)
		wantRefusal(t, err, checkout.RefusalConfirmationMismatch)
		state := e.svc.SealChoicesChange(c)
		_, err = e.svc.ConfirmSealedChange(ctx, other.ID, state, checkout.AnswerYes)
		wantRefusal(t, err, checkout.RefusalConfirmationInvalid)
		_, err = e.svc.ConfirmSealedChange(ctx, e.customer, state[:len(state)-2]+"AA", checkout.AnswerYes)
		wantRefusal(t, err, checkout.RefusalConfirmationInvalid)
		_, err = e.svc.ConfirmSealedChange(ctx, e.customer, state, checkout.AnswerNo)
		wantRefusal(t, err, checkout.RefusalDeclinedByPerson)
		_, err = e.confirmChange(e.svc, id, c.QuoteID)
		wantRefusal(t, err, checkout.RefusalDeclinedByPerson)
		if u := e.subscription(id); !u.Choices.Equal(size7) {
			t.Fatalf("declined: choices %+v", u.Choices)
		}
	})
	t.Run("unticked, then by quote_id", func(t *testing.T) {
		c := quote()
		out, err := e.svc.ConfirmSealedChange(ctx, e.customer, e.svc.SealChoicesChange(c), checkout.AnswerUnticked)
		if err != nil || out.Status != checkout.StatusConfirmationRequired || out.Change.ConfirmVia != checkout.ViaQuoteID {
			t.Fatalf("unticked: %+v, %v", out, err)
		}
		if u := e.subscription(id); !u.Choices.Equal(size7) {
			t.Fatalf("unticked: choices %+v", u.Choices)
		}
		if out, err := e.confirmChange(e.svc, id, c.QuoteID); err != nil || !out.Subscription.Choices.Equal(size9) {
			t.Fatalf("by quote_id after the unticked box: %+v, %v", out, err)
		}
	})
	t.Run("yes", func(t *testing.T) {
		back, err := e.svc.ChangeSubscriptionChoices(ctx, checkout.ChangeChoicesRequest{CustomerID: e.customer, SubscriptionID: id,
			Choices: map[string]string{"ring_size": "7", "metal": "Gold"}, Personalization: "Ana", ConfirmVia: checkout.ViaElicitation})
		if err != nil {
			t.Fatal(err)
		}
		state := e.svc.SealChoicesChange(back.Change)
		for _, round := range []string{"answered", "answered again"} {
			out, err := e.svc.ConfirmSealedChange(ctx, e.customer, state, checkout.AnswerYes)
			if err != nil || out.Status != checkout.StatusCompleted || !out.Subscription.Choices.Equal(size7) {
				t.Fatalf("%s: %+v, %v", round, out, err)
			}
		}
		if e.succeeded() != 1 {
			t.Fatalf("%d charges, want the first cycle's only", e.succeeded())
		}
	})
}
