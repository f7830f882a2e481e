package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"slices"
	"strconv"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
)

// defaultImageHosts is --image-hosts' default: the demo catalog's hosts only, names
// under the reserved .example domain that resolve nowhere, so a new server's views
// make the person's browser fetch nothing, and a feed's hosts are shown only once the
// operator names them.
const defaultImageHosts = "demo"

// imageHostsFlag is --image-hosts (env COMMERCE_IMAGE_HOSTS): the hosts whose product
// images the MCP Apps views may load.
type imageHostsFlag struct {
	hosts catalog.ImageHosts
	text  string // the setting as given, for messages
	err   error  // the environment's value did not parse
}

func (f *imageHostsFlag) register(fs *flag.FlagSet, getenv func(string) string) {
	f.text = envOr(getenv, "COMMERCE_IMAGE_HOSTS", defaultImageHosts)
	var err error
	if f.hosts, err = parseImageHosts(f.text); err != nil {
		f.err = &usageError{Msg: fmt.Sprintf("COMMERCE_IMAGE_HOSTS=%q: %v", f.text, err)}
	}
	fs.Func("image-hosts", "comma-separated `hosts` (cdn.shop.example, cdn.shop.example:8443: exact names, an optional port, always https) whose product images the MCP Apps views may load; demo for the demo catalog's (the default: names that resolve nowhere), any for every https host the feeds name by a public name (the person's browser then fetches images from sellers' hosts; an IP address, localhost or a one-label, .local, .internal or .home.arpa name only when listed), none for no images (env COMMERCE_IMAGE_HOSTS; default demo)", func(v string) error {
		h, err := parseImageHosts(v)
		if err != nil {
			return err
		}
		f.hosts, f.text, f.err = h, strings.TrimSpace(v), nil
		return nil
	})
}

