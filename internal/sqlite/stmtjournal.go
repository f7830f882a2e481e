package sqlite

/*
extern int sqlite3_config(int op, ...);

// stmt_journal_spill sets SQLITE_CONFIG_STMTJRNL_SPILL (26): the bytes of a statement
// journal kept in memory before it goes to a temporary file.
static int stmt_journal_spill(int n) {
	return sqlite3_config(26, n);
}
*/
import "C"

// stmtJournalSpill is how many bytes of a statement journal SQLite keeps in memory
// before writing it to a temporary file (SQLITE_CONFIG_STMTJRNL_SPILL; SQLite's
// default is 64 KiB).
//
// Inside a transaction, a statement that writes several rows and may stop halfway (an
// upsert, an INSERT … SELECT, a write with triggers or into a full-text table) keeps
// the pages it changes as they were before it, so that a failure undoes it alone:
// its statement journal. The catalog's upsert of ten products has two such statements
// past 64 KiB — the fold of the words added and removed into index_words (hundreds of
// terms, in rows all over the table) and the write of product_text, whose triggers
// write the full-text index (one row of each table in a leaf of its own): about 22
// pages of 4 KiB. At 64 KiB each upsert created a temporary file, wrote those pages
// to it and closed it. At 120 KiB (29 pages) they stay in memory. The memory is
// bounded: SQLite allocates a statement journal as one block of this size when the
// statement first writes a page, frees it when the statement ends, and a larger
// journal still goes to a file; a connection runs one statement at a time, and each
// database has one writing connection (and a bulk load its own), so at most a few
// blocks are held at once.
//
// It must stay under 128 KiB: a journal that spills is written to its file one block
// at a time, and SQLite's unix VFS writes at most 128 KiB - 1 bytes a call (it masks
// the length with 0x1ffff), so a block of 128 KiB or more is written as nothing and
// the statement fails with "database or disk is full" (TestStatementJournalSpill).
const stmtJournalSpill = 120 << 10

// setStmtJournalSpill sets stmtJournalSpill for the process. It must run before
// SQLite starts (the first open): this package's init calls it. It reports false
// when SQLite had started already and the default stays.
func setStmtJournalSpill() bool {
	return C.stmt_journal_spill(C.int(stmtJournalSpill)) == 0
}
