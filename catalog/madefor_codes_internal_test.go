package catalog

import (
	"slices"
	"testing"
)

// TestMadeForCodes: after a made-for word, a model of digits only with a hyphen or a
// dot ("2804-20") is read as a code besides those queryCodes reads (which also joins
// neighbouring words: "for280420", matching no product); a short number, a year or six
// digits alone are not.
func TestMadeForCodes(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		code       string
		want       bool
	}{
		{"a code of letters and digits", "for my DCD791D2", "dcd791d2", true},
		{"digits with a hyphen", "for my 2804-20", "280420", true},
		{"digits with dots", "for 48.11.1820", "48111820", true},
		{"too short", "for 804-20", "80420", false},
		{"a year", "for 2024", "2024", false},
		{"six digits alone (queryCodes takes a GTIN from seven)", "for 280420", "280420", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := madeForCodes(tt.text); slices.Contains(got, tt.code) != tt.want {
				t.Errorf("madeForCodes(%q) = %q: has %q should be %v", tt.text, got, tt.code, tt.want)
			}
		})
	}
}

// TestOwnCode: a code is a product's own when it is its id's, in its title before any
// made-for word, in its title's last bracket, or not in its title at all (an
// attribute's); not when the title says it only after a made-for word.
func TestOwnCode(t *testing.T) {
	for _, tt := range []struct {
		name, id, title string
		want            bool
	}{
		{"in the title", "X1", "Kestrel 18V Cordless Drill Kit (KV-D18K)", true},
		{"the id", "KV-D18K", "Kestrel Drill Kit with Battery for KV-D18K", true},
		{"the last bracket after with", "SKU-9", "RYOBI ONE+ 18V Drill/Driver Kit with 1.5 Ah Battery and Charger (PCL206K1)", true},
		{"not in the title: an attribute's", "SKU-9", "Kestrel 18V Cordless Drill Kit", true},
		{"only after for", "TM-5AH", "Tamsin 18V Battery 5.0Ah for KV-D18K (TM-5AH)", false},
		{"only after compatible with, no bracket", "TM-6", "Tamsin Battery, Compatible with KV-D18K", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code := "kvd18k"
			if tt.name == "the last bracket after with" {
				code = "pcl206k1"
			}
			if got := ownCode(tt.id, tt.title, []string{code}); got != tt.want {
				t.Errorf("ownCode(%q, %q) = %v, want %v", tt.id, tt.title, got, tt.want)
			}
		})
	}
}
