// Package ui holds the MCP Apps views of commerce-mcp: self-contained HTML pages that
// hosts supporting the MCP Apps extension (io.modelcontextprotocol/ui) show in a
// sandboxed iframe in place of a tool's text. The pages are written by hand in src/
// (one stylesheet, scripts speaking the extension's postMessage JSON-RPC dialect,
// one HTML shell) and assembled here; nothing is fetched at run time, and go build
// needs nothing but these files. Package tools serves them as ui:// resources and
// links them from the tools' _meta.
package ui

import (
	_ "embed"
	"html"
	"strings"
)

// MIMEType is the MIME type of an MCP Apps HTML resource.
const MIMEType = "text/html;profile=mcp-app"

// View names one page; every view shows any tool result the page receives later (a
// button on the results grid that opens a product shows the product), the view only
// says which it expects first and how the page is titled.
type View string

// The views.
const (
	Results  View = "results"  // search_products and recommend
	Product  View = "product"  // get_product
	Cart     View = "cart"     // the cart tools
	Checkout View = "checkout" // purchase and checkout: confirmation and outcome
	Order    View = "order"    // get_order
)

// Views lists every view, in a stable order.
var Views = []View{Results, Product, Cart, Checkout, Order}

// Titles are the views' human-readable names.
var Titles = map[View]string{
	Results:  "Products",
	Product:  "Product",
	Cart:     "Cart",
	Checkout: "Checkout",
	Order:    "Order",
}

var (
	//go:embed src/page.html
	pageSource string
	//go:embed src/style.css
	styleSource string
	//go:embed src/app.js
	appSource string
	//go:embed src/buy.js
	buySource string
	//go:embed src/start.js
	startSource string
)

// Options change what a page offers.
type Options struct {
	// Buying is false on a read-only server: the page leaves out src/buy.js, so it
	// neither shows nor names a tool the server does not serve (add to cart, buy,
	// checkout, cart changes).
	Buying bool
	// ImageOrigins are the image origins the view's CSP declares (https://host[:port]).
	// The page loads a picture only from one of them, so that a host applying a looser
	// policy than declared still fetches nothing from a host the operator did not allow.
	ImageOrigins []string
}

// Page returns the HTML document of view: the shell with the stylesheet and the
// scripts inlined (app.js, buy.js when buying, start.js, in one function). It panics on
// an unknown view (a bug in the caller).
func Page(view View, o Options) string {
	if _, ok := Titles[view]; !ok {
		panic("ui: unknown view " + string(view))
	}
	script := appSource
	if o.Buying {
		script += buySource
	}
	script += startSource
	return strings.NewReplacer(
		"{{view}}", string(view),
		"{{title}}", Titles[view],
		"{{origins}}", html.EscapeString(strings.Join(o.ImageOrigins, " ")),
		"/*{{style}}*/", styleSource,
		"/*{{script}}*/", script,
	).Replace(pageSource)
}
