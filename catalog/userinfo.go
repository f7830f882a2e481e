package catalog

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// CleanURL is what Normalize stores of a product's URL or image URL: raw cleaned as
// seller text is (text.Clean, at most 2048 bytes), less its user info
// (WithoutUserInfo). It reports whether user info was removed, so that an import can
// say so without repeating the URL.
func CleanURL(raw string) (string, bool) {
	return WithoutUserInfo(text.Clean(raw, maxURLLen))
}

// WithoutUserInfo returns raw with the user info of its authority left out (all of it
// up to the last "@" before the host, "user:password@" or "TOKEN@"), and the rest as
// written, and whether there was any. A feed's URL with user info would otherwise carry
// a password or a token into every tool result that shows the product.
//
// The authority is read as a browser reads it, without deciding whether the rest is a
// valid URL (url.Parse refuses some that a browser opens): it follows "scheme://" or a
// leading "//"; after http, https, ws, wss and ftp it follows any run of "/" and "\"
// (none included: "https:user@host" is host "host" to a browser), and it ends at the
// first "/", "\", "?" or "#". So an "@" in a path, query or fragment is left alone, and
// so is every "@" of a value with no authority: a relative path ("a@2x.jpg"), an
// address without a scheme ("cdn.example/a@b"), mailto: and other schemes without "//".
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
		return raw, false
	}
	end := len(raw)
	if i := strings.IndexAny(raw[start:], `/\?#`); i >= 0 {
		end = start + i
	}
	at := strings.LastIndexByte(raw[start:end], '@')
	if at < 0 {
		return raw, false
	}
	return raw[:start] + raw[start+at+1:], true
}

// authorityStart returns where the authority of raw begins (see WithoutUserInfo), or
// -1 when raw has none.
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

// storedUserInfoSQL reads the products whose stored URL or image URL has an "@", with
// their rowid: those whose user info a catalog written before migration 0045 may hold.
const storedUserInfoSQL = `SELECT ` + productColumns + `, p.rowid
	FROM products p ` + productJoins + `
	WHERE p.rowid IN (SELECT rowid FROM product_text WHERE instr(url, '@') > 0 OR instr(image_url, '@') > 0)`

// stripStoredUserInfo leaves the user info out of every stored URL and image URL, and
// rewrites the cards of the products it changes, once: when url_user_info_pending has
// a row (migration 0045). A text write, it moves catalog_changes.text when it changes a
// product. Two processes opening the catalog together may both do it; the second finds
// nothing left to change.
func (c *Catalog) stripStoredUserInfo(ctx context.Context) error {
	var pending bool
	if err := c.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM url_user_info_pending)`).Scan(&pending); err != nil {
		return fmt.Errorf("url user info: %w", err)
	}
	if !pending {
		return nil
	}
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("url user info: %w", err)
	}
	defer tx.Rollback()
	type fix struct {
		rowid               int64
		url, imageURL, card string
	}
	var fixes []fix
	rows, err := tx.QueryContext(ctx, storedUserInfoSQL)
	if err != nil {
		return fmt.Errorf("url user info: %w", err)
	}
	for rows.Next() {
		var rowid int64
		p, err := scanProduct(rows, &rowid)
		if err != nil {
			rows.Close()
			return fmt.Errorf("url user info: %w", err)
		}
		var inURL, inImage bool
		p.URL, inURL = WithoutUserInfo(p.URL)
		p.ImageURL, inImage = WithoutUserInfo(p.ImageURL)
		if inURL || inImage {
			fixes = append(fixes, fix{rowid, p.URL, p.ImageURL, cardOf(&p)})
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return fmt.Errorf("url user info: %w", err)
	}
	for _, f := range fixes {
		if _, err := tx.ExecContext(ctx, `UPDATE product_text SET url = ?, image_url = ?, card = ? WHERE rowid = ?`,
			f.url, f.imageURL, f.card, f.rowid); err != nil {
			return fmt.Errorf("url user info: %w", err)
		}
	}
	if len(fixes) > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE catalog_changes SET text = text + 1 WHERE id = 1`); err != nil {
			return fmt.Errorf("url user info: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM url_user_info_pending`); err != nil {
		return fmt.Errorf("url user info: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("url user info: %w", err)
	}
	return nil
}
