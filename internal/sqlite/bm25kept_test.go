package sqlite

import (
	"context"
	"database/sql"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
)

// TestBM25KeptEqualsBM25 holds bm25_kept to FTS5's bm25 bit for bit: over every row
// a query matches (the same cursor), and over a statement that joins the full-text
// table to a few rowids, where FTS5 filters its cursor again per rowid and bm25
// counts the phrases' matches each time while bm25_kept counts them once. The
// queries cover one word, several, OR, NOT, a phrase, a prefix and a column filter;
// weights as the catalog's rank gives them, fewer than the columns, and none.
func TestBM25KeptEqualsBM25(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `CREATE VIRTUAL TABLE t USING fts5(title, brand, category, attrs, description, tokenize = 'porter unicode61')`); err != nil {
		t.Fatal(err)
	}
	words := []string{"ceramic", "mug", "blue", "glazed", "stoneware", "plate", "bowl", "handmade", "set", "white", "large", "coffee"}
	rnd := rand.New(rand.NewPCG(1, 2))
	text := func(n int) string {
		var b strings.Builder
		for range 1 + rnd.IntN(n) {
			b.WriteString(words[rnd.IntN(len(words))] + " ")
		}
		return b.String()
	}
	for range 400 {
		if _, err := db.ExecContext(ctx, `INSERT INTO t VALUES (?, ?, ?, ?, ?)`, text(4), text(1), text(3), text(3), text(25)); err != nil {
			t.Fatal(err)
		}
	}
	weights := []struct{ name, args string }{
		{"catalog rank", "10.0, 8.0, 4.0, 3.0, 1.0"},
		{"two weights", "2.5, 0.5"},
		{"none", ""},
	}
	queries := []string{
		"ceramic", "mug blue", "ceramic OR plate", "bowl NOT white", `"blue glazed"`, "sto*",
		"{title category} : mug", "handmade set coffee", "large",
	}
	for _, w := range weights {
		comma := ""
		if w.args != "" {
			comma = ", "
		}
		for _, q := range queries {
			t.Run(w.name+"/"+q, func(t *testing.T) {
				all := scores(t, db, `SELECT rowid, bm25(t`+comma+w.args+`), bm25_kept(t, ?1`+comma+w.args+`) FROM t WHERE t MATCH ?1`, q)
				if len(all) < 3 {
					t.Fatalf("%d rows match %q: too few to compare", len(all), q)
				}
				// Every third row the query matches, and some it does not, joined one by one.
				joined := scores(t, db, `SELECT t.rowid, bm25(t`+comma+w.args+`), bm25_kept(t, ?1`+comma+w.args+`)
					FROM (WITH RECURSIVE n(r) AS (SELECT 1 UNION ALL SELECT r + 3 FROM n WHERE r < 400) SELECT r FROM n) s CROSS JOIN t ON t.rowid = s.r AND t MATCH ?1`, q)
				if len(joined) == 0 {
					t.Fatalf("no row of %q joined", q)
				}
				for r, s := range joined {
					if all[r] != s {
						t.Errorf("row %d: joined bm25 %v, kept %v; over every match %v", r, s[0], s[1], all[r])
					}
				}
			})
		}
	}
}

// TestBM25KeptPerRun runs one prepared statement with one MATCH expression, then
// another: each run counts its own phrases' matches (SQLite drops a statement's
// auxiliary data when it is reset).
func TestBM25KeptPerRun(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `CREATE VIRTUAL TABLE t USING fts5(a, b);
		INSERT INTO t VALUES ('red mug', 'tea'), ('red red plate', 'mug'), ('blue mug', 'red tea'), ('green bowl', 'blue'), ('mug', 'mug mug');`); err != nil {
		t.Fatal(err)
	}
	st, err := db.PrepareContext(ctx, `SELECT bm25(t, 2.0, 1.0), bm25_kept(t, ?1, 2.0, 1.0) FROM t WHERE t MATCH ?1 ORDER BY rowid`)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, q := range []string{"red", "mug", "red", "blue OR green", "mug"} {
		rows, err := st.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			var plain, kept float64
			if err := rows.Scan(&plain, &kept); err != nil {
				t.Fatal(err)
			}
			if math.Float64bits(plain) != math.Float64bits(kept) {
				t.Errorf("%q: bm25 %v, bm25_kept %v", q, plain, kept)
			}
			n++
		}
		rows.Close()
		if n < 2 {
			t.Errorf("%q matched %d rows", q, n)
		}
	}
}

// scores runs query (its rows: rowid, bm25, bm25_kept) with MATCH expression q and
// returns the scores by rowid, failing when bm25_kept differs from bm25 in any bit.
func scores(t *testing.T, db *sql.DB, query, q string) map[int64][2]float64 {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), query, q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[int64][2]float64{}
	for rows.Next() {
		var r int64
		var plain, kept float64
		if err := rows.Scan(&r, &plain, &kept); err != nil {
			t.Fatal(err)
		}
		if math.Float64bits(plain) != math.Float64bits(kept) {
			t.Errorf("%q row %d: bm25 %v, bm25_kept %v", q, r, plain, kept)
		}
		got[r] = [2]float64{plain, kept}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return got
}
