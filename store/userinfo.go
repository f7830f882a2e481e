package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// storedURLs names a table's seller URL columns and its key columns.
type storedURLs struct {
	table string
	key   []string
	urls  []string
}

// storedURLColumns are the seller URLs of orders and of their history that cleanURL
// keeps without user info: table, key columns, URL columns.
var storedURLColumns = []storedURLs{
	{"orders", []string{"id"}, []string{"tracking_url", "permalink_url", "support_url", "delivery_url"}},
	{"order_events", []string{"order_id", "seq"}, []string{"tracking_url"}},
}

// stripStoredUserInfo leaves the user info out of every stored seller URL of orders
// and their history that has any: those a store written before migration 0030 may
// hold. It runs at every open; the migration's partial indexes make its look a read
// of the rows with an "@" in a URL, none once cleaned but for an "@" in a path or
// query. Two processes opening the store together may both rewrite a row; the second
// changes nothing.
func stripStoredUserInfo(ctx context.Context, db *sql.DB) error {
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
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("url user info: %w", err)
	}
	return nil
}

// storedURLQueries are the query reading, in table, the key columns key and the URL
// columns urls of the rows with an "@" in one of those URLs (as the partial index of
// migration 0030 says it, so that the query reads the index), and the update writing
// the URLs of one row.
func storedURLQueries(table string, key, urls []string) (read, update string) {
	match := make([]string, len(urls))
	set := make([]string, len(urls))
	for i, u := range urls {
		match[i] = "instr(" + u + ", '@') > 0"
		set[i] = u + " = ?"
	}
	where := make([]string, len(key))
	for i, k := range key {
		where[i] = k + " = ?"
	}
	return `SELECT ` + strings.Join(append(slices.Clone(key), urls...), ", ") + ` FROM ` + table + ` WHERE ` + strings.Join(match, " OR "),
		`UPDATE ` + table + ` SET ` + strings.Join(set, ", ") + ` WHERE ` + strings.Join(where, " AND ")
}

// stripUserInfoOf rewrites, in table, the URL columns urls of each row with an "@" in
// one of them, without their user info; key names a row.
func stripUserInfoOf(ctx context.Context, tx *sql.Tx, table string, key, urls []string) error {
	read, update := storedURLQueries(table, key, urls)
	rows, err := tx.QueryContext(ctx, read)
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
		if _, err := tx.ExecContext(ctx, update, args...); err != nil {
			return err
		}
	}
	return nil
}
