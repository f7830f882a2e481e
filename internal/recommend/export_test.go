package recommend

// MaxRankedMatches exports maxRankedMatches to the tests of package recommend_test.
const MaxRankedMatches = maxRankedMatches
