package catalog

import (
	"context"
	"fmt"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// The statements that write a new product and what is derived from it, one row each;
// inserter repeats their VALUES tuple to write several rows at once.
const (
	insertProductSQL = `INSERT INTO products (rowid, id, group_id, seller_id, brand, brand_key, category_id,
	price_amount, price_exp, currency, stock, availability, rating, review_count, hidden, updated_at,
	billing_interval, billing_every, trial_days, on_sale, gender, age)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	insertCodeSQL = `INSERT OR IGNORE INTO product_codes (code, rowid) VALUES (?, ?)`
)

// maxInsertRows is the most rows one INSERT statement of inserter writes (22 columns
// of products: 1,408 parameters, far below SQLite's limit of 32,766).
const maxInsertRows = 64

// inserter writes new products several to a statement: per row, a statement costs
// SQLite and database/sql about as much again as the row itself. Rows wait in the
// inserter until maxInsertRows are there or flush is called; nothing may read or
// update a waiting product before it is flushed.
type inserter struct {
	w     *writer
	rows  []newRow
	codes []any // code, rowid, code, rowid, … of the waiting rows
	args  []any
}

// newRow is a product to insert at rowid, with the ids of its category (nil for none)
// and brand (0 for none).
type newRow struct {
	d        *derived
	rowid    int64
	category any
	brand    int64
}

// inserter returns w's inserter, empty.
func (w *writer) inserter() *inserter {
	if w.ins == nil {
		w.ins = &inserter{w: w}
	}
	w.ins.rows, w.ins.codes = w.ins.rows[:0], w.ins.codes[:0]
	return w.ins
}

func (in *inserter) add(ctx context.Context, d *derived, rowid int64, category any, brand int64) error {
	in.rows = append(in.rows, newRow{d, rowid, category, brand})
	for _, c := range d.codes {
		in.codes = append(in.codes, c, rowid)
	}
	if len(in.rows) >= maxInsertRows {
		return in.flush(ctx)
	}
	return nil
}

// flush writes the waiting rows: products, product_keys, product_rank and product_codes
// (their product_text waits for writer.writeText), in statements of a power of two rows each (so that few distinct
// statements are prepared).
func (in *inserter) flush(ctx context.Context) error {
	rows := in.rows
	for len(rows) > 0 {
		n := maxInsertRows
		for n > len(rows) {
			n /= 2
		}
		if err := in.write(ctx, rows[:n]); err != nil {
			return err
		}
		rows = rows[n:]
	}
	codes := in.codes
	for len(codes) > 0 {
		n := 4 * maxInsertRows
		for 2*n > len(codes) {
			n /= 2
		}
		if err := in.exec(ctx, insertCodeSQL, n, codes[:2*n]); err != nil {
			return fmt.Errorf("upsert product codes: %w", err)
		}
		codes = codes[2*n:]
	}
	in.rows, in.codes = in.rows[:0], in.codes[:0]
	return nil
}

// write inserts rows, one statement per table, and queues their text (see writeText).
func (in *inserter) write(ctx context.Context, rows []newRow) error {
	a := in.args[:0]
	for _, r := range rows {
		p := &r.d.p
		b := p.billing()
		a = append(a, r.rowid, p.ID, p.GroupID, p.SellerID, p.Brand, r.d.brandKey, r.category, p.Price.Amount,
			money.Exponent(p.Price.Currency), p.Price.Currency, p.Stock, string(p.Availability), p.Rating,
			p.ReviewCount, p.Hidden, in.w.now, b.Interval, b.Every, b.TrialDays, p.onSale(), p.genderAttr(), p.ageAttr())
	}
	err := in.exec(ctx, insertProductSQL, len(rows), a)
	if err == nil {
		for _, r := range rows {
			in.w.queueText(r.rowid, r.d)
		}
	}
	if err == nil {
		a = a[:0]
		for _, r := range rows {
			k := keysOf(&r.d.p, r.category, r.brand)
			a = append(a, r.rowid, k.hidden, k.inStock, k.category, k.brand, k.amount, k.exp, k.rating, k.reviews)
		}
		err = in.execThen(ctx, insertKeysSQL, len(rows), keysConflict, a)
	}
	if err == nil {
		a = a[:0]
		for _, r := range rows {
			a = append(a, r.rowid, r.d.rank.head, r.d.rank.category, r.d.rank.forKeys, r.d.rank.titleKeys, r.d.rank.categoryKeys)
		}
		err = in.exec(ctx, insertRankSQL, len(rows), a)
	}
	if err == nil && in.w.learn != nil {
		for _, r := range rows {
			in.w.learn.add(r.d.rank, 1)
		}
	}
	clear(a) // let the rows' strings go
	in.args = a[:0]
	if err != nil {
		return fmt.Errorf("upsert %q: %w", rows[0].d.p.ID, err)
	}
	return nil
}

// insertRankSQL writes the product_rank row of a new product (the inserter's rows are
// all new: no row to update, see upsertRankSQL).
const insertRankSQL = `INSERT INTO product_rank (rowid, head, category, for_keys, title_keys, category_keys) VALUES (?, ?, ?, ?, ?, ?)`

// exec runs query, a statement ending in one VALUES tuple, with that tuple repeated for
// n rows, on args.
func (in *inserter) exec(ctx context.Context, query string, n int, args []any) error {
	return in.execThen(ctx, query, n, "", args)
}

// execThen is exec of multiRowThen(query, n, then).
func (in *inserter) execThen(ctx context.Context, query string, n int, then string, args []any) error {
	st, err := in.w.stmt(ctx, multiRowThen(query, n, then))
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

// multiRowThen is multiRow(query, n) followed by then.
func multiRowThen(query string, n int, then string) string {
	return multiRow(query, n) + then
}

// multiRow returns query, which ends in "VALUES (…)", with its tuple repeated n times.
func multiRow(query string, n int) string {
	if n == 1 {
		return query
	}
	i := strings.LastIndex(query, "VALUES (") + len("VALUES ")
	tuple := query[i:]
	var b strings.Builder
	b.Grow(len(query) + (n-1)*(len(tuple)+2))
	b.WriteString(query)
	for range n - 1 {
		b.WriteString(", ")
		b.WriteString(tuple)
	}
	return b.String()
}

// upsertTextSQL writes rows of product_text, inserting new ones and updating stored
// ones; writeText repeats its VALUES tuple (see multiRowThen).
const (
	upsertTextSQL = `INSERT INTO product_text (rowid, title, brand, category, tags, description, attributes,
	url, image_url, gtin, card) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	upsertTextConflict = ` ON CONFLICT (rowid) DO UPDATE SET title = excluded.title, brand = excluded.brand,
	category = excluded.category, tags = excluded.tags, description = excluded.description,
	attributes = excluded.attributes, url = excluded.url, image_url = excluded.image_url,
	gtin = excluded.gtin, card = excluded.card`
)

// Rows of product_text per statement of writeText: up to maxTextExact rows in one
// statement of exactly as many rows, more in statements of a power of two rows up
// to maxTextRows (11 parameters a row: 11,264 for 1,024, below SQLite's limit of
// 32,766), so that few distinct statements are prepared.
const (
	maxTextExact = 64
	maxTextRows  = 1024
)

// textRow is a row of product_text waiting for writeText.
type textRow struct {
	rowid int64
	d     *derived
}

// queueText makes d the text of the product at rowid, to be written by writeText; a
// later call for the same rowid replaces an earlier one.
func (w *writer) queueText(rowid int64, d *derived) {
	if i, ok := w.textAt[rowid]; ok {
		w.text[i].d = d
		return
	}
	w.textAt[rowid] = len(w.text)
	w.text = append(w.text, textRow{rowid, d})
}

// writeText writes the queued rows of product_text, last in a write call. The
// full-text index follows product_text through triggers (migration 0001, and 0026 for
// updates, which re-index only text that changed), and FTS5 writes the terms it
// gathered out as a segment of the index whenever another statement begins in the
// transaction: text written row by row, or between other writes, made one small
// segment per product, each merged again later. Written in one statement after
// everything else, as an upsert of up to maxTextExact products is, it makes one per
// call; a batch of 1,000 makes six.
func (w *writer) writeText(ctx context.Context) error {
	if err := w.countWords(ctx, w.text); err != nil {
		return err
	}
	rows := w.text
	for len(rows) > 0 {
		n := len(rows)
		if n > maxTextExact {
			n = maxTextRows
			for n > len(rows) {
				n /= 2
			}
		}
		a := w.textArgs[:0]
		for _, r := range rows[:n] {
			p := &r.d.p
			a = append(a, r.rowid, p.Title, p.Brand, p.Category, r.d.tags, p.Description, r.d.attrs, p.URL,
				p.ImageURL, p.GTIN, r.d.card)
		}
		err := w.exec(ctx, multiRowThen(upsertTextSQL, n, upsertTextConflict), a...)
		clear(a) // let the products go
		w.textArgs = a[:0]
		if err != nil {
			return fmt.Errorf("upsert %q: %w", rows[0].d.p.ID, err)
		}
		rows = rows[n:]
	}
	w.dropText()
	return nil
}

// dropText empties the text queue. write calls it first too, so the text a failed
// call queued (for rows its rolled-back statements may never have written) is never
// written by the writer's next call.
func (w *writer) dropText() {
	clear(w.text)
	w.text = w.text[:0]
	clear(w.textAt)
	clear(w.oldHead)
}
