package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// soakSnapshot is what the soak's end reads: the store's rows, what the Stripe
// emulator shows, and every process's output.
type soakSnapshot struct {
	purchases []soakPurchase
	orders    []soakOrder
	cycles    []soakCycle
	carts     []soakCart
	cartLines map[string]int      // customer|product → quantity in the cart
	adds      map[string]soakAdds // customer|product → what the clients added
	charges   []soakCharge
	tokens    map[string]soakToken // every token the emulator issued, by id
	outputs   []soakOutput
	secrets   []string // made-up keys and tokens no output may show
	personal  []string // personal data (addresses) no log may show; tool results may
}

type soakPurchase struct {
	id, customer, key, state, session, token, failure, checkout string
	total, tokenExpires                                         int64
	charged                                                     bool
	// held: the journal records a possible authorization hold (token_held): the
	// purchase waits, with that reason, until Stripe or the seller tells, or 31 days.
	held  bool
	lines []struct {
		ProductID string `json:"product_id"`
		Quantity  int
	}
}

// soakAdds is what the clients added of one product to one customer's cart: units
// whose add_to_cart answered, and units whose call was cut off (applied or not).
type soakAdds struct{ ok, unknown int }

type soakOrder struct {
	id, purchase, status string
	total                int64
}

type soakCycle struct {
	subscription, state, order string
	cycle                      int
}

type soakCart struct{ customer, checkout, checkoutState string }

type soakCharge struct {
	id, seller, status, session string
	amount, received            int64
}

type soakToken struct {
	status, reason string
	max, expires   int64 // max_amount, and expires_at in Unix seconds
}

type soakOutput struct {
	name           string
	stdio, killed  bool
	stdout, stderr string
}

// unfinished counts the purchases still under way (neither terminal nor waiting for
// the person's confirmation).
func (s *soakSnapshot) unfinished() int {
	n := 0
	for _, p := range s.purchases {
		if !p.waits() {
			n++
		}
	}
	return n
}

// waits reports whether p is settled or clearly waiting with a reason: terminal, quoted
// (for the person's confirmation), or pending on a possible hold.
func (p soakPurchase) waits() bool {
	return store.Terminal(store.PurchaseState(p.state)) || p.state == string(store.PurchaseQuoted) ||
		(p.held && p.state == string(store.PurchaseTokenIssued))
}

// tokenIDs are the payment tokens the store names, each once.
func (s *soakSnapshot) tokenIDs() []string {
	var ids []string
	for _, p := range s.purchases {
		if p.token != "" && !slices.Contains(ids, p.token) {
			ids = append(ids, p.token)
		}
	}
	return ids
}

// secretShapes are what a key, a payment token, a bearer token or a card number look
// like; the emulator's masked ids ("spt_…") do not match.
var secretShapes = regexp.MustCompile(`\b(sk|rk)_(test|live)_[A-Za-z0-9_]{4,}|\bspt_[A-Za-z0-9]{4,}|\bcmcp_[A-Za-z0-9_-]{8,}|\b4242 ?4242 ?4242 ?4242\b`)