// parseImageHosts reads an --image-hosts value: hosts with an optional port, and the
// word demo (the demo catalog's hosts) among them, or any or none alone.
func parseImageHosts(v string) (catalog.ImageHosts, error) {
	var items []string
	for _, it := range strings.Split(v, ",") {
		if it = strings.TrimSpace(it); it != "" {
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		return catalog.ImageHosts{}, errors.New("give hosts such as cdn.shop.example, or demo, any or none")
	}
	h := catalog.ImageHosts{Allowed: []string{}}
	for _, it := range items {
		switch word := strings.ToLower(it); word {
		case "any", "none":
			if len(items) > 1 {
				return catalog.ImageHosts{}, fmt.Errorf("%s stands alone: it cannot be listed with hosts or demo", word)
			}
			h.Any = word == "any"
			continue
		case "demo":
			for _, d := range demo.ImageHosts() {
				o, _ := catalog.HostOrigin(d)
				h.Allowed = append(h.Allowed, o)
			}
			continue
		}
		o, ok := catalog.HostOrigin(it)
		switch {
		case ok:
			h.Allowed = append(h.Allowed, o)
		case strings.Contains(it, "://"):
			return catalog.ImageHosts{}, fmt.Errorf("%q is a URL: give its host alone (cdn.shop.example); images are always loaded over https", it)
		case strings.Contains(it, "*"):
			return catalog.ImageHosts{}, fmt.Errorf("%q: give exact hosts; a wildcard would let anyone with a name under it in", it)
		case badPort(it) != "":
			return catalog.ImageHosts{}, fmt.Errorf("%q: port %s is out of range (1-65535)", it, badPort(it))
		case withoutFinalDot(it) != "":
			return catalog.ImageHosts{}, fmt.Errorf("%q: write it without the host's final dot (%s), as feeds' URLs name it", it, withoutFinalDot(it))
		case strings.ContainsFunc(it, func(r rune) bool { return r > 0x7f }):
			return catalog.ImageHosts{}, fmt.Errorf("%q: write an internationalized name in its punycode form (xn--…), as feeds' URLs must", it)
		default:
			return catalog.ImageHosts{}, fmt.Errorf("%q is not a host with an optional port, such as cdn.shop.example or cdn.shop.example:8443 (no user, path or query)", it)
		}
	}
	if h.Any {
		h.Allowed = nil
	}
	slices.Sort(h.Allowed)
	h.Allowed = slices.Compact(h.Allowed)
	return h, nil
}

// withoutFinalDot is it with its host's final dot removed (cdn.shop.example. ->
// cdn.shop.example, with its port if any) when that makes it a host --image-hosts
// takes, else "".
func withoutFinalDot(it string) string {
	v := strings.TrimSuffix(it, ".")
	if h, p, err := net.SplitHostPort(it); err == nil {
		v = net.JoinHostPort(strings.TrimSuffix(h, "."), p)
	}
	if v == it {
		return ""
	}
	if _, ok := catalog.HostOrigin(v); !ok {
		return ""
	}
	return v
}

// badPort is the port of it, host:port, when it is digits out of 1-65535, else "".
func badPort(it string) string {
	_, p, err := net.SplitHostPort(it)
	if err != nil || p == "" || strings.Trim(p, "0123456789") != "" {
		return ""
	}
	if n, err := strconv.Atoi(p); err == nil && n >= 1 && n <= 65535 {
		return ""
	}
	return p
}

// hostCount is an image origin and how many visible products use it.
type hostCount struct {
	origin string
	n      int
}

// hiddenHosts returns the origins of counts that hosts does not allow, most used
// first, and how many products use them in all.
func hiddenHosts(counts map[string]int, hosts catalog.ImageHosts) (out []hostCount, products int) {
	for o, n := range counts {
		if n > 0 && !hosts.Allows(o) {
			out = append(out, hostCount{o, n})
			products += n
		}
	}
	slices.SortFunc(out, func(a, b hostCount) int {
		if a.n != b.n {
			return b.n - a.n
		}
		return strings.Compare(a.origin, b.origin)
	})
	return out, products
}

// hostNames writes up to limit of hs as "host (n products)", and how many more.
func hostNames(hs []hostCount, limit int, count func(hostCount) string) string {
	var b strings.Builder
	for i, h := range hs {
		if i == limit {
			fmt.Fprintf(&b, " and %d more", len(hs)-limit)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s (%s)", strings.TrimPrefix(h.origin, "https://"), count(h))
	}
	return b.String()
}

// plural writes n and word, with an s unless n is 1.
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// logHiddenImages says at start how many visible products' images the views leave
// out because their hosts are not in setting (hosts), and the hosts most of them use.
// Hosts are sellers' names, not personal data.
func logHiddenImages(ctx context.Context, cat *catalog.Catalog, f imageHostsFlag, logger *slog.Logger) {
	counts, err := cat.ImageOriginCounts(ctx)
	if err != nil {
		logger.Warn("could not count the products whose images the views hide", "err", err)
		return
	}
	hidden, products := hiddenHosts(counts, f.hosts)
	if products == 0 {
		logger.Info("product images: --image-hosts hides no visible product's picture (one whose URL is not plain https never shows; import warns of those)", "image_hosts", f.text)
		return
	}
	logger.Info(hiddenImagesMessage(products, len(hidden)),
		"image_hosts", f.text, "hidden_products", products, "hidden_hosts", len(hidden),
		"most_used", hostNames(hidden, 3, func(h hostCount) string { return plural(h.n, "product") }))
}

// hiddenImagesMessage is the start-up line saying that products visible products have
// their picture on hosts hosts that the setting leaves out.
func hiddenImagesMessage(products, hosts int) string {
	have := "have their picture"
	if products == 1 {
		have = "has its picture"
	}
	return fmt.Sprintf("product images: %s %s on %s not in --image-hosts, so the views show a letter in its place; name a host there (or in COMMERCE_IMAGE_HOSTS) to show its pictures", plural(products, "visible product"), have, plural(hosts, "host"))
}

// reportImportedHosts tells the operator, after an import, the image hosts it brought
// products to that the views will not show (hosts not in f): hosts new to the catalog,
// and hosts with more visible products than before.
func reportImportedHosts(w io.Writer, before, after map[string]int, f imageHostsFlag) {
	grew := map[string]int{}
	for o, n := range after {
		if n > before[o] {
			grew[o] = n - before[o]
		}
	}
	hidden, products := hiddenHosts(grew, f.hosts)
	if products == 0 {
		return
	}
	fmt.Fprintf(w, "image hosts not in --image-hosts (%s): the views will show a letter in place of the pictures of %s of this import, on %s: %s; to show them, name the hosts in --image-hosts (or COMMERCE_IMAGE_HOSTS) when serving\n",
		f.text, plural(products, "product"), plural(len(hidden), "host"), hostNames(hidden, 10, func(h hostCount) string {
			if before[h.origin] == 0 {
				return plural(h.n, "product") + ", new"
			}
			return plural(h.n, "more product")
		}))
}
