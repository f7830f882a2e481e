package catalog

import (
	"slices"
	"testing"
)

// TestLowerWords holds lowerWords, the fast path for ASCII, equal to splitWords.
func TestLowerWords(t *testing.T) {
	for _, s := range []string{"Sony WH-1000XM4 Wireless, Black", "  a--b  ", "Café Crème 2x", "", "Über/Unter 55\" TV", "x" + string(make([]byte, 0)) + "y_z"} {
		if got, want := lowerWords(s), splitWords(s); !slices.Equal(got, want) {
			t.Errorf("lowerWords(%q) = %q, splitWords says %q", s, got, want)
		}
	}
}

func TestTitleHead(t *testing.T) {
	tests := []struct{ title, head, forPart string }{
		{"Dyson V11 Cordless Vacuum Cleaner", "cleaner", ""},
		{"Vacuum Bags for Hoover WindTunnel, 10-Pack", "bag", "hoover windtunnel, 10-pack"},
		{"Samsung 55-Inch QLED 4K Smart TV", "tv", ""},
		{"Kensington Laptop Lock", "lock", ""},
		{"Sony WH-1000XM4 Headphones - Black", "headphone", ""},
		{"Lenovo ThinkPad X1 Carbon Laptop (2023), Silver", "laptop", ""},
	}
	for _, tt := range tests {
		if head, forPart := titleHead(tt.title); head != tt.head || forPart != tt.forPart {
			t.Errorf("titleHead(%q) = %q, %q; want %q, %q", tt.title, head, forPart, tt.head, tt.forPart)
		}
	}
}

// TestRankRowOf checks what is stored of a product for reranking (product_rank).
func TestRankRowOf(t *testing.T) {
	tests := []struct {
		name, title, brand, category string
		want                         rankRow
	}{
		{"brand stripped, for part, category's last segment", "Acme Lantern Case for Camping Tents 2", "Acme", "Outdoor > Camping Lights",
			rankRow{head: "case", category: "light", forKeys: "camping tent 2", titleKeys: "lante case for campi tent 2", categoryKeys: `["outdoor","camping","light"]`}},
		{"brand elsewhere in the title stays", "Lantern by ACME", "acme", "",
			rankRow{head: "acme", titleKeys: "lante by acme", categoryKeys: "[]"}},
		{"diacritics folded, words once each", "Café Lámpara, Café", "", "Lámparas",
			rankRow{head: "lampara", category: "lampara", titleKeys: "cafe lampa", categoryKeys: `["lampara"]`}},
		{"no head noun", "2-Pack 55 Inch", "", "",
			rankRow{titleKeys: "2 pack 55 inch", categoryKeys: "[]"}},
		{"empty", "", "", "", rankRow{categoryKeys: "[]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rankRowOf(tt.title, tt.brand, tt.category); got != tt.want {
				t.Errorf("rankRowOf(%q, %q, %q) = %+v, want %+v", tt.title, tt.brand, tt.category, got, tt.want)
			}
		})
	}
}
