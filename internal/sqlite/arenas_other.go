//go:build !linux || !cgo

package sqlite

func limitArenas(int) bool { return false }

func mallocHeld() (held, free int64, ok bool) { return 0, 0, false }
