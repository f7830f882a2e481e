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
	rows, err := c.db.QueryContext(context.Background(), `EXPLAIN QUERY PLAN `+variantsSQL, "g", "s", "b", "p", 12)
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
	if !strings.Contains(plan.String(), "INDEX products_group") {
		t.Errorf("Variants is planned as %q, not through products_group", plan.String())
	}
}