// checkSoak returns every broken invariant of a soak's end, each as one sentence.
func checkSoak(s *soakSnapshot) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	bySession := map[string][]soakPurchase{}
	purchaseByID := map[string]soakPurchase{}
	for _, p := range s.purchases {
		purchaseByID[p.id] = p
		if p.session != "" {
			bySession[p.session] = append(bySession[p.session], p)
		}
	}
	orderOf := map[string]soakOrder{}
	for _, o := range s.orders {
		orderOf[o.purchase] = o
	}

	// Money: every charge is one order's, paid once.
	charged := map[string]int{} // session → successful charges
	for _, c := range s.charges {
		if c.received == 0 {
			continue // declined, held or released: no money moved
		}
		charged[c.session]++
		ps := bySession[c.session]
		switch {
		case c.session == "":
			bad("charge %s of %d at %s names no checkout session", c.id, c.received, c.seller)
			continue
		case len(ps) == 0:
			bad("charge %s of %d (session %s) has no purchase", c.id, c.received, c.session)
			continue
		case len(ps) > 1:
			bad("charge %s (session %s) matches %d purchases", c.id, c.session, len(ps))
		}
		p := ps[0]
		o, hasOrder := orderOf[p.id]
		switch {
		case p.state != string(store.PurchaseCompleted):
			bad("charge %s of %d: its purchase %s is %s (%s), not completed: charged without an order", c.id, c.received, p.id, p.state, p.failure)
		case !hasOrder || o.status == string(store.OrderFailed) || o.status == string(store.OrderPending):
			bad("charge %s of %d: purchase %s completed but its order is %q", c.id, c.received, p.id, o.status)
		}
		if c.received != p.total {
			bad("charge %s took %d, purchase %s's total is %d", c.id, c.received, p.id, p.total)
		}
	}
	for session, n := range charged {
		if n > 1 {
			bad("session %s charged %d times", session, n)
		}
	}
	for _, p := range s.purchases {
		if p.state == string(store.PurchaseCompleted) && p.total > 0 && charged[p.session] == 0 {
			bad("purchase %s completed (total %d) with no charge at Stripe", p.id, p.total)
		}
		if o, ok := orderOf[p.id]; ok && o.status == string(store.OrderCompleted) && p.state != string(store.PurchaseCompleted) {
			bad("order %s completed for purchase %s in state %s", o.id, p.id, p.state)
		}
	}

	// Every purchase settled, or waiting for the person.
	for _, p := range s.purchases {
		if !p.waits() {
			bad("purchase %s (%s) still %s after recovery settled", p.id, p.key, p.state)
		}
	}

	// Every payment token issued is used or revoked; every one the store names was issued.
	for _, id := range slices.Sorted(maps.Keys(s.tokens)) {
		if tok := s.tokens[id]; tok.status != "deactivated" {
			bad("payment token of purchase %s is still %s%s", ownerOf(s.purchases, id), tok.status, likelyOwner(s.purchases, id, tok))
		}
	}
	for _, id := range s.tokenIDs() {
		if _, ok := s.tokens[id]; !ok {
			bad("payment token of purchase %s is unknown to the emulator", ownerOf(s.purchases, id))
		}
	}

	// One charge per subscription cycle.
	cycleCharges := map[string]int{}
	for _, p := range s.purchases {
		parts := strings.Split(p.key, "/")
		if len(parts) == 4 && parts[0] == "sub" && charged[p.session] > 0 && p.session != "" {
			cycleCharges[parts[1]+"/"+parts[2]]++
		}
	}
	for cycle, n := range cycleCharges {
		if n > 1 {
			bad("subscription cycle %s charged %d times", cycle, n)
		}
	}
	for _, c := range s.cycles {
		if c.state == "paid" {
			if p, ok := purchaseOfOrder(s, c.order); !ok || charged[p.session] != 1 {
				bad("subscription %s cycle %d paid by order %q without one charge", c.subscription, c.cycle, c.order)
			}
		}
	}

	// Carts: none left held by a checkout that will never finish.
	for _, c := range s.carts {
		if c.checkout != "" && (c.checkoutState == string(store.CheckoutOpen) || c.checkoutState == string(store.CheckoutPaying)) {
			bad("the cart of %s is held by checkout %s, still %s", c.customer, c.checkout, c.checkoutState)
		}
	}

	// Carts: what is in them and what checkouts bought from them is what was added.
	bought := map[string]int{}
	for _, p := range s.purchases {
		if p.checkout != "" && p.state == string(store.PurchaseCompleted) {
			for _, l := range p.lines {
				bought[p.customer+"|"+l.ProductID] += l.Quantity
			}
		}
	}
	keys := slices.Collect(maps.Keys(s.adds))
	keys = append(keys, slices.Collect(maps.Keys(s.cartLines))...)
	keys = append(keys, slices.Collect(maps.Keys(bought))...)
	slices.Sort(keys)
	for _, k := range slices.Compact(keys) {
		a, have := s.adds[k], s.cartLines[k]+bought[k]
		if have < a.ok || have > a.ok+a.unknown {
			bad("cart line %s: %d added (and %d perhaps), but %d in the cart and %d bought by checkouts", k, a.ok, a.unknown, s.cartLines[k], bought[k])
		}
	}

	// Outputs: stdout over stdio is JSON-RPC only; no secret in any output.
	for _, o := range s.outputs {
		if o.stdio {
			lines := strings.SplitAfter(o.stdout, "\n")
			for i, line := range lines {
				if line == "" {
					continue
				}
				if !strings.HasSuffix(line, "\n") && o.killed && i == len(lines)-1 {
					continue // cut off by the kill
				}
				var m struct {
					JSONRPC string `json:"jsonrpc"`
				}
				if json.Unmarshal([]byte(line), &m) != nil || m.JSONRPC != "2.0" {
					bad("%s wrote a line on stdout that is not JSON-RPC: %.80q", o.name, line)
				}
			}
		}
		for _, crash := range []string{"WARNING: DATA RACE", "panic: ", "fatal error: "} {
			if strings.Contains(o.stderr, crash) {
				bad("%s's stderr shows %q", o.name, crash)
			}
		}
		for i, out := range []string{o.stdout, o.stderr} {
			for _, secret := range s.secrets {
				if secret != "" && strings.Contains(out, secret) {
					bad("%s's output shows a secret (%.6s…)", o.name, secret)
				}
			}
			for _, datum := range s.personal {
				if i == 1 && datum != "" && strings.Contains(out, datum) {
					bad("%s's log shows personal data (%.6s…)", o.name, datum)
				}
			}
			if m := secretShapes.FindString(out); m != "" {
				bad("%s's output shows something shaped like a secret (%.6s…)", o.name, m)
			}
		}
	}
	return problems
}

