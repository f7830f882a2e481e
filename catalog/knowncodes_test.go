package catalog

import (
	"context"
	"testing"
)

// TestKnownCodesFollowWrites asks knownCodes, as queryAttrs does in a search's
// snapshot, about colour and size keys after writes that add, remove and keep them,
// and checks that every answer equals product_codes read afresh, that the learned view
// keeps the answers for a second search of the same text version, and that nothing is
// kept in a snapshot begun while product_codes was being filled. Keeping answers
// across text versions fails it (teal is asked before it is sold, then after).
func TestKnownCodesFollowWrites(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	sellers := []Seller{{ID: "s1", Name: "Shop"}}
	keys := []string{attrKey(FilterColor, "red"), attrKey(FilterColor, "teal"), attrKey(FilterSize, "xl"), attrKey(FilterColor, "mauve")}
	ps := wordProducts(6)
	for i := range ps {
		ps[i].Attributes = map[string]string{"color": []string{"Red", "Navy"}[i%2], "size": "XL"}
	}
	fresh := func(k string) bool {
		t.Helper()
		var has bool
		if err := c.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM product_codes WHERE code = ?)`, k).Scan(&has); err != nil {
			t.Fatal(err)
		}
		return has
	}
	for _, step := range []struct {
		name   string
		change func()
		sold   map[string]bool // keys sold after the write
	}{
		{"first products", func() {}, map[string]bool{keys[0]: true, keys[2]: true}},
		{"a teal one", func() { ps[1].Attributes = map[string]string{"color": "Teal"} }, map[string]bool{keys[0]: true, keys[1]: true, keys[2]: true}},
		{"price only", func() { ps[0].Price.Amount++ }, map[string]bool{keys[0]: true, keys[1]: true, keys[2]: true}},
		{"teal gone, sizes gone", func() {
			for i := range ps {
				ps[i].Attributes = map[string]string{"color": "Red"}
			}
		}, map[string]bool{keys[0]: true}},
	} {
		t.Run(step.name, func(t *testing.T) {
			step.change()
			if _, err := c.Upsert(ctx, sellers, ps); err != nil {
				t.Fatal(err)
			}
			for ask := range 2 {
				sctx, lv, end := viewInSnapshot(t, c)
				have, err := c.knownCodes(sctx, keys)
				end()
				if err != nil {
					t.Fatal(err)
				}
				for _, k := range keys {
					if have[k] != fresh(k) || have[k] != step.sold[k] {
						t.Errorf("ask %d: knownCodes says %s %v; product_codes says %v, the step sells it: %v", ask, k, have[k], fresh(k), step.sold[k])
					}
				}
				lv.mu.Lock()
				held := len(lv.codes)
				lv.mu.Unlock()
				if held != len(keys) {
					t.Errorf("ask %d: the view holds %d answers, want %d", ask, held, len(keys))
				}
			}
		})
	}
	t.Run("snapshot begun during a fill keeps nothing", func(t *testing.T) {
		ps[2].Attributes = map[string]string{"color": "Mauve"}
		if _, err := c.Upsert(ctx, sellers, ps); err != nil {
			t.Fatal(err)
		}
		sctx, lv, end := viewInSnapshot(t, c)
		defer end()
		c.snapshotOf(sctx).codesFilling = true
		have, err := c.knownCodes(sctx, keys)
		if err != nil {
			t.Fatal(err)
		}
		if !have[keys[3]] {
			t.Errorf("knownCodes says %s is not sold after a mauve product was written", keys[3])
		}
		lv.mu.Lock()
		defer lv.mu.Unlock()
		if len(lv.codes) != 0 {
			t.Errorf("the view holds %d answers read during a fill, want none", len(lv.codes))
		}
	})
}
