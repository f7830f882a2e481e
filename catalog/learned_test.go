package catalog

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"
)

// TestLearnedViewFollowsIndexedText writes to the catalog every way it is written (a
// bulk load into the empty catalog, a sale's stock and statistics, every kind of upsert
// in wordWrites, and products deleted by hand with SQL, as the README shows) after
// searches read words' spread over types, brands and votes, and checks after each write that
// what the next search's view gives equals what a view read afresh gives, and that
// the view kept what it read exactly when no indexed text changed.
func TestLearnedViewFollowsIndexedText(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	sellers := []Seller{{ID: "s1", Name: "Shop"}}
	ps := wordProducts(60)
	words := []string{"mug", "mugs", "kettle", "kettles", "ceramic", "café", "cafe", "press", "hot", "drinks", "gift", "steel",
		"enamel", "jug", "brewco", "kettleby", "wares", "first", "second", "nothing", "lamp", "desk"}
	sentences := []string{"hot drinks in a ceramic mug", "a steel kettle for hot drinks", "enamel jug for the kitchen",
		"a gift of a café press", "kettleby kettle"}
	// forms are words read for the head they are a form or clip of (formHead).
	forms := []string{"kett", "lam", "mugging", "jugger", "des", "enam"}
	// read reads, through lv, every word's spread, each head's brand word, modifiers
	// and heads named after it (headModifiers, namedAfter), the head of every form and
	// every sentence's vote.
	read := func(lv *learnedView) (map[string]wordUse, map[string]bool, map[string][]string, [][]typeVote) {
		t.Helper()
		uses, brands, mods := map[string]wordUse{}, map[string]bool{}, map[string][]string{}
		for _, w := range words {
			u, err := lv.used(ctx, c, w)
			if err != nil {
				t.Fatal(err)
			}
			uses[w] = u
		}
		for head := range lv.types {
			b, err := lv.brandWord(ctx, c, head)
			if err != nil {
				t.Fatal(err)
			}
			brands[head] = b
			if mods[head], err = lv.headModifiers(ctx, c, head); err != nil {
				t.Fatal(err)
			}
			if mods["after "+head], err = lv.namedAfter(ctx, c, head, head); err != nil {
				t.Fatal(err)
			}
		}
		for _, w := range forms {
			mods["form "+w] = []string{lv.formHead(w, false)}
		}
		var votes [][]typeVote
		for _, s := range sentences {
			v, err := c.voteTypes(ctx, lv, parseText(s))
			if err != nil {
				t.Fatal(err)
			}
			votes = append(votes, v)
		}
		return uses, brands, mods, votes
	}
	steps := upsertSteps(ctx, c, sellers, &ps)
	// A sale and a change of ratings, after the first write (new products).
	steps = slices.Insert(steps, 1, textStep{"a sale: stock taken and put back, sales counted", func() error {
		v, err := c.TakeStock(ctx, "w1", 2)
		if err != nil {
			return err
		}
		if err := c.RecordSale(ctx, "w1", 2, []string{"w2"}, time.Unix(1_800_000_000, 0)); err != nil {
			return err
		}
		return c.ReturnStock(ctx, "w1", 1, v)
	}, true}, textStep{"ratings only", func() error {
		for i := range ps {
			ps[i].Rating, ps[i].ReviewCount = 4.5, int64(10+i)
		}
		_, err := c.Upsert(ctx, sellers, ps)
		return err
	}, true})
	// Desk lamps, a product type of their own: bulk loaded first, deleted with SQL last.
	var lamps []Product
	for i := range 30 {
		p := wordProducts(1)[0]
		p.ID, p.Title = "lamp"+strconv.Itoa(i), "Desk Lamp "+strconv.Itoa(i)
		lamps = append(lamps, p)
	}
	steps = slices.Insert(steps, 0, textStep{"a bulk load into the empty catalog", func() error {
		l, err := c.Load(ctx)
		if err != nil {
			return err
		}
		defer l.Rollback()
		if !l.Bulk() {
			return errors.New("not a bulk load")
		}
		if _, err := l.Upsert(ctx, UpsertOptions{}, sellers, lamps); err != nil {
			return err
		}
		return l.Commit(ctx)
	}, false})
	steps = append(steps, textStep{"products deleted with SQL", func() error {
		_, err := c.db.ExecContext(ctx, `DELETE FROM products WHERE id LIKE 'lamp%'`)
		return err
	}, false}, textStep{"then a price-only upsert", func() error {
		for i := range ps {
			ps[i].Price.Amount += 7
		}
		_, err := c.Upsert(ctx, sellers, ps)
		return err
	}, true})
	kept := 0
	for _, st := range steps {
		before, err := c.learnedView(ctx)
		if err != nil {
			t.Fatal(err)
		}
		read(before)
		if err := st.write(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		after, err := c.learnedView(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if (after.learnedTypes == before.learnedTypes) != st.keeps {
			t.Errorf("%s: the view kept what it read: %v, want %v", st.name, after.learnedTypes == before.learnedTypes, st.keeps)
		}
		if after.learnedTypes == before.learnedTypes {
			kept++
		}
		c.learnedMu.Lock()
		c.learned = nil // the next view reads everything afresh
		c.learnedMu.Unlock()
		fresh, err := c.learnedView(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if fresh.version != after.version || fresh.indexed != after.indexed {
			t.Fatalf("%s: views of versions %d/%d and %d/%d", st.name, after.version, after.indexed, fresh.version, fresh.indexed)
		}
		if !reflect.DeepEqual(after.types, fresh.types) {
			t.Errorf("%s: the view's types %v, read afresh %v", st.name, after.types, fresh.types)
		}
		gotUses, gotBrands, gotMods, gotVotes := read(after)
		wantUses, wantBrands, wantMods, wantVotes := read(fresh)
		for _, w := range words {
			if !reflect.DeepEqual(gotUses[w], wantUses[w]) {
				t.Errorf("%s: %q spreads as %+v, read afresh %+v", st.name, w, gotUses[w], wantUses[w])
			}
		}
		if !reflect.DeepEqual(gotBrands, wantBrands) {
			t.Errorf("%s: brand words %v, read afresh %v", st.name, gotBrands, wantBrands)
		}
		if !reflect.DeepEqual(gotMods, wantMods) {
			t.Errorf("%s: heads' modifiers %v, read afresh %v", st.name, gotMods, wantMods)
		}
		for i, s := range sentences {
			if !reflect.DeepEqual(gotVotes[i], wantVotes[i]) {
				t.Errorf("%s: %q votes %+v, read afresh %+v", st.name, s, gotVotes[i], wantVotes[i])
			}
		}
		// The next step's searches go on with what this one's read.
		c.learnedMu.Lock()
		c.learned = after
		c.learnedMu.Unlock()
	}
	if kept == 0 {
		t.Error("no write kept the view: nothing was compared across a write")
	}
}

// TestLearnedViewWhileSearchesHoldReadPool checks that a learnedView call outside a
// snapshot that misses the kept view and waits for a read connection does not stop
// searches that hold every read connection from reading their own views: before
// learned_types was read outside c.learnedMu, such a caller waited for the pool with
// the lock held, and the searches waited for the lock (the cycle of
// TestCategoryPathsWhileSearchesHoldReadPool). Searches call learnedView in their
// snapshots only, so no public call reached it; the test calls it as a future caller
// outside one would.
func TestLearnedViewWhileSearchesHoldReadPool(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	if _, err := c.Upsert(ctx, []Seller{{ID: "s1", Name: "Shop"}}, wordProducts(30)); err != nil {
		t.Fatal(err)
	}
	want, err := c.learnedView(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(want.types) == 0 {
		t.Fatal("no learned types: the views compared would be empty")
	}

	// Every read connection but one held by a search in its snapshot.
	n := readConns()
	snaps := make([]context.Context, n)
	ends := make([]func(), n)
	for i := range n - 1 {
		if snaps[i], ends[i], err = c.snapshot(ctx); err != nil {
			t.Fatal(err)
		}
	}
	// The caller outside a snapshot reads the versions on the free connection and then
	// waits for the lock, held here, with nothing kept: it will have to read
	// learned_types.
	c.learnedMu.Lock()
	c.learned = nil
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type answer struct {
		lv  *learnedView
		err error
	}
	outside := make(chan answer, 1)
	go func() {
		lv, err := c.learnedView(rctx)
		outside <- answer{lv, err}
	}()
	// Give it the time to read the versions (were it still reading them when the last
	// connection is taken below, it would wait for the pool before the lock, and the
	// test could not fail on the old code; it cannot fail spuriously either way).
	time.Sleep(200 * time.Millisecond)
	if snaps[n-1], ends[n-1], err = c.snapshot(ctx); err != nil {
		c.learnedMu.Unlock()
		t.Fatal(err)
	}
	c.learnedMu.Unlock()
	for c.rdb.Stats().WaitCount == 0 { // it waits for a read connection
		time.Sleep(time.Millisecond)
	}
	// The searches reach their query's understanding and read the view.
	searches := make(chan answer, n)
	for i := range n {
		go func() {
			defer ends[i]()
			lv, err := c.learnedView(snaps[i])
			searches <- answer{lv, err}
		}()
	}
	check := func(who string, a answer) {
		t.Helper()
		if a.err != nil {
			t.Errorf("%s: %v", who, a.err)
			return
		}
		if a.lv.version != want.version || a.lv.indexed != want.indexed || !reflect.DeepEqual(a.lv.types, want.types) {
			t.Errorf("%s: view of versions %d/%d with types %v; want %d/%d with %v",
				who, a.lv.version, a.lv.indexed, a.lv.types, want.version, want.indexed, want.types)
		}
	}
	// No speed is asked for: the wait only turns a deadlock into a failure.
	deadline := time.After(30 * time.Second)
	for done := 0; done < n; {
		select {
		case a := <-searches:
			done++
			check("a search's learned view", a)
		case <-deadline:
			st := c.rdb.Stats()
			t.Errorf("deadlock: after 30s the searches holding the %d read connections have not read their learned views while a caller outside a snapshot waits (read pool: in use %d, waiting %d)",
				n, st.InUse, st.WaitCount)
			cancel() // ends the outside caller's wait, so that the searches and the test can end
			deadline = nil
		}
	}
	if t.Failed() {
		<-outside
		return
	}
	select {
	case a := <-outside:
		check("learnedView outside a snapshot", a)
	case <-deadline:
		t.Fatal("learnedView outside a snapshot still waits 30s after the searches gave their connections back")
	}
}
