package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// index_words (migration 0029) holds every term of the full-text index with how many
// products have it, as products_vocab gives them, so that spelling reads the most
// common words of a letter from an index instead of walking the index's lists; and,
// with docs 0, the terms that left the index since it was last filled. Each row says
// which write last changed it (migration 0033), so that spelling can follow the
// writes (see spellCandidates). Its one owner is this file: countWords follows each write
// of product text, fillWords fills the table from products_vocab after a bulk load and
// when a product deleted with SQL left it stale.

// Terms are counted with FTS5 itself, so that they are the index's terms exactly: the
// text a write removes and the text it adds go into two contentless full-text tables
// of the connection's temp schema, tokenized as products_fts is, and their vocabularies
// (how many of those products have each term) are taken from and added to index_words.
const wordsTempSQL = `
CREATE VIRTUAL TABLE IF NOT EXISTS temp.words_added USING fts5 (title, brand, category, tags, description,
	content = '', detail = none, tokenize = 'porter unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE IF NOT EXISTS temp.words_removed USING fts5 (title, brand, category, tags, description,
	content = '', detail = none, tokenize = 'porter unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE IF NOT EXISTS temp.words_added_vocab USING fts5vocab (temp, words_added, 'row');
CREATE VIRTUAL TABLE IF NOT EXISTS temp.words_removed_vocab USING fts5vocab (temp, words_removed, 'row');
INSERT INTO temp.words_added (words_added) VALUES ('delete-all');
INSERT INTO temp.words_removed (words_removed) VALUES ('delete-all');`

// wordsFoldSQL adds the terms of words_added to index_words and takes those of
// words_removed from it, stamping each term whose count changes with the write's text
// version (the writer moved it first). A term no product has any more keeps its row,
// with docs 0: that tells spelling's words in memory that it left (see spellCandidates).
// It also moves catalog_changes.indexed (migration 0035): some product's indexed text
// changed, so what a learned view read of it is out of date (see learnedView).
const wordsFoldSQL = `
UPDATE catalog_changes SET indexed = indexed + 1 WHERE id = 1;
INSERT INTO index_words (term, docs, changed)
	SELECT term, sum(n), (SELECT text FROM catalog_changes WHERE id = 1) FROM (SELECT term, doc AS n FROM temp.words_added_vocab
		UNION ALL SELECT term, -doc FROM temp.words_removed_vocab) WHERE true GROUP BY term HAVING sum(n) != 0
	ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs, changed = excluded.changed;`

// wordsInsertSQL adds one product's indexed text to a temp table (%s); maxWordsRows
// rows go in one statement.
const (
	wordsInsertSQL = `INSERT INTO temp.%s (title, brand, category, tags, description) VALUES (?, ?, ?, ?, ?)`
	maxWordsRows   = 64
)

// indexedText is what products_fts indexes of a product.
type indexedText struct{ title, brand, category, tags, description string }

func textOf(d *derived) indexedText {
	return indexedText{d.p.Title, d.p.Brand, d.p.Category, d.tags, d.p.Description}
}

