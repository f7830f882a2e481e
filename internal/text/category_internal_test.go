package text

import "testing"

// FuzzCategoryWritten holds Category's shortcut to what it stands for: a Cleaned path
// that categoryWritten accepts is one categoryParts returns as it is.
func FuzzCategoryWritten(f *testing.F) {
	for _, s := range []string{"", "a", "Home > Kitchen", "Home > > Kitchen", "> a", "a >", "a>b", "a >b",
		"a> b", ">", " > ", "a > b > c", "a >> b", "Beauty & Personal Care > Fragrance > Body Mists"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := Clean(s, 1000)
		if categoryWritten(c) && categoryParts(c) != c {
			t.Errorf("categoryWritten(%q) but categoryParts writes %q", c, categoryParts(c))
		}
	})
}
