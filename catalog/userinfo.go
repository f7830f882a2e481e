package catalog

import (
	"context"
	"errors"
	"fmt"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// CleanURL is what Normalize stores of a product's URL or image URL: raw cleaned as
// seller text is (text.Clean, at most 2048 bytes), less its user info
// (text.WithoutUserInfo). It reports whether user info was removed, so that an import
// can say so without repeating the URL.
func CleanURL(raw string) (string, bool) {
	return text.WithoutUserInfo(text.Clean(raw, maxURLLen))
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
		p.URL, inURL = text.WithoutUserInfo(p.URL)
		p.ImageURL, inImage = text.WithoutUserInfo(p.ImageURL)
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
