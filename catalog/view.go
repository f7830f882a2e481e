package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// ImageHosts is the operator's choice of the hosts a page may load product images
// from: every https host on a public name that the catalog's products name (Any), or
// only the origins in Allowed, written as ImageOrigin writes them ("https://host" or
// "https://host:port"). The zero value allows none: every product shows without its
// picture.
type ImageHosts struct {
	Any     bool
	Allowed []string
}

// Allows reports whether h lets a page load images from origin (as ImageOrigin
// writes it).
func (h ImageHosts) Allows(origin string) bool {
	return h.Any && publicOrigin(origin) || slices.Contains(h.Allowed, origin)
}

// publicOrigin reports whether origin (as ImageOrigin writes it) names its host by a
// name of the public DNS: not an IP address, not a name of one label (which a
// resolver completes with the local network's domain), not a name the special-use
// registry keeps for one machine or one network (localhost, local, internal,
// home.arpa). Under Any only such hosts are allowed, so that feed text cannot make
// the person's browser send requests into their own machine or network
// (https://127.0.0.1:8443/…, https://router/…); an operator may still list one.
func publicOrigin(origin string) bool {
	host := strings.TrimPrefix(origin, "https://")
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	if strings.HasPrefix(host, "[") || net.ParseIP(host) != nil || !strings.Contains(host, ".") {
		return false
	}
	for _, tld := range []string{".localhost", ".local", ".internal", ".home.arpa"} {
		if strings.HasSuffix(host, tld) {
			return false
		}
	}
	return true
}

// key identifies h in ImageOrigins' kept answer.
func (h ImageHosts) key() string {
	if h.Any {
		return "*"
	}
	return strings.Join(h.Allowed, " ")
}

// ImageOrigins returns the distinct origins ("https://host" or "https://host:port") of
// the images of the catalog's visible products that hosts allows, sorted, at most
// limit of them (those that most products use): what a page that shows the catalog's
// images must allow and nothing more. Only https URLs whose host is a plain DNS name
// or IP address count; anything else (other schemes, user info, odd characters that
// could break out of a Content-Security-Policy source list) is left out, so its image
// is not shown, as is an image on a host that hosts does not allow. more is true when
// the catalog has more allowed origins than limit.
//
// Finding them reads the counts of image_origins (migration 0028: one row per origin
// prefix, kept by triggers as products are written), and the answer is kept until
// product text changes (catalog_changes.text, which every upsert moves, in any
// process): callers get a copy.
func (c *Catalog) ImageOrigins(ctx context.Context, hosts ImageHosts, limit int) (origins []string, more bool, err error) {
	version, err := c.textVersion(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("image origins: %w", err)
	}
	key := hosts.key()
	k := &c.images
	k.mu.Lock()
	if k.valid && k.version == version && k.limit == limit && k.hosts == key {
		origins, more = slices.Clone(k.origins), k.more
		k.mu.Unlock()
		return origins, more, nil
	}
	k.mu.Unlock()
	// Read outside the lock, so that no caller waits for the read pool holding it (nor
	// waits behind one that does); two callers that miss at once both read.
	origins, more, err = c.imageOrigins(ctx, hosts, limit)
	if err != nil {
		return nil, false, err
	}
	k.mu.Lock()
	if !k.valid || version >= k.version {
		k.valid, k.version, k.limit, k.hosts = true, version, limit, key
		k.origins, k.more = origins, more
	}
	k.mu.Unlock()
	return slices.Clone(origins), more, nil
}

