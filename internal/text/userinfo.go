package text

import (
	"strings"
	"unicode"
)

// WithoutUserInfo returns raw with the user info of its authority left out (all of it
// up to the last "@" before the host, "user:password@" or "TOKEN@"), and the rest as
// written, and whether there was any. A URL a seller, a feed or an operator supplies
// with user info would otherwise carry a password or a token into every tool result,
// view or log line that shows it.
//
// The authority is read as a browser reads it, without deciding whether the rest is a
// valid URL (url.Parse refuses some that a browser opens): it follows "scheme://" or a
// leading "//"; after http, https, ws, wss and ftp it follows any run of "/" and "\"
// (none included: "https:user@host" is host "host" to a browser), and it ends at the
// first "/", "\", "?" or "#". So an "@" in a path, query or fragment is left alone.
//
// A value without an authority so marked is read as a URL written without its scheme
// ("user:pass@cdn.example/x.jpg", "TOKEN@cdn.example/x.jpg", "user:pass@cdn.example")
// when its first part (up to the first "/", "\", "?" or "#") has something before an
// "@" and a host-like name after it, and either more follows that part or the part
// starts like a scheme ("user:"), unless that is the scheme of an address or of data
// (mailto:, sip:, xmpp:, data: and the like). So these are left alone: a relative path with an "@" further on
// ("images/a@2x.jpg"), a bare file name or e-mail address ("a@2x.jpg",
// "orders@shop.example"), "mailto:orders@shop.example", a data: URL.
func WithoutUserInfo(raw string) (string, bool) {
	removed := false
	for {
		// Once more: what is left may start an authority again ("https://a@/b@host":
		// an empty host, then "b@" before "host").
		s, ok := withoutUserInfoOnce(raw)
		if !ok {
			return raw, removed
		}
		raw, removed = s, true
	}
}

// withoutUserInfoOnce is WithoutUserInfo's one pass.
func withoutUserInfoOnce(raw string) (string, bool) {
	start := authorityStart(raw)
	if start < 0 {
		return withoutSchemelessUserInfo(raw)
	}
	end := authorityEnd(raw, start)
	at := strings.LastIndexByte(raw[start:end], '@')
	if at < 0 {
		return raw, false
	}
	return raw[:start] + raw[start+at+1:], true
}

// authorityEnd is where the authority that starts at start ends: the first "/", "\",
// "?" or "#" after it, or the end of raw.
func authorityEnd(raw string, start int) int {
	if i := strings.IndexAny(raw[start:], `/\?#`); i >= 0 {
		return start + i
	}
	return len(raw)
}

// withoutSchemelessUserInfo is withoutUserInfoOnce for a value without a marked
// authority: the user info of a URL written without its scheme (see WithoutUserInfo).
func withoutSchemelessUserInfo(raw string) (string, bool) {
	end := authorityEnd(raw, 0)
	at := strings.LastIndexByte(raw[:end], '@')
	if at <= 0 || !hostLike(raw[at+1:end]) {
		return raw, false
	}
	colon := schemeEnd(raw)
	if colon >= 0 && colon < at && opaqueSchemes[strings.ToLower(raw[:colon])] {
		return raw, false
	}
	if end == len(raw) && (colon < 0 || colon > at) {
		return raw, false // a file name or an e-mail address: nothing follows the host, no "user:"
	}
	return raw[at+1:], true
}

// opaqueSchemes are schemes whose value has no authority and may hold an "@" that is
// not user info: an address ("user@host") or data.
var opaqueSchemes = map[string]bool{"mailto": true, "sip": true, "sips": true, "xmpp": true, "im": true, "pres": true,
	"tel": true, "sms": true, "geo": true, "news": true, "nntp": true, "acct": true, "data": true, "urn": true}

// hostLike reports whether s can be a host with an optional port: not empty, and made
// of letters, digits, ".", "-", "_", "~", "%", ":", "[", "]" and bytes of UTF-8
// characters beyond ASCII only.
func hostLike(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c >= 0x80:
		case strings.IndexByte(".-_~%:[]", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// authorityStart returns where the authority of raw begins (see WithoutUserInfo), or
// -1 when raw has none marked.
func authorityStart(raw string) int {
	skipSlashes := func(from int) int {
		return len(raw) - len(strings.TrimLeft(raw[from:], `/\`))
	}
	if strings.HasPrefix(raw, "//") {
		return skipSlashes(0)
	}
	colon := schemeEnd(raw)
	if colon < 0 {
		return -1
	}
	switch strings.ToLower(raw[:colon]) {
	case "http", "https", "ws", "wss", "ftp":
		return skipSlashes(colon + 1)
	}
	if strings.HasPrefix(raw[colon+1:], "//") {
		return colon + 3
	}
	return -1
}

// schemeEnd returns the index of the ":" that ends raw's scheme (a letter, then
// letters, digits, "+", "-" or "."), or -1 when raw does not start with one.
func schemeEnd(raw string) int {
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return i
		default:
			return -1
		}
	}
	return -1
}

// MaskURLUserInfo returns msg, a message that may quote URLs (an error of an HTTP
// client names the URL it called, with the user name kept and at most the password
// masked), with the user info of every "scheme://" URL in it left out.
func MaskURLUserInfo(msg string) string {
	var b strings.Builder
	for {
		i := strings.Index(msg, "://")
		if i < 0 {
			b.WriteString(msg)
			return b.String()
		}
		start := i + 3
		end := start + strings.IndexFunc(msg[start:]+" ", func(r rune) bool {
			return strings.ContainsRune(`/\?#"'<>`+"`", r) || unicode.IsSpace(r)
		})
		if at := strings.LastIndexByte(msg[start:end], '@'); at >= 0 {
			b.WriteString(msg[:start])
			msg = msg[start+at+1:]
			continue
		}
		b.WriteString(msg[:start])
		msg = msg[start:]
	}
}
