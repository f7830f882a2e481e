package store

import "context"

// SetMoveHooks makes MoveOut call locked once it holds the shared database's write
// lock and dropped once the drop has committed, before the rename (nil for none), and
// returns a function that removes them.
func SetMoveHooks(locked, dropped func() error) (reset func()) {
	hooks.locked, hooks.dropped = locked, dropped
	return func() { hooks.locked, hooks.dropped = nil, nil }
}

// OpenAsOlderVersion opens the store at path as a version before MoveOut did: without
// looking for the marker, so that it creates the store's tables again in a database
// whose store was moved out.
func OpenAsOlderVersion(ctx context.Context, path string) (*Store, error) {
	return open(ctx, path, false)
}

// CreateAsOlderVersion creates the store's tables, empty, in the database at path as a
// version before MoveOut would.
func CreateAsOlderVersion(ctx context.Context, path string) error {
	s, err := OpenAsOlderVersion(ctx, path)
	if err != nil {
		return err
	}
	return s.Close()
}
