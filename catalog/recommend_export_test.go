package catalog

// MaxRankedMatches exports maxRankedMatches to the tests of package catalog_test.
const MaxRankedMatches = maxRankedMatches
