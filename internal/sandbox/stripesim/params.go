package stripesim

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// checkParams rejects any form key that allowed does not list. An allowed entry
// "name[*]" matches every key "name[…]" (maps such as metadata, and expand[]).
func checkParams(form url.Values, allowed ...string) *apiError {
	keys := make([]string, 0, len(form))
	for k := range form {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.ContainsFunc(allowed, func(a string) bool { return paramMatches(a, k) }) {
			return unknownParam(k, "")
		}
	}
	return nil
}

func paramMatches(allowed, key string) bool {
	if prefix, ok := strings.CutSuffix(allowed, "[*]"); ok {
		rest, ok := strings.CutPrefix(key, prefix+"[")
		return ok && strings.HasSuffix(rest, "]") && !strings.ContainsAny(rest[:len(rest)-1], "[]")
	}
	return allowed == key
}

// required returns the value of a parameter that must be present and non-empty.
func required(form url.Values, name string) (string, *apiError) {
	v := form.Get(name)
	if v == "" {
		return "", missingParam(name)
	}
	return v, nil
}

// positiveInt parses a required integer parameter that must be at least 1.
func positiveInt(form url.Values, name string) (int64, *apiError) {
	v, err := required(form, name)
	if err != nil {
		return 0, err
	}
	n, perr := strconv.ParseInt(v, 10, 64)
	if perr != nil {
		return 0, invalidInteger(name, "Invalid integer: "+name+" must be a whole number of the currency's minor unit.")
	}
	if n < 1 {
		return 0, invalidInteger(name, "This value must be greater than or equal to 1.")
	}
	return n, nil
}

// lowerCurrency checks that v is a lowercase three-letter ISO 4217 code.
func lowerCurrency(name, v string) *apiError {
	if len(v) != 3 || strings.Trim(v, "abcdefghijklmnopqrstuvwxyz") != "" {
		return invalid(name, "Invalid currency: "+name+" must be a lowercase three-letter ISO code such as usd.")
	}
	return nil
}

// futureTime parses an optional unix-seconds parameter that must lie after now; zero
// means absent.
func futureTime(form url.Values, name string, now time.Time) (int64, *apiError) {
	v := form.Get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, invalidInteger(name, "Invalid timestamp: "+name+" must be a unix time in seconds.")
	}
	if n <= now.Unix() {
		return 0, invalid(name, name+" must be in the future.")
	}
	return n, nil
}

// Stripe's metadata limits.
const (
	maxMetadataKeys     = 50
	maxMetadataKeyLen   = 40
	maxMetadataValueLen = 500
)

// metadata collects the map parameter name[key]=value and checks Stripe's limits.
func metadata(form url.Values, name string) (map[string]string, *apiError) {
	m := map[string]string{}
	for k, vs := range form {
		rest, ok := strings.CutPrefix(k, name+"[")
		if !ok || !strings.HasSuffix(rest, "]") {
			continue
		}
		key := rest[:len(rest)-1]
		switch {
		case key == "":
			return nil, invalid(k, name+" keys must not be empty.")
		case utf8.RuneCountInString(key) > maxMetadataKeyLen:
			return nil, invalid(k, name+" keys can be at most 40 characters long.")
		case utf8.RuneCountInString(vs[0]) > maxMetadataValueLen:
			return nil, invalid(k, name+" values can be at most 500 characters long.")
		}
		m[key] = vs[0]
	}
	if len(m) > maxMetadataKeys {
		return nil, invalid(name, name+" can have at most 50 keys.")
	}
	return m, nil
}

// boolParam parses an optional boolean; def is used when it is absent.
func boolParam(form url.Values, name string, def bool) (bool, *apiError) {
	switch form.Get(name) {
	case "":
		return def, nil
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, invalid(name, name+" must be true or false.")
}

// needPreview enforces a preview Stripe-Version for preview features.
func needPreview(c *call) *apiError {
	if strings.HasSuffix(c.version, ".preview") {
		return nil
	}
	return &apiError{status: http.StatusBadRequest, Type: typeInvalidRequest, Code: CodePreviewVersionRequired,
		Message: "Shared payment tokens need a preview API version: send the header Stripe-Version: 2026-04-22.preview (or a later .preview version)."}
}
