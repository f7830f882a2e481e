// Package keep bounds the in-memory records of the sandbox's reference sellers and
// Stripe emulator: a record beyond the newest n of its kind is forgotten, as a restart
// forgets it.
package keep

import (
	"cmp"
	"slices"
)

// Trim forgets the oldest entries of m, by at (entries made at the same moment in
// any order), beyond the newest n, and
// returns them. It acts only once m holds more than n + n/4 entries, so that sorting
// is paid once per n/4 insertions and m never holds more than n + n/4 + 1 after a
// call. Entries for which pinned returns true are never forgotten (pinned may be nil).
// n < 1 keeps everything.
func Trim[K comparable, V any](m map[K]V, n int, at func(V) int64, pinned func(V) bool) []V {
	if n < 1 || len(m) <= n+n/4 {
		return nil
	}
	type entry struct {
		k  K
		at int64
	}
	all := make([]entry, 0, len(m))
	for k, v := range m {
		if pinned == nil || !pinned(v) {
			all = append(all, entry{k, at(v)})
		}
	}
	slices.SortFunc(all, func(a, b entry) int {
		return cmp.Compare(a.at, b.at)
	})
	drop := min(len(m)-n, len(all))
	out := make([]V, 0, drop)
	for _, e := range all[:drop] {
		out = append(out, m[e.k])
		delete(m, e.k)
	}
	return out
}
