package text_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// EllipsizeMiddle keeps a title's end, where what tells a variant from its siblings
// stands (a model, a size, a pack count), and never returns more than max characters
// nor splits a character.
func TestEllipsizeMiddle(t *testing.T) {
	jp := strings.Repeat("ステンレス電気ケトル一・七リットル", 6)
	for _, tt := range []struct {
		name      string
		in        string
		max, tail int
		want      string
	}{
		{"short kept whole", "DEWALT 20V MAX Drill (DCD771B)", 80, 30, "DEWALT 20V MAX Drill (DCD771B)"},
		{"exactly max kept whole", strings.Repeat("a", 80), 80, 30, strings.Repeat("a", 80)},
		{"the model at the end kept",
			"DEWALT 20V MAX XR Cordless Drill/Driver Kit, Compact, 1/2-Inch, 2 Batteries and Charger (DCD791D2)", 80, 30,
			"DEWALT 20V MAX XR Cordless Drill/Driver Kit, Compact … and Charger (DCD791D2)"},
		{"the size and pack count kept, from a comma",
			"Grip-Rite Coarse Thread Drywall Screws, Phillips Bugle Head, Black Phosphate, #6 x 1-5/8 in., 100-Pack", 80, 30,
			"Grip-Rite Coarse Thread Drywall Screws, Phillips … #6 x 1-5/8 in., 100-Pack"},
		{"a pack count whose sibling differs only there",
			"GRK R4 Multi-Purpose Framing and Decking Screws, Star Drive, #9 x 3 in., 1000-Pack", 80, 30,
			"GRK R4 Multi-Purpose Framing and Decking Screws, Star … #9 x 3 in., 1000-Pack"},
		{"accented letters counted as characters",
			"Crème brûlée torch für Küche und Bar, mit Sicherheitsverschluss und Flammenregler, nachfüllbar, Größe XL, Farbe Schwarz", 80, 30,
			"Crème brûlée torch für Küche und Bar, mit … Größe XL, Farbe Schwarz"},
		{"a script without spaces cut between characters", jp, 20, 8,
			"ステンレス電気ケト … ル一・七リットル"},
		{"not inside an emoji sequence at the tail's start",
			"abcdefghijklmnopqrstuvwxyz" + "👩\u200d💻👩\u200d💻xyz", 20, 5,
			"abcdefghijklmn … xyz"},
		{"an emoji sequence kept whole when it starts the tail",
			"abcdefghijklmnopqrstuvwxyz" + "👩\u200d💻👩\u200d💻xyz", 20, 6,
			"abcdefghijk … 👩\u200d💻xyz"},
		{"a letter not parted from its accent at the tail's start",
			"abcdefghijklmnopqrstuvwxyzCafe\u0301sbar", 20, 5,
			"abcdefghijklm … sbar"},
		{"no room for a head: cut at the end", "Stainless Steel Electric Kettle, 1.7 L", 20, 10, "Stainless Steel…"},
		{"no tail asked: cut at the end", "Stainless Steel Electric Kettle, 1.7 L", 20, 0, "Stainless Steel…"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := text.EllipsizeMiddle(tt.in, tt.max, tt.tail)
			if got != tt.want || utf8.RuneCountInString(got) > tt.max || !utf8.ValidString(got) {
				t.Errorf("EllipsizeMiddle(%q, %d, %d) = %q (%d characters), want %q", tt.in, tt.max, tt.tail, got, utf8.RuneCountInString(got), tt.want)
			}
		})
	}
}