// countWords keeps index_words equal to products_vocab for the rows of product_text
// that writeText is about to write: it takes away the terms of each stored product
// whose indexed text changes and adds those of its new text (and of new products).
// When there are any, it moves catalog_changes.indexed (see wordsFoldSQL): a write
// that changes no indexed text (price, rating, stock only) leaves it, unless it
// rewrites a stale product_rank.head (see the loop).
// A bulk load counts nothing here: its Commit fills the table (see fillWords).
func (w *writer) countWords(ctx context.Context, rows []textRow) error {
	if w.learn != nil || len(rows) == 0 { // a bulk load
		return nil
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.rowid
	}
	list, _ := json.Marshal(ids) // []int64 cannot fail to marshal
	st, err := w.stmt(ctx, `SELECT rowid, title, brand, category, tags, description FROM product_text
		WHERE rowid IN (SELECT value FROM json_each(?))`)
	if err != nil {
		return err
	}
	stored := map[int64]indexedText{}
	rs, err := st.QueryContext(ctx, string(list))
	if err != nil {
		return fmt.Errorf("index words: %w", err)
	}
	for rs.Next() {
		var id int64
		var t indexedText
		if err := rs.Scan(&id, &t.title, &t.brand, &t.category, &t.tags, &t.description); err != nil {
			rs.Close()
			return fmt.Errorf("index words: %w", err)
		}
		stored[id] = t
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return fmt.Errorf("index words: %w", err)
	}
	var added, removed []indexedText
	var addedAt, removedAt []int // the rows of added and removed texts
	for i, r := range rows {
		t := textOf(r.d)
		if old, ok := stored[r.rowid]; ok {
			// The same text under a new head is logged as a change too: the head is what
			// a kept spread counts the product under (see usedAt). It comes of the title,
			// brand and category alone (rankRowOf), so only a product_rank.head written by
			// an earlier titleHead differs (the rank fill, fillRankBatch, which moves no change counter); the
			// removed and added texts are the same words, which wordsFoldSQL nets out.
			if old == t && w.oldHead[r.rowid] == r.d.rank.head {
				continue // the index keeps it as it is (migration 0026)
			}
			removed = append(removed, old)
			removedAt = append(removedAt, i)
		}
		added = append(added, t)
		addedAt = append(addedAt, i)
	}
	if len(added) == 0 {
		return nil
	}
	if _, err := w.tx.ExecContext(ctx, wordsTempSQL); err != nil {
		return fmt.Errorf("index words: %w", err)
	}
	for _, part := range []struct {
		table string
		texts []indexedText
	}{{"words_added", added}, {"words_removed", removed}} {
		if err := w.tempText(ctx, part.table, part.texts); err != nil {
			return fmt.Errorf("index words: %w", err)
		}
	}
	if _, err := w.tx.ExecContext(ctx, wordsFoldSQL); err != nil {
		return fmt.Errorf("index words: %w", err)
	}
	if len(removed)+len(added) > maxLoggedRows {
		return nil // indexed moved alone: readers read every word again
	}
	// Removed, then added, as written to the temp tables. A removed text's head is the
	// one product_rank had before this call rewrote it (oldHead), which is the head a
	// spread read before the write counted the product under.
	logged := make([]loggedText, 0, len(removed)+len(added))
	for j, i := range removedAt {
		logged = append(logged, loggedText{removed[j], rows[i].rowid, w.oldHead[rows[i].rowid], false})
	}
	for j, i := range addedAt {
		logged = append(logged, loggedText{added[j], rows[i].rowid, rows[i].d.rank.head, true})
	}
	if err := w.logText(ctx, logged); err != nil {
		return fmt.Errorf("text log: %w", err)
	}
	return nil
}

// Bounds of text_log (migration 0037): a write logs at most maxLoggedRows texts
// (removed and added), at rowids from its indexed version times textLogSpan, and the
// log keeps the texts of the last textLogKeep writes.
const (
	maxLoggedRows = 128
	textLogSpan   = 1024
	textLogKeep   = 64
)

// loggedText is a row of text_log and of text_log_rows: a product's indexed text that
// a write removed or added, with the product's rowid and the text's title head.
type loggedText struct {
	text    indexedText
	product int64
	head    string // product_rank.head: the stored one for a removed text, rankRowOf's for an added one
	added   bool
}

