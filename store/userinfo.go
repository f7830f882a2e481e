package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// storedURLColumns are the seller URLs of orders and of their history that cleanURL
// keeps without user info: table, key columns, URL columns.
var storedURLColumns = []struct {
	table string
	key   []string
	urls  []string
}{
	{"orders", []string{"id"}, []string{"tracking_url", "permalink_url", "support_url", "delivery_url"}},
	{"order_events", []string{"order_id", "seq"}, []string{"tracking_url"}},
}

// stripStoredUserInfo leaves the user info out of every stored seller URL of orders
// and their history, once: when url_user_info_pending has a row (migration 0030). Two
// processes opening the store together may both do it; the second finds nothing left
// to change.
func stripStoredUserInfo(ctx context.Context, db *sql.DB) error {
	var pending bool
	if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM url_user_info_pending)`).Scan(&pending); err != nil {
		return fmt.Errorf("url user info: %w", err)
	}
	if !pending {
		return nil
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("url user info: %w", err)
	}
	defer tx.Rollback()
	for _, t := range storedURLColumns {
		if err := stripUserInfoOf(ctx, tx, t.table, t.key, t.urls); err != nil {
			return fmt.Errorf("url user info: %s: %w", t.table, err)
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

// stripUserInfoOf rewrites, in table, the URL columns urls of each row with an "@" in
// one of them, without their user info; key names a row.
func stripUserInfoOf(ctx context.Context, tx *sql.Tx, table string, key, urls []string) error {
	cols, where, set, match := "", "", "", ""
	for i, k := range key {
		cols += k + ", "
		if i > 0 {
			where += " AND "
		}
		where += k + " = ?"
	}
	for i, u := range urls {
		if i > 0 {
			cols, set, match = cols+", ", set+", ", match+" OR "
		}
		cols += u
		set += u + " = ?"
		match += "instr(" + u + ", '@') > 0"
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+cols+` FROM `+table+` WHERE `+match)
	if err != nil {
		return err
	}
	var fixes [][]any
	for rows.Next() {
		keys, vals := make([]any, len(key)), make([]string, len(urls))
		ptrs := make([]any, 0, len(keys)+len(vals))
		for i := range keys {
			ptrs = append(ptrs, &keys[i])
		}
		for i := range vals {
			ptrs = append(ptrs, &vals[i])
		}
		if err := rows.Scan(ptrs...); err != nil {
			rows.Close()
			return err
		}
		changed := false
		args := make([]any, 0, len(ptrs))
		for _, v := range vals {
			clean, removed := text.WithoutUserInfo(v)
			changed = changed || removed
			args = append(args, clean)
		}
		if changed {
			fixes = append(fixes, append(args, keys...))
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	for _, args := range fixes {
		if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET `+set+` WHERE `+where, args...); err != nil {
			return err
		}
	}
	return nil
}