func ownerOf(ps []soakPurchase, token string) string {
	for _, p := range ps {
		if p.token == token {
			return p.id
		}
	}
	return "(none: the store does not name it)"
}

// likelyOwner names the purchases that a token the store does not name may be of: those
// with its amount and expiry.
func likelyOwner(ps []soakPurchase, id string, tok soakToken) string {
	if slices.ContainsFunc(ps, func(p soakPurchase) bool { return p.token == id }) {
		return ""
	}
	var who []string
	for _, p := range ps {
		if p.total == tok.max && p.tokenExpires == tok.expires {
			who = append(who, fmt.Sprintf("%s (%s, %s, %s)", p.id, p.key, p.state, p.failure))
		}
	}
	return fmt.Sprintf(" (max %d, expires %d; issued for %v)", tok.max, tok.expires, who)
}

func purchaseOfOrder(s *soakSnapshot, order string) (soakPurchase, bool) {
	for _, o := range s.orders {
		if o.id == order {
			for _, p := range s.purchases {
				if p.id == o.purchase {
					return p, true
				}
			}
		}
	}
	return soakPurchase{}, false
}

// TestSoakInvariants shows each of the soak's checks failing on a snapshot broken in
// its way, and passing on a sound one.
func TestSoakInvariants(t *testing.T) {
	t.Parallel()
	sound := func() *soakSnapshot {
		return &soakSnapshot{
			purchases: []soakPurchase{
				{id: "pur_1", key: "k1", state: "completed", session: "cs_1", token: "spt_aaaa1111", total: 1500, charged: true},
				{id: "pur_2", key: "k2", state: "failed", session: "cs_2", token: "spt_bbbb2222", total: 900},
				{id: "pur_3", key: "k3", state: "quoted", session: "cs_3", total: 4000},
				{id: "pur_6", customer: "cus_demo", key: "chk_1/nw", state: "completed", checkout: "chk_1", session: "cs_6", token: "spt_ffff6666",
					total: 500, lines: []struct {
						ProductID string `json:"product_id"`
						Quantity  int
					}{{"p2", 1}}},
				{id: "pur_4", key: "sub/sub_1/0/0", state: "completed", session: "cs_4", token: "spt_cccc3333", total: 2900, charged: true},
			},
			orders: []soakOrder{{id: "ord_1", purchase: "pur_1", status: "completed", total: 1500}, {id: "ord_6", purchase: "pur_6", status: "completed", total: 500}, {id: "ord_2", purchase: "pur_2", status: "failed", total: 900},
				{id: "ord_4", purchase: "pur_4", status: "completed", total: 2900}},
			cycles:    []soakCycle{{subscription: "sub_1", cycle: 0, state: "paid", order: "ord_4"}},
			carts:     []soakCart{{customer: "cus_demo", checkout: "chk_1", checkoutState: "done"}},
			cartLines: map[string]int{"cus_demo|p1": 2},
			adds:      map[string]soakAdds{"cus_demo|p1": {ok: 2, unknown: 1}, "cus_demo|p2": {ok: 1}},
			charges: []soakCharge{
				{id: "pi_1", seller: "nw", status: "succeeded", session: "cs_1", amount: 1500, received: 1500},
				{id: "pi_2", seller: "nw", status: "requires_payment_method", session: "cs_2", amount: 900},
				{id: "pi_4", seller: "cy", status: "succeeded", session: "cs_4", amount: 2900, received: 2900},
				{id: "pi_6", seller: "nw", status: "succeeded", session: "cs_6", amount: 500, received: 500},
			},
			tokens: map[string]soakToken{"spt_aaaa1111": {status: "deactivated", reason: "consumed"}, "spt_bbbb2222": {status: "deactivated", reason: "revoked"},
				"spt_cccc3333": {status: "deactivated", reason: "consumed"}, "spt_ffff6666": {status: "deactivated", reason: "consumed"}},
			outputs: []soakOutput{{name: "stdio#1", stdio: true, killed: true,
				stdout: `{"jsonrpc":"2.0","id":1,"result":{}}` + "\n" + `{"jsonrpc":"2.0","id":2,"res`,
				stderr: "INF purchase completed order=ord_1 token=spt_…\n"}},
			secrets:  []string{"sk_test_soak_agent_7f3a9c"},
			personal: []string{"77 Chaoswood Lane"},
		}
	}
	tests := []struct {
		name   string
		break_ func(s *soakSnapshot)
		want   string // in a problem; "" for none
	}{
		{name: "sound", break_: func(*soakSnapshot) {}},
		{name: "double charge", want: "session cs_1 charged 2 times", break_: func(s *soakSnapshot) {
			s.charges = append(s.charges, soakCharge{id: "pi_9", status: "succeeded", session: "cs_1", amount: 1500, received: 1500})
		}},
		{name: "charge without an order", want: "charged without an order", break_: func(s *soakSnapshot) {
			s.charges[1].received, s.charges[1].status = 900, "succeeded"
		}},
		{name: "charge without a purchase", want: "has no purchase", break_: func(s *soakSnapshot) {
			s.charges = append(s.charges, soakCharge{id: "pi_8", status: "succeeded", session: "cs_unknown", amount: 100, received: 100})
		}},
		{name: "charge of another amount", want: "took 1499", break_: func(s *soakSnapshot) { s.charges[0].received = 1499 }},
		{name: "order with no charge", want: "with no charge at Stripe", break_: func(s *soakSnapshot) { s.charges = s.charges[1:] }},
		{name: "purchase left under way", want: "still token_issued", break_: func(s *soakSnapshot) { s.purchases[1].state = "token_issued" }},
		{name: "purchase waiting on a possible hold", break_: func(s *soakSnapshot) { s.purchases[1].state, s.purchases[1].held = "token_issued", true }},
		{name: "token left active", want: "is still active", break_: func(s *soakSnapshot) { s.tokens["spt_bbbb2222"] = soakToken{status: "active"} }},
		{name: "token issued, not journaled, active", want: "purchase (none: the store does not name it) is still active", break_: func(s *soakSnapshot) {
			s.tokens["spt_eeee5555"] = soakToken{status: "active"}
		}},
		{name: "token issued, not journaled, revoked", break_: func(s *soakSnapshot) { s.tokens["spt_eeee5555"] = soakToken{status: "deactivated", reason: "revoked"} }},
		{name: "token named, never issued", want: "unknown to the emulator", break_: func(s *soakSnapshot) { delete(s.tokens, "spt_cccc3333") }},
		{name: "cycle charged twice", want: "cycle sub_1/0 charged 2 times", break_: func(s *soakSnapshot) {
			s.purchases = append(s.purchases, soakPurchase{id: "pur_5", key: "sub/sub_1/0/1", state: "completed", session: "cs_5", token: "spt_dddd4444", total: 2900})
			s.charges = append(s.charges, soakCharge{id: "pi_5", status: "succeeded", session: "cs_5", amount: 2900, received: 2900})
			s.tokens["spt_dddd4444"] = soakToken{status: "deactivated", reason: "consumed"}
		}},
		{name: "cart held by a dead checkout", want: "still paying", break_: func(s *soakSnapshot) { s.carts[0].checkoutState = "paying" }},
		{name: "cart line lost", want: "cart line cus_demo|p1: 2 added", break_: func(s *soakSnapshot) { delete(s.cartLines, "cus_demo|p1") }},
		{name: "cart line bought and kept", want: "cart line cus_demo|p2: 1 added", break_: func(s *soakSnapshot) { s.cartLines["cus_demo|p2"] = 1 }},
		{name: "cart line with the add cut off applied", break_: func(s *soakSnapshot) { s.cartLines["cus_demo|p1"] = 3 }},
		{name: "cart line doubled", want: "cart line cus_demo|p1: 2 added", break_: func(s *soakSnapshot) { s.cartLines["cus_demo|p1"] = 4 }},
		{name: "a panic", want: `shows "panic: "`, break_: func(s *soakSnapshot) { s.outputs[0].stderr += "panic: runtime error\n" }},
		{name: "a data race", want: "DATA RACE", break_: func(s *soakSnapshot) { s.outputs[0].stderr += "WARNING: DATA RACE\n" }},
		{name: "stdout not JSON-RPC", want: "not JSON-RPC", break_: func(s *soakSnapshot) { s.outputs[0].stdout = "starting up\n" + s.outputs[0].stdout }},
		{name: "cut line of a live process", want: "not JSON-RPC", break_: func(s *soakSnapshot) { s.outputs[0].killed = false }},
		{name: "key in a log", want: "shows a secret", break_: func(s *soakSnapshot) { s.outputs[0].stderr += "key=sk_test_soak_agent_7f3a9c\n" }},
		{name: "key in a tool result", want: "shows a secret", break_: func(s *soakSnapshot) {
			s.outputs[0].stdout += "{\"jsonrpc\":\"2.0\",\"k\":\"sk_test_soak_agent_7f3a9c\"}\n"
		}},
		{name: "address in a log", want: "log shows personal data", break_: func(s *soakSnapshot) { s.outputs[0].stderr += "to 77 Chaoswood Lane\n" }},
		{name: "address in a tool result", break_: func(s *soakSnapshot) {
			s.outputs[0].stdout = "{\"jsonrpc\":\"2.0\",\"ship_to\":\"77 Chaoswood Lane\"}\n" + s.outputs[0].stdout
		}},
		{name: "token id in a log", want: "shaped like a secret", break_: func(s *soakSnapshot) { s.outputs[0].stderr += "token=spt_1QxYz9\n" }},
		{name: "card number in a log", want: "shaped like a secret", break_: func(s *soakSnapshot) { s.outputs[0].stderr += "card 4242424242424242\n" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := sound()
			tc.break_(s)
			problems := checkSoak(s)
			joined := strings.Join(problems, "\n")
			switch {
			case tc.want == "" && len(problems) > 0:
				t.Errorf("problems in a sound snapshot:\n%s", joined)
			case tc.want != "" && !strings.Contains(joined, tc.want):
				t.Errorf("problems = %q, want one saying %q", problems, tc.want)
			}
		})
	}
}