// logText writes texts, what a write that just moved catalog_changes.indexed (see
// wordsFoldSQL) removed from the index and added to it, into text_log and
// text_log_rows (whose product and head it is), moves catalog_changes.logged with
// indexed, and deletes the rows of writes older than textLogKeep (see usedAt).
func (w *writer) logText(ctx context.Context, texts []loggedText) error {
	st, err := w.stmt(ctx, `UPDATE catalog_changes SET logged = logged + 1 WHERE id = 1 RETURNING indexed`)
	if err != nil {
		return err
	}
	var v int64
	if err := st.QueryRowContext(ctx).Scan(&v); err != nil {
		return err
	}
	for _, table := range []string{"text_log", "text_log_rows"} {
		if err := w.exec(ctx, `DELETE FROM `+table+` WHERE rowid < ?`, (v-textLogKeep+1)*textLogSpan); err != nil {
			return err
		}
	}
	args := make([]any, 0, 6*len(texts))
	for i, t := range texts {
		args = append(args, v*textLogSpan+int64(i), t.text.title, t.text.brand, t.text.category, t.text.tags, t.text.description)
	}
	if err := w.exec(ctx, multiRow(`INSERT INTO text_log (rowid, title, brand, category, tags, description) VALUES (?, ?, ?, ?, ?, ?)`,
		len(texts)), args...); err != nil {
		return err
	}
	args = args[:0]
	for i, t := range texts {
		args = append(args, v*textLogSpan+int64(i), t.product, t.head, t.added)
	}
	return w.exec(ctx, multiRow(`INSERT INTO text_log_rows (rowid, product, head, added) VALUES (?, ?, ?, ?)`, len(texts)), args...)
}

// tempText inserts texts into the temp table, maxWordsRows to a statement. The
// statements name a temp table, which exists on the transaction's connection only, so
// they are run on the transaction rather than prepared through the Catalog's cache.
func (w *writer) tempText(ctx context.Context, table string, texts []indexedText) error {
	var args []any
	for len(texts) > 0 {
		n := min(len(texts), maxWordsRows)
		args = args[:0]
		for _, t := range texts[:n] {
			args = append(args, t.title, t.brand, t.category, t.tags, t.description)
		}
		if _, err := w.tx.ExecContext(ctx, multiRow(fmt.Sprintf(wordsInsertSQL, table), n), args...); err != nil {
			return err
		}
		texts = texts[n:]
	}
	return nil
}

// fillWordsSQL fills index_words from products_vocab, which walks the whole index
// once, stamps every row with a new text version, and marks the table fresh; it moves
// catalog_changes.indexed too (a bulk load's text is counted by nothing else). With no
// row left older than that version, spelling reads its words afresh (see spellCandidates).
// The version moves first so that a fill always looks like one: a process that read its
// words at the version before (a server beside an import that filled the table after
// products were deleted with SQL before migration 0036, when a delete moved nothing)
// must not take the fill for "no change" and keep the deleted products' words.
const fillWordsSQL = `UPDATE catalog_changes SET text = text + 1, indexed = indexed + 1 WHERE id = 1;
	DELETE FROM index_words;
	INSERT INTO index_words (term, docs, changed) SELECT term, doc, (SELECT text FROM catalog_changes WHERE id = 1) FROM products_vocab;
	DELETE FROM index_words_stale;`

// fillWords fills index_words in tx (see fillWordsSQL).
func fillWords(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, fillWordsSQL); err != nil {
		return fmt.Errorf("index words: %w", err)
	}
	return nil
}

