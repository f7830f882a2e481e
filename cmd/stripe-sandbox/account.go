package main

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/stripesim"
)

// account is one --account: the secret key it authenticates with, and where it came
// from on the command line (for error messages, which never show the key).
type account struct {
	stripesim.Account
	key    string
	source string
}

// parseAccount reads KEY=acct_ID:profile_ID. Its errors name what is wrong without
// repeating the key.
func parseAccount(spec string) (account, error) {
	i := strings.LastIndex(spec, "=")
	if i < 0 {
		return account{}, errors.New("want KEY=acct_ID:profile_ID, found no '='")
	}
	key, ids := spec[:i], spec[i+1:]
	switch {
	case key == "":
		return account{}, errors.New("the KEY before '=' is empty")
	case strings.IndexFunc(key, unicode.IsSpace) >= 0:
		return account{}, errors.New("the KEY contains white space")
	case strings.HasPrefix(key, "sk_live_"), strings.HasPrefix(key, "rk_live_"):
		return account{}, errors.New("the KEY looks like a live Stripe key; the sandbox takes made-up test keys such as sk_test_agent")
	}
	id, profile, ok := strings.Cut(ids, ":")
	if !ok {
		return account{}, fmt.Errorf("want KEY=acct_ID:profile_ID, found no ':' in %q", ids)
	}
	if !validID(id, "acct_") {
		return account{}, fmt.Errorf("account id %q must look like acct_ID (letters, digits, '_')", id)
	}
	if !validID(profile, "profile_") {
		return account{}, fmt.Errorf("profile %q must look like profile_ID (letters, digits, '_')", profile)
	}
	return account{Account: stripesim.Account{ID: id, Profile: profile}, key: key}, nil
}

// validID reports whether s is prefix followed by at least one letter, digit or '_'.
func validID(s, prefix string) bool {
	rest, ok := strings.CutPrefix(s, prefix)
	if !ok || rest == "" {
		return false
	}
	for _, r := range rest {
		if r != '_' && (r > unicode.MaxASCII || !unicode.IsLetter(r) && !unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}
