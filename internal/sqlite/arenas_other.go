//go:build !linux || !cgo

package sqlite

func limitArenas(int) bool { return false }
