package sqlite

/*
typedef struct sqlite3 sqlite3;
int sqlite3_db_config(sqlite3*, int op, ...);

// enable_qpsg turns on SQLITE_DBCONFIG_ENABLE_QPSG (1007) for db and returns the
// setting afterwards (1 on), or -1 on error.
static int enable_qpsg(void *db) {
	int on = 0;
	if (sqlite3_db_config((sqlite3*)db, 1007, 1, &on) != 0) return -1;
	return on;
}

// qpsg_state returns db's setting of SQLITE_DBCONFIG_ENABLE_QPSG, or -1 on error.
static int qpsg_state(void *db) {
	int on = 0;
	if (sqlite3_db_config((sqlite3*)db, 1007, -1, &on) != 0) return -1;
	return on;
}
*/
import "C"

import (
	"errors"
	"reflect"
	"unsafe"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// enableQPSG turns on SQLite's query planner stability guarantee for c: statements
// keep the plan they were prepared with whatever values are bound to them later.
//
// Without it SQLite re-prepares a statement when a rebinding might change its plan,
// and FTS5 looks up every segment of its index with such a statement (`segid=?`
// flips the plan heuristics between segment ids 0 or 1 and others): a full-text query
// spent a seventh of its time re-parsing that SQL. None of this project's queries
// depends on a bound value for its plan (no LIKE on a bound pattern on an index, no
// bound LIMIT), so the guarantee costs nothing.
//
// mattn/go-sqlite3 has no call for sqlite3_db_config, so this reads the connection's
// handle from its unexported field; TestQPSGEnabled fails if a new version of the
// driver moves it.
func enableQPSG(c *sqlite3.SQLiteConn) error {
	db, err := handle(c)
	if err != nil {
		return err
	}
	if C.enable_qpsg(db) != 1 {
		return errors.New("sqlite: the query planner stability guarantee could not be turned on")
	}
	return nil
}

// qpsgEnabled reports whether the guarantee is on for c.
func qpsgEnabled(c *sqlite3.SQLiteConn) (bool, error) {
	db, err := handle(c)
	if err != nil {
		return false, err
	}
	return C.qpsg_state(db) == 1, nil
}

// handle returns c's sqlite3* handle.
func handle(c *sqlite3.SQLiteConn) (unsafe.Pointer, error) {
	f := reflect.ValueOf(c).Elem().FieldByName("db")
	if !f.IsValid() || f.Kind() != reflect.Pointer || f.IsNil() {
		return nil, errors.New("sqlite: the driver's connection has no database handle to configure")
	}
	return f.UnsafePointer(), nil
}
