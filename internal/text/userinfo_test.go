package text_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// userInfoCases are URLs with and without user info and what is stored of them.
var userInfoCases = []struct {
	name, raw, want string
}{
	{"user and password", "https://user:pass@cdn.example/x.jpg", "https://cdn.example/x.jpg"},
	{"a token", "https://TOKEN@host.example/p/1?ref=feed", "https://host.example/p/1?ref=feed"},
	{"no user info", "https://cdn.example/x.jpg", "https://cdn.example/x.jpg"},
	{"empty", "", ""},
	{"an empty user info", "https://@cdn.example/x.jpg", "https://cdn.example/x.jpg"},
	{"a port", "https://user:pass@cdn.example:8443/x.jpg", "https://cdn.example:8443/x.jpg"},
	{"a port and no user info", "https://cdn.example:8443/x.jpg", "https://cdn.example:8443/x.jpg"},
	{"an IPv6 host", "https://user:pass@[2001:db8::1]:8443/x.jpg", "https://[2001:db8::1]:8443/x.jpg"},
	{"an IPv6 host and no user info", "https://[2001:db8::1]/x.jpg", "https://[2001:db8::1]/x.jpg"},
	{"percent-encoded user info", "https://us%40er:p%3Ass%2F@cdn.example/x.jpg", "https://cdn.example/x.jpg"},
	{"an @ in the password", "https://user:p@ss@cdn.example/x.jpg", "https://cdn.example/x.jpg"},
	{"mixed-case scheme", "HtTpS://user:pass@Cdn.Example/X.jpg", "HtTpS://Cdn.Example/X.jpg"},
	{"http", "http://user:pass@cdn.example/x.jpg", "http://cdn.example/x.jpg"},
	{"another scheme with //", "sftp://user:pass@files.example/x.jpg", "sftp://files.example/x.jpg"},
	{"no authority end", "https://user:pass@cdn.example", "https://cdn.example"},
	{"a query right after the host", "https://user:pass@cdn.example?x=1", "https://cdn.example?x=1"},
	{"an @ in the path", "https://cdn.example/@shop/x.jpg", "https://cdn.example/@shop/x.jpg"},
	{"an @ in a file name", "https://cdn.example/x@2x.jpg", "https://cdn.example/x@2x.jpg"},
	{"an @ in the query", "https://shop.example/p?email=a@b.example", "https://shop.example/p?email=a@b.example"},
	{"an @ in the fragment", "https://shop.example/p#a@b", "https://shop.example/p#a@b"},
	{"user info and an @ in the path", "https://u:p@cdn.example/@shop/x.jpg", "https://cdn.example/@shop/x.jpg"},
	{"a URL url.Parse refuses", "https://user:pa ss@cdn.example/x.jpg", "https://cdn.example/x.jpg"},
	{"a bad escape url.Parse refuses", "https://user:p%zz@cdn.example/x.jpg", "https://cdn.example/x.jpg"},
	{"no slashes after https", "https:user:pass@cdn.example/x.jpg", "https:cdn.example/x.jpg"},
	{"three slashes", "https:///user:pass@cdn.example/x.jpg", "https:///cdn.example/x.jpg"},
	{"backslashes", `https:\\user:pass@cdn.example\x.jpg`, `https:\\cdn.example\x.jpg`},
	{"a backslash ends the authority", `https://cdn.example\images\x@2x.jpg`, `https://cdn.example\images\x@2x.jpg`},
	{"no scheme, //", "//user:pass@cdn.example/x.jpg", "//cdn.example/x.jpg"},
	{"no scheme, a relative path", "images/x@2x.jpg", "images/x@2x.jpg"},
	{"no scheme, user info and a path", "user@cdn/x", "cdn/x"},
	{"no scheme, user, password and a path", "user:pass@cdn.example/x.jpg", "cdn.example/x.jpg"},
	{"no scheme, a token and a query", "TOKEN@shop.example?p=1", "shop.example?p=1"},
	{"no scheme, user and password only", "user:pass@cdn.example", "cdn.example"},
	{"no scheme, a port", "user:pass@cdn.example:8443/x.jpg", "cdn.example:8443/x.jpg"},
	{"no scheme, a backslash", `user:pass@cdn.example\x.jpg`, `cdn.example\x.jpg`},
	{"no scheme, an @ in the password", "user:p@ss@cdn.example/x", "cdn.example/x"},
	{"no scheme, a file name", "x@2x.jpg", "x@2x.jpg"},
	{"no scheme, an e-mail address", "orders@shop.example", "orders@shop.example"},
	{"no scheme, nothing before the @", "@shop/x.jpg", "@shop/x.jpg"},
	{"no scheme, not a host after the @", "a@b c/x", "a@b c/x"},
	{"mailto with a path", "mailto:orders@shop.example/x", "mailto:orders@shop.example/x"},
	{"sip", "sip:alice@pbx.example", "sip:alice@pbx.example"},
	{"data with an @", "data:,a@b.example/x", "data:,a@b.example/x"},
	{"no scheme, a host", "cdn.example/x.jpg", "cdn.example/x.jpg"},
	{"no scheme, an @ in the path", "cdn.example/@shop/x.jpg", "cdn.example/@shop/x.jpg"},
	{"an empty host, then more user info", "https://a@/b@cdn.example/x.jpg", "https:///cdn.example/x.jpg"},
	{"mailto", "mailto:orders@shop.example", "mailto:orders@shop.example"},
	{"data", "data:image/png;base64,QUJD", "data:image/png;base64,QUJD"},
}