// fillStaleWords fills index_words when it is stale: a new catalog, one written before
// migration 0029, or one a product was deleted from with SQL.
func (c *Catalog) fillStaleWords(ctx context.Context) error {
	var stale bool
	if err := c.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM index_words_stale)`).Scan(&stale); err != nil {
		return fmt.Errorf("index words: %w", err)
	}
	if !stale {
		return nil
	}
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("index words: %w", err)
	}
	defer tx.Rollback()
	if err := fillWords(ctx, tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("index words: %w", err)
	}
	return nil
}

// commonWordsSQL reads the maxSpellCandidates most common indexed words that start
// with ?2 (whose first letter is ?1), most common first and then in order, from
// index_words; commonWordsVocabSQL reads the same from products_vocab, while
// index_words is stale. Each returns them as one row of text, "term docs term docs …"
// (a term has no space), which costs a fraction of reading a row per word.
const (
	commonWordsSQL = `SELECT coalesce(group_concat(term || ' ' || docs, ' ' ORDER BY docs DESC, term), '') FROM (
		SELECT term, docs FROM index_words WHERE substr(term, 1, 1) = ?1 AND docs > 0 AND term >= ?2 AND term < ?2 || char(65535)
		ORDER BY docs DESC, term LIMIT ?3)`
	commonWordsVocabSQL = `SELECT coalesce(group_concat(term || ' ' || doc, ' ' ORDER BY doc DESC, term), '') FROM (
		SELECT term, doc FROM products_vocab WHERE term >= ?2 AND term < ?2 || char(65535) AND ?1 = ?1
		ORDER BY doc DESC, term LIMIT ?3)`
)

// commonWords returns the limit most common indexed words that start with start,
// with how many products have each, most common first and then in order (see
// commonWordsSQL), and whether they were read from index_words (not stale); only
// term and doc are set.
func (c *Catalog) commonWords(ctx context.Context, start string, limit int) ([]spellCandidate, bool, error) {
	query, args, err := c.commonWordsQuery(ctx, start, limit)
	if err != nil {
		return nil, false, err
	}
	words, err := c.readCommonWords(ctx, query, args)
	return words, query == commonWordsSQL, err
}

// commonWordsQuery returns the statement that reads the limit most common words of
// start and its arguments: commonWordsSQL, or commonWordsVocabSQL while index_words is
// stale.
func (c *Catalog) commonWordsQuery(ctx context.Context, start string, limit int) (string, []any, error) {
	var stale bool
	if err := c.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM index_words_stale)`).Scan(&stale); err != nil {
		return "", nil, fmt.Errorf("spelling: %w", err)
	}
	first, _ := utf8.DecodeRuneInString(start)
	args := []any{string(first), start, limit}
	if stale {
		return commonWordsVocabSQL, args, nil
	}
	return commonWordsSQL, args, nil
}

// readCommonWords runs query, commonWordsSQL or commonWordsVocabSQL, and splits the
// row it returns.
func (c *Catalog) readCommonWords(ctx context.Context, query string, args []any) ([]spellCandidate, error) {
	var list string
	if err := c.queryRow(ctx, query, args...).Scan(&list); err != nil {
		return nil, fmt.Errorf("spelling: %w", err)
	}
	return splitCounts(list)
}

// splitCounts splits a row of "term docs term docs …" into words; only term and doc
// are set.
func splitCounts(list string) ([]spellCandidate, error) {
	fields := strings.Fields(list)
	if len(fields)%2 != 0 {
		return nil, fmt.Errorf("spelling: the common words read as %d fields", len(fields))
	}
	out := make([]spellCandidate, 0, len(fields)/2)
	for i := 0; i < len(fields); i += 2 {
		doc, err := strconv.Atoi(fields[i+1])
		if err != nil {
			return nil, fmt.Errorf("spelling: a word's products read as %q", fields[i+1])
		}
		out = append(out, spellCandidate{term: fields[i], doc: doc})
	}
	return out, nil
}

// changedWordsSQL reads, for spelling's words of start ?3 in memory as of text version
// ?1, the terms of that start that writes after it changed (at most ?2 of them, as one
// row like commonWordsSQL's, docs 0 for a term that left the index; "+term" keeps the
// search on index_words_changed); whether no row is as old as ?1, as after a fill,
// which stamps every row; and whether the table is stale.
const changedWordsSQL = `SELECT
	(SELECT coalesce(group_concat(term || ' ' || docs, ' '), '') FROM (SELECT term, docs FROM index_words
		WHERE changed > ?1 AND +term >= ?3 AND +term < ?3 || char(65535) LIMIT ?2)),
	NOT EXISTS (SELECT 1 FROM index_words WHERE changed <= ?1),
	EXISTS (SELECT 1 FROM index_words_stale)`

// changedWords returns the terms that start with start changed since version (see
// changedWordsSQL), and false when they cannot bring words read at that version up to
// date: more than limit of them, a fill since, or a stale table.
func (c *Catalog) changedWords(ctx context.Context, start string, version int64, limit int) ([]spellCandidate, bool, error) {
	var list string
	var filled, stale bool
	if err := c.queryRow(ctx, changedWordsSQL, version, limit+1, start).Scan(&list, &filled, &stale); err != nil {
		return nil, false, fmt.Errorf("spelling: %w", err)
	}
	if filled || stale {
		return nil, false, nil
	}
	words, err := splitCounts(list)
	if err != nil || len(words) > limit {
		return nil, false, err
	}
	return words, true, nil
}
