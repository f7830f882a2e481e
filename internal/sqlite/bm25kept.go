package sqlite

/*
#cgo LDFLAGS: -lm
#include <math.h>
#include <string.h>

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
typedef struct sqlite3_value sqlite3_value;
typedef struct sqlite3_context sqlite3_context;
typedef long long i64;

extern int sqlite3_prepare_v2(sqlite3*, const char*, int, sqlite3_stmt**, const char**);
extern int sqlite3_bind_pointer(sqlite3_stmt*, int, void*, const char*, void(*)(void*));
extern int sqlite3_step(sqlite3_stmt*);
extern int sqlite3_finalize(sqlite3_stmt*);
extern void *sqlite3_get_auxdata(sqlite3_context*, int);
extern void sqlite3_set_auxdata(sqlite3_context*, int, void*, void (*)(void*));
extern double sqlite3_value_double(sqlite3_value*);
extern void sqlite3_result_double(sqlite3_context*, double);
extern void sqlite3_result_error_code(sqlite3_context*, int);
extern void sqlite3_result_error(sqlite3_context*, const char*, int);
extern void *sqlite3_malloc64(unsigned long long);
extern void sqlite3_free(void*);

// The part of FTS5's extension interface (fts5.h, version 2 and later) that
// bm25_kept calls, in the order of its members; the members it does not call are
// placeholders of the same size.
typedef struct fts5_context fts5_context;
typedef struct fts5_ext fts5_ext;
struct fts5_ext {
	int version;
	void *user_data;
	void *column_count;
	int (*row_count)(fts5_context*, i64*);
	int (*column_total_size)(fts5_context*, int, i64*);
	void *tokenize;
	int (*phrase_count)(fts5_context*);
	void *phrase_size;
	int (*inst_count)(fts5_context*, int*);
	int (*inst)(fts5_context*, int, int*, int*, int*);
	void *rowid;
	void *column_text;
	int (*column_size)(fts5_context*, int, int*);
	int (*query_phrase)(fts5_context*, int, void*, int (*)(const fts5_ext*, fts5_context*, void*));
};
typedef void (*fts5_aux)(const fts5_ext*, fts5_context*, sqlite3_context*, int, sqlite3_value**);
typedef struct fts5_api fts5_api;
struct fts5_api {
	int version;
	void *create_tokenizer;
	void *find_tokenizer;
	int (*create_function)(fts5_api*, const char*, void*, fts5_aux, void (*)(void*));
};

// kept_stats is what bm25 computes once per query: the average row length in
// tokens and each phrase's inverse document frequency, from the rows that match
// the phrase. freq is a row's work space (a phrase's weighted hits).
typedef struct {
	int phrases;
	double avgdl;
	double *idf;
	double *freq;
} kept_stats;

static int count_row(const fts5_ext *api, fts5_context *fts, void *n) {
	(*(i64*)n)++;
	return 0;
}

// kept_stats_of computes the statistics of fts's query as FTS5's bm25 does,
// reading each phrase's matches once. It returns SQLite's error code.
static int kept_stats_of(const fts5_ext *api, fts5_context *fts, kept_stats **out) {
	int phrases = api->phrase_count(fts);
	kept_stats *k = sqlite3_malloc64(sizeof(kept_stats) + 2 * (unsigned long long)phrases * sizeof(double));
	if (k == 0) return 7; // SQLITE_NOMEM
	memset(k, 0, sizeof(kept_stats) + 2 * (size_t)phrases * sizeof(double));
	k->phrases = phrases;
	k->idf = (double*)&k[1];
	k->freq = &k->idf[phrases];
	i64 rows = 0, tokens = 0;
	int rc = api->row_count(fts, &rows);
	if (rc == 0) rc = api->column_total_size(fts, -1, &tokens);
	if (rc == 0) k->avgdl = (double)tokens / (double)rows;
	for (int i = 0; rc == 0 && i < phrases; i++) {
		i64 hits = 0;
		rc = api->query_phrase(fts, i, &hits, count_row);
		if (rc == 0) {
			double idf = log((rows - hits + 0.5) / (hits + 0.5));
			k->idf[i] = idf <= 0.0 ? 1e-6 : idf;
		}
	}
	if (rc != 0) {
		sqlite3_free(k);
		return rc;
	}
	*out = k;
	return 0;
}

// bm25_kept(table, key, weight...) is FTS5's bm25(table, weight...), the same
// value bit for bit, with the query's statistics kept for the statement (SQLite's
// auxiliary data of the argument key) instead of for the full-text cursor. bm25
// keeps them on the cursor, which SQLite filters again for each value a statement
// joins it to (rowid = ?, rowid IN (...)): each time bm25 reads the whole of every
// phrase's matches to count them. key must be the statement's MATCH expression,
// the same in every row (a bound parameter or a literal): SQLite drops the kept
// statistics when it changes.
static void bm25_kept(const fts5_ext *api, fts5_context *fts, sqlite3_context *ctx, int nv, sqlite3_value **v) {
	const double k1 = 1.2, b = 0.75;
	if (nv < 1) {
		sqlite3_result_error(ctx, "bm25_kept: the MATCH expression is missing", -1);
		return;
	}
	kept_stats *k = sqlite3_get_auxdata(ctx, 1);
	int rc = 0;
	if (k == 0) {
		if ((rc = kept_stats_of(api, fts, &k)) != 0) {
			sqlite3_result_error_code(ctx, rc);
			return;
		}
		sqlite3_set_auxdata(ctx, 1, k, sqlite3_free);
		if ((k = sqlite3_get_auxdata(ctx, 1)) == 0) {
			sqlite3_result_error_code(ctx, 7); // SQLITE_NOMEM: set_auxdata freed it
			return;
		}
	}
	memset(k->freq, 0, (size_t)k->phrases * sizeof(double));
	int insts = 0;
	rc = api->inst_count(fts, &insts);
	for (int i = 0; rc == 0 && i < insts; i++) {
		int phrase, col, off;
		rc = api->inst(fts, i, &phrase, &col, &off);
		if (rc == 0) k->freq[phrase] += nv - 1 > col ? sqlite3_value_double(v[col + 1]) : 1.0;
	}
	double d = 0.0;
	if (rc == 0) {
		int size;
		rc = api->column_size(fts, -1, &size);
		d = (double)size;
	}
	if (rc != 0) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	double score = 0.0;
	for (int i = 0; i < k->phrases; i++) {
		score += k->idf[i] * ((k->freq[i] * (k1 + 1.0)) / (k->freq[i] + k1 * (1 - b + b * d / k->avgdl)));
	}
	sqlite3_result_double(ctx, -1.0 * score);
}

// add_bm25_kept registers bm25_kept with db's FTS5. It returns 0, 1 when db has no
// FTS5, or SQLite's error code.
static int add_bm25_kept(void *db) {
	sqlite3_stmt *st = 0;
	fts5_api *fts5 = 0;
	if (sqlite3_prepare_v2((sqlite3*)db, "SELECT fts5(?1)", -1, &st, 0) != 0) {
		sqlite3_finalize(st);
		return 1;
	}
	sqlite3_bind_pointer(st, 1, (void*)&fts5, "fts5_api_ptr", 0);
	sqlite3_step(st);
	int rc = sqlite3_finalize(st);
	if (rc != 0) return rc;
	if (fts5 == 0 || fts5->version < 2) return 1;
	return fts5->create_function(fts5, "bm25_kept", 0, bm25_kept, 0);
}
*/
import "C"

import (
	"fmt"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// addBM25Kept registers the full-text function bm25_kept on c (see bm25_kept
// above): bm25 for a statement that joins the full-text table to rowids, ranking
// only the rows it joins without counting each phrase's matches again per row. A
// connection without FTS5 gets nothing (commerce-mcp refuses to run without it).
func addBM25Kept(c *sqlite3.SQLiteConn) error {
	db, err := handle(c)
	if err != nil {
		return err
	}
	switch rc := C.add_bm25_kept(db); rc {
	case 0, 1:
		return nil
	default:
		return fmt.Errorf("sqlite: registering bm25_kept: error %d", int(rc))
	}
}
