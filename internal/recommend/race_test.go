//go:build race

package recommend_test

// raceEnabled reports whether the tests run under the race detector, which makes the
// offline evaluation several times slower: it then uses a smaller world.
const raceEnabled = true
