package feed

import (
	"strings"
	"testing"
)

// TestLongTextCutBetweenWords: a feed's description longer than the catalog keeps is
// cut after its last whole sentence, and a long title after its last whole word,
// never inside a word.
func TestLongTextCutBetweenWords(t *testing.T) {
	sentence := "Knitted from soft merino wool in a small Portuguese mill. "
	description := strings.Repeat(sentence, 9000/len(sentence)+1)
	title := strings.Repeat("Merinos ", 45) + "Socks"
	feed := "id,title,description,price,seller_name\n" +
		`S1,"` + title + `","` + description + `",9.99 USD,Sock Shop` + "\n" +
		`S2,Plain socks,"` + strings.Repeat("woollen ", 1100) + `",9.99 USD,Sock Shop` + "\n"
	got, err := parse(t, strings.NewReader(feed), "socks.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, id, field, wantSuffix string
		max                         int
	}{
		{"description cut after a sentence", "S1", "description", "Portuguese mill.", 8000},
		{"title cut after a word", "S1", "title", "Merinos", 300},
		{"description without sentences cut after a word, marked", "S2", "description", "woollen…", 8000},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := field(got.products[tc.id], tc.field)
			if len(v) > tc.max || len(v) < tc.max/2 || !strings.HasSuffix(v, tc.wantSuffix) {
				t.Errorf("%s is %d bytes ending %q; want at most %d ending %q", tc.field, len(v), v[max(0, len(v)-30):], tc.max, tc.wantSuffix)
			}
		})
	}
}