// TestWithoutUserInfo: a URL's user info is left out, the rest kept as written, and
// nothing is changed of a URL without it; what is left never has user info by
// url.Parse's reading either, and a second pass changes nothing.
func TestWithoutUserInfo(t *testing.T) {
	for _, tc := range userInfoCases {
		t.Run(tc.name, func(t *testing.T) {
			got, removed := text.WithoutUserInfo(tc.raw)
			if got != tc.want || removed != (got != tc.raw) {
				t.Errorf("WithoutUserInfo(%q) = %q, %v; want %q, %v", tc.raw, got, removed, tc.want, tc.want != tc.raw)
			}
			checkNoUserInfo(t, got)
		})
	}
}

// checkNoUserInfo fails t when s still has user info.
func checkNoUserInfo(t *testing.T, s string) {
	t.Helper()
	if u, err := url.Parse(s); err == nil && u.User != nil {
		t.Errorf("%q: url.Parse still finds user info %q", s, u.User.String())
	}
	if again, removed := text.WithoutUserInfo(s); removed {
		t.Errorf("%q: a second pass removes more: %q", s, again)
	}
}

func FuzzWithoutUserInfo(f *testing.F) {
	for _, tc := range userInfoCases {
		f.Add(tc.raw)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got, removed := text.WithoutUserInfo(raw)
		if removed != (got != raw) || (!strings.Contains(raw, "@") && removed) {
			t.Fatalf("WithoutUserInfo(%q) = %q, %v", raw, got, removed)
		}
		checkNoUserInfo(t, got)
	})
}

// TestMaskURLUserInfo: the URLs quoted in a message lose their user info, whatever
// quotes or words surround them; the rest of the message is kept.
func TestMaskURLUserInfo(t *testing.T) {
	for _, tc := range []struct{ name, msg, want string }{
		{"a Go client error, user kept and password masked",
			`Post "https://user:***@seller.example/checkout_sessions": dial tcp: connection refused`,
			`Post "https://seller.example/checkout_sessions": dial tcp: connection refused`},
		{"a token as the user", `Get "http://tok_123@127.0.0.1:1/x": EOF`, `Get "http://127.0.0.1:1/x": EOF`},
		{"two URLs", "from https://a:b@one.example to wss://c@two.example:8443?q=1 done",
			"from https://one.example to wss://two.example:8443?q=1 done"},
		{"an @ after the host", `"https://shop.example/@me?to=a@b.example"`, `"https://shop.example/@me?to=a@b.example"`},
		{"an e-mail address beside a URL", "ann@example.com at https://shop.example", "ann@example.com at https://shop.example"},
		{"no URL", "nothing here: a@b", "nothing here: a@b"},
		{"a URL at the end", "see https://x@y.example", "see https://y.example"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := text.MaskURLUserInfo(tc.msg); got != tc.want {
				t.Errorf("MaskURLUserInfo(%q) = %q, want %q", tc.msg, got, tc.want)
			}
		})
	}
}