// ImageOriginCounts returns every origin (as ImageOrigin writes it) of the images of
// the catalog's visible products, with how many visible products use it: what an
// operator is told about the hosts a choice of ImageHosts leaves out. It reads
// image_origins, one row per origin prefix, and is not kept.
func (c *Catalog) ImageOriginCounts(ctx context.Context) (map[string]int, error) {
	rows, err := c.query(ctx, `SELECT prefix, n FROM image_origins`)
	if err != nil {
		return nil, fmt.Errorf("image origin counts: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var prefix string
		var n int
		if err := rows.Scan(&prefix, &n); err != nil {
			return nil, fmt.Errorf("image origin counts: %w", err)
		}
		if o, ok := ImageOrigin(prefix); ok {
			out[o] += n
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("image origin counts: %w", err)
	}
	return out, nil
}

// imageOriginsCache is the last answer of ImageOrigins and what it was for.
type imageOriginsCache struct {
	mu      sync.Mutex
	valid   bool
	version int64
	limit   int
	hosts   string // ImageHosts.key of the answer
	origins []string
	more    bool
}

// imageOrigins computes ImageOrigins' answer.
func (c *Catalog) imageOrigins(ctx context.Context, hosts ImageHosts, limit int) (origins []string, more bool, err error) {
	// The prefix up to the first "/" after "https://" is the origin: image_origins
	// counts the visible products of each (migration 0028), Go does the checking.
	// The hosts most products use come first, so that limit keeps those: a feed
	// with many hosts of one image each cannot push the others out. Hosts that hosts
	// does not allow are skipped before the limit counts them.
	rows, err := c.query(ctx, `SELECT prefix FROM image_origins ORDER BY n DESC, prefix`)
	if err != nil {
		return nil, false, fmt.Errorf("image origins: %w", err)
	}
	defer rows.Close()
	allowed := make(map[string]bool, len(hosts.Allowed)) // one look-up a row, however long the list
	for _, o := range hosts.Allowed {
		allowed[o] = true
	}
	seen := map[string]bool{}
	for rows.Next() {
		var prefix string
		if err := rows.Scan(&prefix); err != nil {
			return nil, false, fmt.Errorf("image origins: %w", err)
		}
		o, ok := ImageOrigin(prefix)
		if !ok || seen[o] || !(hosts.Any && publicOrigin(o) || allowed[o]) {
			continue
		}
		if len(seen) == limit {
			more = true
			break
		}
		seen[o] = true
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("image origins: %w", err)
	}
	origins = make([]string, 0, len(seen))
	for o := range seen {
		origins = append(origins, o)
	}
	sort.Strings(origins)
	return origins, more, nil
}

// ImageOrigin returns the origin of an https image URL, lower-cased, and whether it
// is one a page may declare: scheme https, no user info, a host of letters, digits,
// dots and hyphens (or an IP address; an internationalized name only in its punycode
// form, xn--…), an optional port from 1 to 65535 without leading zeros. The default port, 443, is left out, so that
// https://host:443 and https://host are one origin.
func ImageOrigin(raw string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.User != nil || u.Host == "" || u.Opaque != "" {
		return "", false
	}
	host := strings.ToLower(u.Hostname())
	if net.ParseIP(strings.Trim(host, "[]")) == nil && !dnsName(host) {
		return "", false
	}
	if strings.Contains(host, ":") { // IPv6
		host = "[" + host + "]"
	}
	if p := u.Port(); p != "" {
		for _, r := range p {
			if r < '0' || r > '9' {
				return "", false
			}
		}
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 || p[0] == '0' {
			return "", false
		}
		if p != "443" {
			host += ":" + p
		}
	}
	return "https://" + host, true
}

// HostOrigin returns the origin ImageOrigin writes for images on host, and whether
// host is exactly a host and an optional port ("cdn.shop.example",
// "cdn.shop.example:8443", "[2001:db8::1]"), nothing more: no scheme, user info, path,
// query or wildcard, and a name in ASCII (an internationalized one in its punycode
// form). It is how an operator's list of image hosts becomes ImageHosts.Allowed.
func HostOrigin(host string) (string, bool) {
	o, ok := ImageOrigin("https://" + host)
	if !ok {
		return "", false
	}
	h := "https://" + strings.ToLower(host)
	if o != h && o+":443" != h {
		return "", false
	}
	return o, true
}

func dnsName(h string) bool {
	if h == "" || len(h) > 253 || strings.HasPrefix(h, ".") || strings.HasSuffix(h, ".") || strings.Contains(h, "..") {
		return false
	}
	for _, r := range h {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-') {
			return false
		}
	}
	return true
}

// Variants returns up to limit other products of p's family (the same group id, the
// same seller and brand), visible ones only, in the order the catalog received them
// (rowid: a feed's own order, which lists sizes as a shop does, "UK 8, UK 10, UK 12",
// where id order gave "UK 10, UK 12, UK 8"; a variant added by a later import comes
// after); none when p has no group id. The partial index products_group (migration
// 0020) finds the family's rows directly, in rowid order.
func (c *Catalog) Variants(ctx context.Context, p Product, limit int) ([]Product, error) {
	if p.GroupID == "" || limit <= 0 {
		return nil, nil
	}
	rows, err := c.query(ctx, variantsSQL, p.GroupID, p.SellerID, BrandKey(p.Brand), p.ID, limit)
	if err != nil {
		return nil, fmt.Errorf("variants of %q: %w", p.ID, err)
	}
	defer rows.Close()
	var out []Product
	for rows.Next() {
		v, err := scanProduct(rows)
		if err != nil {
			return nil, fmt.Errorf("variants of %q: %w", p.ID, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("variants of %q: %w", p.ID, err)
	}
	return out, nil
}

// variantsSQL is Variants' query: group id, seller id, brand key, the product's own id,
// limit. Its condition that group_id is not empty is what lets SQLite use the partial
// index products_group.
const variantsSQL = `SELECT ` + productColumns + `
	FROM products p ` + productJoins + `
	WHERE p.group_id = ? AND p.group_id <> '' AND p.seller_id = ? AND p.brand_key = ? AND p.id <> ? AND NOT p.hidden
	ORDER BY p.rowid LIMIT ?`

// imageOriginsSQL recomputes image_origins from product_text and products: the backfill
// of migration 0028, and what a bulk load, which suspends product_text's triggers, runs
// when it commits.
const imageOriginsSQL = `DELETE FROM image_origins;
	INSERT INTO image_origins (prefix, n)
	SELECT CASE WHEN instr(substr(t.image_url, 9), '/') > 0
			THEN substr(t.image_url, 1, 8 + instr(substr(t.image_url, 9), '/') - 1) ELSE t.image_url END, count(*)
	FROM product_text t JOIN products p ON p.rowid = t.rowid
	WHERE t.image_url LIKE 'https://%' AND p.hidden = 0
	GROUP BY 1`

// rebuildImageOrigins recomputes image_origins in tx (see imageOriginsSQL).
func rebuildImageOrigins(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, imageOriginsSQL)
	return err
}
