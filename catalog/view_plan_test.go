package catalog

import (
	"context"
	"strings"
	"testing"
)

// Variants finds a family through the partial index products_group (migration 0020),
// not by walking every product of the brand or seller.
func TestVariantsUseTheGroupIndex(t *testing.T) {
	c := openTest(t)
	plan := queryPlan(t, c, variantsSQL, "g", "s", "b", "p", 12)
	if !strings.Contains(plan, "INDEX products_group") {
		t.Errorf("Variants is planned as %q, not through products_group", plan)
	}
}

// colourNamesProduct's full-text queries are driven by their own matches, each
// looked up in product_codes: no products_fts scan takes a rowid from a list of
// product_codes (FTS5's index string then has '=', and the phrase query runs once
// for every product of the colour: a minute for "red jacket" at 1M products).
func TestColourNamesProductIsDrivenByTheMatches(t *testing.T) {
	c := openTest(t)
	plan := queryPlan(t, c, colourNamesSQL, `"red jacket"`, "color=red", `"red"`, colourSample)
	for _, step := range strings.Split(plan, "; ") {
		if strings.Contains(step, "VIRTUAL TABLE INDEX") && strings.Contains(step[strings.Index(step, "INDEX"):], "=") {
			t.Errorf("a full-text scan is constrained by rowid (%q) in the plan %q", step, plan)
		}
	}
	if !strings.Contains(plan, "USING PRIMARY KEY (code=? AND rowid=?)") {
		t.Errorf("product_codes is not looked up by code and rowid in the plan %q", plan)
	}
}

// queryPlan is SQLite's plan of query with args, its steps joined by "; ".
func queryPlan(t *testing.T, c *Catalog, query string, args ...any) string {
	t.Helper()
	rows, err := c.db.QueryContext(context.Background(), `EXPLAIN QUERY PLAN `+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan strings.Builder
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan.WriteString(detail + "; ")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan.String()
}
