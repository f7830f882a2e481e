package catalog

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestUnderstand(t *testing.T) {
	v := BuiltinVocabulary()
	tests := []struct {
		name, text string
		rest       string   // the words left
		filters    []string // "filter value «phrase»"
		cheap      string
	}{
		{"under dollars", "running shoes under $80", "running shoes", []string{"max_price 80 «under $80»"}, ""},
		{"below bare number", "tent below 200", "tent", []string{"max_price 200 «below 200»"}, ""},
		{"less than words", "headphones less than 50 dollars", "headphones", []string{"max_price 50 «less than 50 dollars»"}, ""},
		{"up to euros", "kettle up to €39.99", "kettle", []string{"max_price 39.99 «up to €39.99»"}, ""},
		{"over", "jacket over $100", "jacket", []string{"min_price 100 «over $100»"}, ""},
		{"more than", "blender more than 60 bucks", "blender", []string{"min_price 60 «more than 60 bucks»"}, ""},
		{"between and", "tv between $300 and $500", "tv", []string{"min_price 300 «between $300 and $500»", "max_price 500 «between $300 and $500»"}, ""},
		{"dash range", "desk lamp $20-$40", "desk lamp", []string{"min_price 20 «$20 - $40»", "max_price 40 «$20 - $40»"}, ""},
		{"from to", "drone from $100 to 300", "drone", []string{"min_price 100 «from $100 to 300»", "max_price 300 «from $100 to 300»"}, ""},
		{"from alone", "espresso machine from $150", "espresso machine", []string{"min_price 150 «from $150»"}, ""},
		{"and up", "boots $50 and up", "boots", []string{"min_price 50 «$50 and up»"}, ""},
		{"or less", "mouse 25 dollars or less", "mouse", []string{"max_price 25 «25 dollars or less»"}, ""},
		{"amount alone", "$50 headphones", "headphones", []string{"max_price 50 «$50»"}, ""},
		{"thousands", "laptop under $1,299.99", "laptop", []string{"max_price 1299.99 «under $1,299.99»"}, ""},
		{"around", "watch around $100", "watch", []string{"min_price 80 «around $100»", "max_price 120 «around $100»"}, ""},
		{"under a size is no price", "tv under 40 inch", "tv under 40 inch", nil, ""},
		{"pounds alone are a weight", "30 pound bag of dog food", "30 pound bag dog food", nil, ""},
		{"a range in pounds alone is a weight", "20-30 pounds dumbbell", "20 30 pounds dumbbell", nil, ""},
		{"pounds after a price word are money", "dress under 30 pounds", "dress", []string{"max_price 30 «under 30 pounds»"}, ""},
		{"pounds with a sign are money", "£30 scarf", "scarf", []string{"max_price 30 «£30»"}, ""},
		{"pounds in a range after between are money", "boots between 40 and 60 pounds", "boots", []string{"min_price 40 «between 40 and 60 pounds»", "max_price 60 «between 40 and 60 pounds»"}, ""},
		{"over under in a name", "Over/Under Shotgun Case", "over under shotgun case", nil, ""},
		{"over under name and a price", "over/under shotgun case under $80", "over under shotgun case", []string{"max_price 80 «under $80»"}, ""},
		{"under as a word", "under armour shorts", "under armour shorts", nil, ""},
		{"model number is no price", "wh-1000xm4 headphones", "wh 1000xm4 headphones", nil, ""},
		{"stars and up", "blender 4 stars and up", "blender", []string{"min_rating 4 «4 stars and up»"}, ""},
		{"rated plus", "rated 4+ tents", "tents", []string{"min_rating 4 «rated 4+»"}, ""},
		{"plus stars", "4.5+ stars vacuum", "vacuum", []string{"min_rating 4.5 «4.5+ stars»"}, ""},
		{"highly rated", "highly rated coffee grinder", "coffee grinder", []string{"min_rating 4 «highly rated»"}, ""},
		{"top-rated is an order", "top-rated air fryer", "air fryer", nil, ""},
		{"five stars", "5 star hotel pillow", "hotel pillow", []string{"min_rating 4.5 «5 star»"}, ""},
		{"a number is no rating", "4 person tent", "4 person tent", nil, ""},
		{"in stock", "yoga mat in stock", "yoga mat", []string{"in_stock 1 «in stock»"}, ""},
		{"available now", "available now standing desk", "standing desk", []string{"in_stock 1 «available now»"}, ""},
		{"subscription", "brita filters subscription", "brita filters", []string{"subscription 1 «subscription»"}, ""},
		{"autoship", "dog food on autoship", "dog food", []string{"subscription 1 «on autoship»"}, ""},
		{"subscribe and save", "subscribe and save coffee pods", "coffee pods", []string{"subscription 1 «subscribe and save»"}, ""},
		{"cheap", "cheap headphones", "headphones", nil, "cheap"},
		{"budget", "budget laptop", "laptop", nil, "budget"},
		{"all together", "i'm looking for cheap wireless earbuds under $60 rated 4+ in stock", "wireless earbuds",
			[]string{"max_price 60 «under $60»", "min_rating 4 «rated 4+»", "in_stock 1 «in stock»"}, "cheap"},
		{"sentence", "something to keep my coffee hot on the go", "keep coffee hot on go", nil, ""},
		{"what do i need", "what do i need to clean my glasses", "clean glasses", nil, ""},
		{"for my son", "a good bike for my son", "bike", nil, ""},
		{"kids stays", "best kids bike", "kids bike", nil, ""},
		{"only filler kept", "the best", "the best", nil, ""},
		{"a need's phrase keeps its filler word", "air quality", "air quality", nil, ""},
		{"filler apart from the need's other cue", "good quality air fryer", "air fryer", nil, ""},
		{"the cues out of the need's order", "quality air", "air", nil, ""},
		{"only a constraint", "under $20", "", []string{"max_price 20 «under $20»"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := understand(tt.text, v)
			if got := strings.Join(u.rest, " "); got != tt.rest {
				t.Errorf("words %q, want %q", got, tt.rest)
			}
			var got []string
			for _, f := range u.filters {
				got = append(got, fmt.Sprintf("%s %v «%s»", f.Filter, f.Value, f.Phrase))
			}
			if !slices.Equal(got, tt.filters) {
				t.Errorf("filters %q, want %q", got, tt.filters)
			}
			if u.cheap != tt.cheap {
				t.Errorf("cheap %q, want %q", u.cheap, tt.cheap)
			}
		})
	}
}

func BenchmarkUnderstand(b *testing.B) {
	v := BuiltinVocabulary()
	for _, text := range []string{"running shoes", "i'm looking for cheap wireless earbuds under $60 rated 4+ in stock"} {
		b.Run(fmt.Sprint(len(text)), func(b *testing.B) {
			for b.Loop() {
				understand(text, v)
			}
		})
	}
}
