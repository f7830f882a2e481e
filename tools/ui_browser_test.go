package tools

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/internal/ui"
)

var screenshots = flag.String("ui.screenshots", "", "folder to write screenshots of every MCP Apps view to, at desktop and narrow width (the README's are in ../internal/ui/screenshots)")

// testHostDir holds the test host page and its bundle (see .ci/ui-assets).
const testHostDir = "../internal/ui/testhost"

// appsClient connects an in-process MCP client that declares the MCP Apps extension,
// as a host that renders the views does.
func appsClient(t *testing.T, tb *Toolbox) *client.Client {
	t.Helper()
	c := client.NewClient(transport.NewInProcessTransport(tb.NewServer("commerce-mcp", "test")), client.WithProtocolVersion("2025-11-25"))
	ctx := context.Background()
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	req := mcp.InitializeRequest{}
	req.Params.ProtocolVersion = "2025-11-25"
	req.Params.ClientInfo = mcp.Implementation{Name: "test-host", Version: "1"}
	req.Params.Capabilities.Extensions = map[string]any{appsExtension: map[string]any{"mimeTypes": []string{ui.MIMEType}}}
	if _, err := c.Initialize(ctx, req); err != nil {
		t.Fatal(err)
	}
	return c
}

// linkedView returns the resource URI a tool's _meta links, as a host reads it.
func linkedView(t *testing.T, tool mcp.Tool) string {
	t.Helper()
	if tool.Meta == nil {
		return ""
	}
	m, _ := tool.Meta.AdditionalFields["ui"].(map[string]any)
	uri, _ := m["resourceUri"].(string)
	return uri
}

// readView reads a ui:// resource as a host does: its HTML and its declared CSP.
func readView(t *testing.T, c *client.Client, uri string) (html string, csp map[string]any) {
	t.Helper()
	req := mcp.ReadResourceRequest{}
	req.Params.URI = uri
	res, err := c.ReadResource(context.Background(), req)
	if err != nil {
		t.Fatalf("read %s: %v", uri, err)
	}
	if len(res.Contents) != 1 {
		t.Fatalf("read %s: %d contents", uri, len(res.Contents))
	}
	tc, ok := res.Contents[0].(mcp.TextResourceContents)
	if !ok || tc.MIMEType != ui.MIMEType {
		t.Fatalf("read %s: %T with MIME %q", uri, res.Contents[0], tc.MIMEType)
	}
	b, _ := json.Marshal(tc.Meta)
	var meta struct {
		UI struct {
			CSP map[string]any `json:"csp"`
		} `json:"ui"`
	}
	if err := json.Unmarshal(b, &meta); err != nil || meta.UI.CSP == nil {
		t.Fatalf("read %s: no _meta.ui.csp in %s", uri, b)
	}
	return tc.Text, meta.UI.CSP
}

// TestViewResources checks the links and resources a host reads, without a browser:
// every linked view exists and is served with a CSP naming exactly the catalog's image
// hosts; a read-only server serves no checkout view and its pages carry no buying code.
func TestViewResources(t *testing.T) {
	for _, readOnly := range []bool{false, true} {
		t.Run(fmt.Sprintf("read-only=%v", readOnly), func(t *testing.T) {
			s := newStorefront(t)
			s.tb.ReadOnly = readOnly
			c := appsClient(t, s.tb)
			ctx := context.Background()
			tools, err := c.ListTools(ctx, mcp.ListToolsRequest{})
			if err != nil {
				t.Fatal(err)
			}
			list, err := c.ListResources(ctx, mcp.ListResourcesRequest{})
			if err != nil {
				t.Fatal(err)
			}
			listed := map[string]bool{}
			for _, r := range list.Resources {
				if strings.HasPrefix(r.URI, "ui://") {
					listed[r.URI] = true
					if r.MIMEType != ui.MIMEType || r.Description == "" {
						t.Errorf("%s: MIME %q, description %q", r.URI, r.MIMEType, r.Description)
					}
				}
			}
			linked := map[string]bool{}
			for _, tool := range tools.Tools {
				uri := linkedView(t, tool)
				if want, ok := uiViews[tool.Name]; ok != (uri != "") || (ok && uri != uiURI(want)) {
					t.Errorf("tool %s links %q", tool.Name, uri)
				}
				if uri != "" {
					linked[uri] = true
				}
			}
			if len(linked) != len(listed) {
				t.Errorf("tools link %v, resources list %v", linked, listed)
			}
			origins, _, err := s.tb.Catalog.ImageOrigins(ctx, s.tb.ImageHosts, maxImageOrigins)
			if err != nil || len(origins) == 0 {
				t.Fatalf("image origins %v, %v", origins, err)
			}
			for uri := range linked {
				if !listed[uri] {
					t.Errorf("tools link %s, which is not listed", uri)
				}
				html, csp := readView(t, c, uri)
				got, _ := json.Marshal(csp["resourceDomains"])
				want, _ := json.Marshal(origins)
				if uri == uiURI(ui.Checkout) {
					want = []byte("[]") // the page that pays lets no outside host in
				}
				if string(got) != string(want) {
					t.Errorf("%s declares resourceDomains %s, the catalog's image hosts are %s", uri, got, want)
				}
				if conn, _ := csp["connectDomains"].([]any); len(conn) != 0 {
					t.Errorf("%s declares connectDomains %v; the views fetch nothing", uri, conn)
				}
				if strings.Contains(html, "<script src") || strings.Contains(html, "<link") || strings.Contains(html, "innerHTML") {
					t.Errorf("%s loads something from elsewhere or writes markup from data", uri)
				}
				if buys := strings.Contains(html, `"add_to_cart"`); buys == readOnly {
					t.Errorf("%s: names add_to_cart = %v on a read-only=%v server", uri, buys, readOnly)
				}
			}
			if listed[uiURI(ui.Checkout)] == readOnly {
				t.Errorf("checkout view listed = %v on a read-only=%v server", listed[uiURI(ui.Checkout)], readOnly)
			}
		})
	}
}

// TestViewImageHosts checks the image hosts each view declares under the operator's
// choice (--image-hosts) over the demo catalog plus products on hosts no operator
// named: allowed hosts that visible products use and nothing else, whatever the feed
// says; the checkout view never declares any.
func TestViewImageHosts(t *testing.T) {
	s := newStorefront(t)
	ctx := context.Background()
	foreign := func(id, url string, hidden bool) catalog.Product {
		p, err := s.tb.Catalog.Product(ctx, "nw-shoe-0001")
		if err != nil {
			t.Fatal(err)
		}
		p.ID, p.GroupID, p.ImageURL, p.Hidden = id, "", url, hidden
		return p
	}
	testshop.Upsert(t, s.tb.Catalog, nil, []catalog.Product{
		foreign("x-seller-host", "https://img.seller.example/a.jpg", false),
		foreign("x-seller-host-2", "https://IMG.seller.example:443/b.jpg", false),
		foreign("x-tracker", "https://tracker.example:8443/c.jpg", false),
		foreign("x-hidden", "https://hidden.example/d.jpg", true),
		foreign("x-userinfo", "https://northwind-outfitters.example@evil.example/e.jpg", false),
		foreign("x-http", "http://northwind-outfitters.example/f.jpg", false),
		foreign("x-javascript", "javascript:alert(1)", false),
		foreign("x-idn", "https://bücher.example/g.jpg", false),
	})
	demoOrigins := []string{}
	for _, h := range demo.ImageHosts() {
		demoOrigins = append(demoOrigins, "https://"+h)
	}
	slices.Sort(demoOrigins)
	for _, tc := range []struct {
		name  string
		hosts catalog.ImageHosts
		want  []string
	}{
		{"none", catalog.ImageHosts{}, []string{}},
		{"demo, the default", allowHosts(t, demo.ImageHosts()...), demoOrigins},
		{"one allowed", allowHosts(t, "circuit-yard.example"), []string{"https://circuit-yard.example"}},
		// Allowed but used by no visible product: not declared.
		{"unused and hidden", allowHosts(t, "cdn.unused.example", "hidden.example"), []string{}},
		{"mixed", allowHosts(t, "circuit-yard.example", "cdn.unused.example", "img.seller.example"), []string{"https://circuit-yard.example", "https://img.seller.example"}},
		// The port is part of the host: tracker.example alone does not allow :8443.
		{"port must match", allowHosts(t, "tracker.example"), []string{}},
		{"port", allowHosts(t, "tracker.example:8443"), []string{"https://tracker.example:8443"}},
		// any keeps the behaviour before the setting: every https host of the feeds,
		// still never plain http, a script or a non-ASCII name. x-userinfo's image is
		// stored without its user info (catalog.CleanURL), so it is on its real host,
		// evil.example: declared here, and never by the demo list, which names
		// northwind-outfitters.example.
		{"any", catalog.ImageHosts{Any: true}, append(slices.Clone(demoOrigins), "https://evil.example", "https://img.seller.example", "https://tracker.example:8443")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s.tb.ImageHosts = tc.hosts
			c := appsClient(t, s.tb)
			slices.Sort(tc.want)
			for _, v := range ui.Views {
				uri := uiURI(v)
				_, csp := readView(t, c, uri)
				got, _ := json.Marshal(csp["resourceDomains"])
				want, _ := json.Marshal(tc.want)
				if v == ui.Checkout {
					want = []byte("[]")
				}
				if string(got) != string(want) {
					t.Errorf("%s declares resourceDomains %s, want %s", uri, got, want)
				}
			}
		})
	}
}

// chromium returns the path of Chromium, or skips the test when there is none; under CI
// a missing browser fails the test instead, so a skipped check cannot pass for a passed
// one there.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("Chromium is not installed; .ci/run installs Debian's chromium package")
	}
	t.Skip("Chromium is not installed (apt-get install chromium): the MCP Apps views were NOT checked in a browser")
	return ""
}

// imageProxy starts an HTTP proxy that answers every https request tunnelled through
// it (CONNECT) with a small generated SVG picture, and returns its address.
func imageProxy(t *testing.T) string {
	t.Helper()
	images := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hue := 0
		for _, c := range r.URL.Path {
			hue = (hue*31 + int(c)) % 360
		}
		w.Header().Set("Content-Type", "image/svg+xml")
		fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300">`+
			`<rect width="400" height="300" fill="hsl(%d,45%%,82%%)"/><circle cx="200" cy="140" r="70" fill="hsl(%d,45%%,55%%)"/>`+
			`<rect x="110" y="220" width="180" height="24" rx="12" fill="hsl(%d,45%%,45%%)"/></svg>`, hue, hue, hue)
	}))
	t.Cleanup(images.Close)
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodConnect {
			http.Error(w, "only CONNECT", http.StatusBadGateway)
			return
		}
		upstream, err := net.Dial("tcp", images.Listener.Addr().String())
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			upstream.Close()
			return
		}
		buf.WriteString("HTTP/1.1 200 Connection established\r\n\r\n")
		buf.Flush()
		go func() { io.Copy(upstream, buf); upstream.Close() }()
		io.Copy(conn, upstream)
		conn.Close()
	}))
	t.Cleanup(proxy.Close)
	return proxy.Listener.Addr().String()
}

// browserHost is the test host page in headless Chromium, with the server behind it.
type browserHost struct {
	t     *testing.T
	ctx   context.Context
	c     *client.Client
	tools map[string]mcp.Tool
	url   string
	frame *chromedp.Node
	// csp, when set, replaces the CSP a view declares (to see what a stricter host does).
	csp    map[string]any
	result *mcp.CallToolResult
}

func newBrowserHost(t *testing.T, c *client.Client) *browserHost {
	t.Helper()
	exe := chromium(t)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /host.html", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, filepath.Join(testHostDir, "host.html"))
	})
	mux.HandleFunc("GET /host.bundle.js", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, filepath.Join(testHostDir, "host.bundle.js"))
	})
	// /call is the host proxying a view's tools/call to the server.
	mux.HandleFunc("POST /call", func(w http.ResponseWriter, r *http.Request) {
		var p struct {
			Name      string         `json:"name"`
			Arguments map[string]any `json:"arguments"`
		}
		if err := json.NewDecoder(r.Body).Decode(&p); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		req := mcp.CallToolRequest{}
		req.Params.Name, req.Params.Arguments = p.Name, p.Arguments
		res, err := c.CallTool(r.Context(), req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(res)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]),
		chromedp.ExecPath(exe),
		// The catalog's image hosts do not exist: every https request goes to a proxy
		// that answers with a generated picture.
		chromedp.ProxyServer("http://"+imageProxy(t)),
		chromedp.IgnoreCertErrors,
		chromedp.NoSandbox,
		chromedp.WindowSize(1024, 900),
		// Keep the sandboxed view in the page's process, where the test can read its DOM.
		chromedp.Flag("disable-features", "IsolateSandboxedIframes,site-per-process"),
		chromedp.Flag("disable-site-isolation-trials", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(cancelTimeout)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	tools, err := c.ListTools(context.Background(), mcp.ListToolsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	b := &browserHost{t: t, ctx: ctx, c: c, tools: map[string]mcp.Tool{}, url: srv.URL}
	for _, tool := range tools.Tools {
		b.tools[tool.Name] = tool
	}
	return b
}

func (b *browserHost) run(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatal(err)
	}
}

// get runs one action that reads a value.
func get[T any](b *browserHost, a chromedp.Action[T]) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, a)
	if err != nil {
		b.t.Fatal(err)
	}
	return v
}

// open calls tool on the server and shows its result in the tool's view, as a host
// does: it reads the view the tool links, embeds it and sends it the arguments and the
// result.
func (b *browserHost) open(tool string, args map[string]any) *mcp.CallToolResult {
	b.t.Helper()
	res := call(b.t, b.c, tool, args, nil)
	if res.IsError {
		b.t.Fatalf("%s: %s", tool, text(res))
	}
	uri := linkedView(b.t, b.tools[tool])
	html, csp := readView(b.t, b.c, uri)
	if b.csp != nil {
		csp = b.csp
	}
	o, _ := json.Marshal(map[string]any{"html": html, "csp": csp, "tool": b.tools[tool], "input": args, "result": res, "theme": "light", "title": uri})
	b.run(
		chromedp.Navigate(b.url+"/host.html"),
		chromedp.Evaluate[chromedp.Void]("startHost("+string(o)+")", chromedp.EvalAwaitPromise),
		chromedp.Poll[chromedp.Void]("window.host.ready", chromedp.WithPollingTimeout(20*time.Second)),
	)
	frames := get(b, chromedp.Nodes(chromedp.CSS("iframe")))
	b.frame = frames[0]
	b.run(chromedp.WaitVisible(chromedp.CSS(`main[aria-busy="false"]`), chromedp.FromNode(b.frame)))
	b.result = res
	return res
}

// text is the view's visible text.
func (b *browserHost) text() string {
	b.t.Helper()
	return get(b, chromedp.Text(chromedp.CSS("#app"), chromedp.FromNode(b.frame)))
}

// waitText waits until the view shows want (in #app or the status line).
func (b *browserHost) waitText(want string) {
	b.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var s string
	for time.Now().Before(deadline) {
		s = get(b, chromedp.Text(chromedp.CSS("body"), chromedp.FromNode(b.frame)))
		if strings.Contains(s, want) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	b.t.Fatalf("the view never showed %q; it shows:\n%s", want, s)
}

// waitImages waits until the view shows n loaded images and no image still loading; an
// image that fails (blocked by the CSP) is replaced by a letter. Images load lazily, as
// a person scrolls to them: each one not yet loaded is scrolled into view.
func (b *browserHost) waitImages(n int) {
	b.t.Helper()
	_, err := chromedp.Run(b.ctx, chromedp.Poll[bool](fmt.Sprintf(`(() => {
		const imgs = [...document.querySelectorAll(".thumb img")];
		imgs.filter(i => !i.complete).forEach(i => i.scrollIntoView({block: "nearest"}));
		return imgs.every(i => i.complete) && imgs.filter(i => i.naturalWidth > 0).length === %d && imgs.length === %d;
	})()`, n, n), chromedp.WithPollingInFrame(b.frame), chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		state := get(b, chromedp.Poll[string](`JSON.stringify([...document.querySelectorAll(".thumb")].map(t => { const i = t.querySelector("img"); return i ? (i.src + " " + i.complete + " " + i.naturalWidth) : "letter" }))`, chromedp.WithPollingInFrame(b.frame)))
		b.t.Fatalf("the view never showed %d loaded images: %v\n%q", n, err, state)
	}
	// Back to the top, where a person opening the view starts (and screenshots are taken).
	get(b, chromedp.Poll[bool](`(window.scrollTo(0, 0), true)`, chromedp.WithPollingInFrame(b.frame)))
	b.run(chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
}

// waitFor waits until the view has an element matching sel.
func (b *browserHost) waitFor(sel string) {
	b.t.Helper()
	b.run(chromedp.WaitVisible(chromedp.CSS(sel), chromedp.FromNode(b.frame)))
}

// press focuses the view's first element matching sel and presses Enter on it, as a
// keyboard user would; it returns the tool call the host received because of it, once
// the view has shown the answer.
func (b *browserHost) press(sel string) hostCall {
	b.t.Helper()
	before := len(b.calls())
	b.run(chromedp.Focus(chromedp.CSS(sel), chromedp.FromNode(b.frame)), chromedp.KeyEvent(kb.Enter))
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if calls := b.calls(); len(calls) > before {
			// The view is busy from the press until it has shown the answer.
			b.waitFor(`main[aria-busy="false"]`)
			return calls[len(calls)-1]
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("pressing %s called no tool", sel)
	return hostCall{}
}

type hostCall struct {
	Name      string         `json:"name"`
	Arguments map[string]any `json:"arguments"`
}

func (b *browserHost) calls() []hostCall {
	b.t.Helper()
	return get(b, chromedp.Evaluate[[]hostCall]("window.host.calls"))
}

// shoot writes screenshots of the view, when -ui.screenshots is set: desktop width in
// the light theme and 360 px in the dark one (sent as a host context change).
func (b *browserHost) shoot(name string) {
	b.t.Helper()
	if *screenshots == "" {
		return
	}
	if err := os.MkdirAll(*screenshots, 0o755); err != nil {
		b.t.Fatal(err)
	}
	for _, s := range []struct {
		suffix string
		width  int64
		theme  string
	}{{"desktop", 1024, "light"}, {"narrow", 360, "dark"}} {
		b.run(
			chromedp.EmulateViewport(s.width, 900),
			chromedp.Evaluate[chromedp.Void](`setTheme("`+s.theme+`")`, chromedp.EvalAwaitPromise),
			chromedp.Sleep(400*time.Millisecond),
		)
		png := get(b, chromedp.Screenshot(chromedp.CSS("iframe")))
		if err := os.WriteFile(filepath.Join(*screenshots, name+"-"+s.suffix+".png"), png, 0o644); err != nil {
			b.t.Fatal(err)
		}
	}
	b.run(chromedp.EmulateViewport(1024, 900), chromedp.Evaluate[chromedp.Void](`setTheme("light")`, chromedp.EvalAwaitPromise))
}

func wantArgs(t *testing.T, got hostCall, name string, want map[string]any) {
	t.Helper()
	g, _ := json.Marshal(got.Arguments)
	w, _ := json.Marshal(want)
	if got.Name != name || string(g) != string(w) {
		t.Errorf("the view called %s(%s), want %s(%s)", got.Name, g, name, w)
	}
}

func decodeResult[T any](t *testing.T, res *mcp.CallToolResult) T {
	t.Helper()
	var out T
	b, _ := json.Marshal(res.StructuredContent)
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestViewsInBrowser embeds every view in a host page in headless Chromium, with the
// ext-apps SDK's AppBridge, feeds it a real result from the server, and checks what it
// shows and which tools its buttons call (through the host, with the real server
// answering). With -ui.screenshots it also writes the README's screenshots.
func TestViewsInBrowser(t *testing.T) {
	s := newStorefront(t)
	c := appsClient(t, s.tb)
	b := newBrowserHost(t, c)

	t.Run("results", func(t *testing.T) {
		b.t = t
		args := map[string]any{"query": "running shoes", "limit": 6}
		res := b.open("search_products", args)
		sc := decodeResult[searchProductsResult](t, res)
		got := b.text()
		for _, p := range sc.Products {
			for _, want := range []string{p.Title, p.Price.Display, p.Seller.Name} {
				if !strings.Contains(got, want) {
					t.Errorf("the results grid does not show %q", want)
				}
			}
		}
		if len(sc.Products) == 0 || len(sc.Facets.Brands) == 0 || sc.NextCursor == "" {
			t.Fatalf("the search found too little to check the view: %s", text(res))
		}
		// The catalog's image hosts are declared, so its images load.
		b.waitImages(len(sc.Products))
		b.shoot("results")
		// Facets are chips that search again with the filter added.
		brand := sc.Facets.Brands[0].Value
		wantArgs(t, b.press(`button[data-tool="search_products"][aria-pressed="false"]`), "search_products",
			map[string]any{"query": "running shoes", "limit": 6, "brand": brand})
		b.waitFor(`button[data-tool="search_products"][aria-pressed="true"]`)
		// The next page passes the same query and filters with the cursor.
		next := b.press("#next-page")
		if next.Arguments["cursor"] == nil || next.Arguments["brand"] != brand || next.Arguments["query"] != "running shoes" {
			t.Errorf("next page called search_products(%v)", next.Arguments)
		}
		// Add to cart stays on the grid and says what the cart holds.
		add := b.press(`button[data-tool="add_to_cart"]`)
		if add.Name != "add_to_cart" || add.Arguments["quantity"] != float64(1) || add.Arguments["product_id"] == "" {
			t.Errorf("add to cart called %s(%v)", add.Name, add.Arguments)
		}
		b.waitText("Added to the cart")
		call(t, c, "clear_cart", nil, nil)
	})

	t.Run("recommend", func(t *testing.T) {
		b.t = t
		res := b.open("recommend", map[string]any{"limit": 4})
		sc := decodeResult[recommendResult](t, res)
		got := b.text()
		for _, p := range sc.Recommendations {
			for _, want := range append([]string{p.Title, p.Price.Display}, p.Reasons...) {
				if !strings.Contains(got, want) {
					t.Errorf("the picks do not show %q", want)
				}
			}
		}
		b.shoot("recommend")
	})

	t.Run("product", func(t *testing.T) {
		b.t = t
		// The product gets a family: a variant whose title is markup (seller text is
		// untrusted; the page must show it as text).
		p := demoProduct(t, 1000, 4000)
		p.GroupID = "family-1"
		v := p
		v.ID, v.Title, v.GTIN = p.ID+"-v", `<img src="x" id="injected"> Hostile Variant`, ""
		testshop.Upsert(t, s.tb.Catalog, nil, []catalog.Product{p, v})
		res := b.open("get_product", map[string]any{"product_id": p.ID})
		d := decodeResult[productDetail](t, res)
		got := b.text()
		for _, want := range []string{d.Title, d.Price.Display, d.Seller.Name} {
			if !strings.Contains(got, want) {
				t.Errorf("the product page does not show %q", want)
			}
		}
		for k, v := range d.Attributes {
			if !strings.Contains(got, k) || !strings.Contains(got, v) {
				t.Errorf("the product page does not show the attribute %s: %s", k, v)
			}
		}
		if !strings.Contains(got, "Other variants") || !strings.Contains(got, v.Title) {
			t.Errorf("the product page does not list the variant %q:\n%s", v.Title, got)
		}
		if n := len(get(b, chromedp.Nodes(chromedp.CSSAll("#injected"), chromedp.AtLeast(0), chromedp.FromNode(b.frame)))); n != 0 {
			t.Error("a variant's title was written into the page as markup")
		}
		b.shoot("product")
		wantArgs(t, b.press(`.card button[data-tool="get_product"]`), "get_product", map[string]any{"product_id": v.ID})
		b.waitText("Hostile Variant")
		b.open("get_product", map[string]any{"product_id": p.ID})
		// Below the confirmation threshold too, Buy now shows the quoted total first and
		// buys only on the second press.
		charged := s.charges()
		wantArgs(t, b.press(`button[data-tool="purchase"]`), "purchase", map[string]any{"product_id": p.ID, "quantity": 1, "confirm_first": true})
		b.waitText("Confirm your order")
		b.waitText("Confirm and pay $")
		if s.charges() != charged {
			t.Fatal("Buy now charged below the threshold before the second press")
		}
		confirm := b.press(`button[data-tool="purchase"].primary`)
		if q, _ := confirm.Arguments["quote_id"].(string); confirm.Name != "purchase" || !strings.HasPrefix(q, "qt_") || len(confirm.Arguments) != 1 {
			t.Errorf("confirm called %s(%v), want purchase with the quote_id alone", confirm.Name, confirm.Arguments)
		}
		b.waitText("Order placed")
		b.waitText("•••• 4242")
		if s.charges() != charged+1 {
			t.Errorf("%d charges after the second press, want %d", s.charges(), charged+1)
		}
	})

	t.Run("purchase above the confirmation threshold", func(t *testing.T) {
		b.t = t
		dear := demoProduct(t, 6000, 40000)
		b.open("get_product", map[string]any{"product_id": dear.ID})
		charged := s.charges()
		wantArgs(t, b.press(`button[data-tool="purchase"]`), "purchase", map[string]any{"product_id": dear.ID, "quantity": 1, "confirm_first": true})
		b.waitText("Confirm your order")
		b.waitText("To pay with Visa •••• 4242")
		if s.charges() != charged {
			t.Fatal("Buy now charged before the person confirmed")
		}
		confirm := b.press(`button[data-tool="purchase"].primary`)
		if q, _ := confirm.Arguments["quote_id"].(string); confirm.Name != "purchase" || !strings.HasPrefix(q, "qt_") || len(confirm.Arguments) != 1 {
			t.Errorf("confirm called %s(%v), want purchase with the quote_id alone", confirm.Name, confirm.Arguments)
		}
		b.waitText("Order placed")
		if s.charges() != charged+1 {
			t.Errorf("%d charges after the confirmation, want %d", s.charges(), charged+1)
		}
	})

	t.Run("product with choices", func(t *testing.T) {
		b.t = t
		// A ring asking for a size and a metal and a name to engrave, whose seller
		// wrote markup into a value and into the instructions: the page shows them as
		// text, and the pickers send what the person chose.
		ring, _ := choiceProducts(t, s)
		ring.Attributes["metal"] = `Sterling Silver, Gold, <img src="x" id="injected-choice" onerror="window.hacked=1">`
		ring.Attributes[catalog.AttrPersonalization] = `required: <b id="injected-help">the name</b> to engrave`
		testshop.Upsert(t, s.tb.Catalog, nil, []catalog.Product{ring})
		res := b.open("get_product", map[string]any{"product_id": ring.ID})
		d := decodeResult[productDetail](t, res)
		if len(d.Options) != 2 || d.Personalization == nil {
			t.Fatalf("get_product gives the view options %v and personalization %v", d.Options, d.Personalization)
		}
		got := b.text()
		for _, want := range []string{"Your choices", "Ring size", "Metal", "Personalisation", `<b id="injected-help">the name</b> to engrave`, "At most 12 characters"} {
			if !strings.Contains(got, want) {
				t.Errorf("the product page does not show %q:\n%s", want, got)
			}
		}
		offered := get(b, chromedp.Poll[[]string](`[...document.querySelectorAll("#choice-1 option")].map(o => o.value)`, chromedp.WithPollingInFrame(b.frame)))
		if want := []string{"", "Sterling Silver", "Gold", `<img src="x" id="injected-choice" onerror="window.hacked=1">`}; !slices.Equal(offered, want) {
			t.Errorf("the metal picker offers %q, want %q", offered, want)
		}
		for _, id := range []string{"#injected-choice", "#injected-help"} {
			if n := len(get(b, chromedp.Nodes(chromedp.CSSAll(id), chromedp.AtLeast(0), chromedp.FromNode(b.frame)))); n != 0 {
				t.Errorf("seller text was written into the page as markup (%s)", id)
			}
		}
		if ml := get(b, chromedp.AttributeValue(chromedp.CSS("#personalization"), "maxlength", chromedp.FromNode(b.frame))); ml.Value != "12" {
			t.Errorf("the personalisation field takes %q characters, want the product's 12", ml.Value)
		}
		b.shoot("product-choices")
		charged := s.charges()
		// Nothing chosen: the server refuses, and the view shows its words.
		wantArgs(t, b.press(`button[data-tool="purchase"]`), "purchase", map[string]any{"product_id": ring.ID, "quantity": 1, "confirm_first": true})
		b.waitText("is made to order in a choice of ring_size")
		b.run(
			chromedp.SetValue(chromedp.CSS("#choice-0"), "7", chromedp.FromNode(b.frame)),
			chromedp.SetValue(chromedp.CSS("#choice-1"), "Gold", chromedp.FromNode(b.frame)),
			chromedp.SendKeys(chromedp.CSS("#personalization"), "Ana", chromedp.FromNode(b.frame)),
		)
		wantArgs(t, b.press(`button[data-tool="purchase"]`), "purchase", map[string]any{"product_id": ring.ID, "quantity": 1, "confirm_first": true,
			"choices": map[string]any{"ring_size": "7", "metal": "Gold"}, "personalization": "Ana"})
		b.waitText("Confirm your order")
		b.waitText("Ring size: 7 · Metal: Gold · Personalisation: “Ana”")
		if s.charges() != charged {
			t.Fatal("Buy now charged before the second press")
		}
		confirm := b.press(`button[data-tool="purchase"].primary`)
		if len(confirm.Arguments) != 1 {
			t.Errorf("confirm called purchase(%v), want the quote_id alone", confirm.Arguments)
		}
		b.waitText("Order placed")
		if s.charges() != charged+1 {
			t.Errorf("%d charges after the confirmation, want %d", s.charges(), charged+1)
		}
		view := b.press(`button[data-tool="get_order"]`)
		var o orderView
		if res := call(t, c, "get_order", map[string]any{"order_id": view.Arguments["order_id"]}, &o); res.IsError || len(o.Lines) != 1 ||
			!equalChoices(o.Lines[0].Choices, []choiceView{{"ring_size", "7"}, {"metal", "Gold"}}) || o.Lines[0].Personalization != "Ana" {
			t.Errorf("the order bought from the view holds %+v: %s", o.Lines, text(res))
		}
		b.waitText("Ring size: 7 · Metal: Gold")

		// The cart: the ring in size 9 added from the view beside the ring in size 7
		// added by the model; each line's buttons name their line by its choices.
		b.open("get_product", map[string]any{"product_id": ring.ID})
		b.run(
			chromedp.SetValue(chromedp.CSS("#choice-0"), "9", chromedp.FromNode(b.frame)),
			chromedp.SetValue(chromedp.CSS("#choice-1"), "Sterling Silver", chromedp.FromNode(b.frame)),
			chromedp.SendKeys(chromedp.CSS("#personalization"), "Bo", chromedp.FromNode(b.frame)),
		)
		wantArgs(t, b.press(`button[data-tool="add_to_cart"]`), "add_to_cart", map[string]any{"product_id": ring.ID, "quantity": 1,
			"choices": map[string]any{"ring_size": "9", "metal": "Sterling Silver"}, "personalization": "Bo"})
		b.waitText("Added to the cart")
		if res := call(t, c, "add_to_cart", map[string]any{"product_id": ring.ID, "choices": map[string]any{"ring_size": "7", "metal": "Gold"}, "personalization": "Ana"}, nil); res.IsError {
			t.Fatal(text(res))
		}
		b.open("view_cart", nil)
		b.waitText("Ring size: 9 · Metal: Sterling Silver · Personalisation: “Bo”")
		wantArgs(t, b.press(`tr:first-child button[data-tool="update_cart"][aria-label^="One more"]`), "update_cart", map[string]any{"product_id": ring.ID, "quantity": 2,
			"choices": map[string]any{"ring_size": "9", "metal": "Sterling Silver"}, "personalization": "Bo"})
		b.waitText("Cart: 3 items")
		var cart cartResult
		call(t, c, "view_cart", nil, &cart)
		for _, l := range cart.Sellers[0].Lines {
			if want := map[string]int{"9": 2, "7": 1}[l.Choices[0].Value]; l.Quantity != want {
				t.Errorf("the ring in size %s: %d in the cart, want %d", l.Choices[0].Value, l.Quantity, want)
			}
		}
		call(t, c, "clear_cart", nil, nil)
	})

	t.Run("results with choices and unit prices", func(t *testing.T) {
		b.t = t
		// A ring that needs a size, a metal and a name, a mug whose name is optional, and
		// polishing cloths sold by the 50: the grid shows the cloths' unit price, offers
		// Add to cart for the mug and Choose options for the ring, which opens its view
		// with the pickers.
		ring, mug := choiceProducts(t, s)
		cloth := demoProduct(t, 1000, 4000)
		cloth.ID, cloth.Title, cloth.GroupID, cloth.GTIN = "MAG-CL-50", "Hammered Band Ring Polishing Cloth, 50-Pack", "", ""
		cloth.Attributes = map[string]string{catalog.AttrUnitMeasure: "50 Count"}
		testshop.Upsert(t, s.tb.Catalog, nil, []catalog.Product{cloth})
		for _, q := range []struct{ query, id string }{{"hammered band ring", ring.ID}, {"stoneware mug", mug.ID}} {
			res := b.open("search_products", map[string]any{"query": q.query, "limit": 6})
			sc := decodeResult[searchProductsResult](t, res)
			byID := map[string]searchItem{}
			for _, p := range sc.Products {
				byID[p.ID] = p
			}
			if _, ok := byID[q.id]; !ok {
				t.Fatalf("%q does not find %s: %s", q.query, q.id, text(res))
			}
			card := func(id, sel string) int {
				return len(get(b, chromedp.Nodes(chromedp.CSSAll(`li[data-product="`+id+`"] `+sel), chromedp.AtLeast(0), chromedp.FromNode(b.frame))))
			}
			if q.id == mug.ID {
				if byID[mug.ID].ChoicesRequired || card(mug.ID, `button[data-tool="add_to_cart"]`) != 1 {
					t.Errorf("the mug (its name optional): choices_required %v, %d Add to cart buttons", byID[mug.ID].ChoicesRequired, card(mug.ID, `button[data-tool="add_to_cart"]`))
				}
				continue
			}
			c, ok := byID[cloth.ID]
			if !ok || c.UnitPrice == nil || c.ChoicesRequired {
				t.Fatalf("the cloths in the results: %+v", c)
			}
			if got := b.text(); !strings.Contains(got, c.UnitPrice.Display) {
				t.Errorf("the grid does not show the cloths' unit price %q:\n%s", c.UnitPrice.Display, got)
			}
			if !byID[ring.ID].ChoicesRequired || card(ring.ID, `button[data-tool="add_to_cart"]`) != 0 || card(cloth.ID, `button[data-tool="add_to_cart"]`) != 1 {
				t.Errorf("the ring: choices_required %v, %d Add to cart buttons (want none); the cloths: %d (want one)",
					byID[ring.ID].ChoicesRequired, card(ring.ID, `button[data-tool="add_to_cart"]`), card(cloth.ID, `button[data-tool="add_to_cart"]`))
			}
			b.shoot("results-choices")
			wantArgs(t, b.press(`li[data-product="`+ring.ID+`"] button[aria-label^="Choose the options"]`), "get_product", map[string]any{"product_id": ring.ID})
			b.waitText("Your choices")
		}
	})

	var orderID string
	t.Run("cart and checkout", func(t *testing.T) {
		b.t = t
		for _, a := range []map[string]any{{"product_id": "hh-cof-0004", "quantity": 2}, {"product_id": "cy-hp-0001"}} {
			if res := call(t, c, "add_to_cart", a, nil); res.IsError {
				t.Fatal(text(res))
			}
		}
		res := b.open("view_cart", nil)
		cart := decodeResult[cartResult](t, res)
		got := b.text()
		for _, g := range cart.Sellers {
			for _, l := range g.Lines {
				if !strings.Contains(got, l.Title) || !strings.Contains(got, l.UnitPrice.Display) {
					t.Errorf("the cart does not show %q at %s", l.Title, l.UnitPrice.Display)
				}
			}
		}
		b.shoot("cart")
		first := cart.Sellers[0].Lines[0]
		wantArgs(t, b.press(`button[data-tool="update_cart"][aria-label^="One more"]`), "update_cart",
			map[string]any{"product_id": first.ProductID, "quantity": first.Quantity + 1})
		b.waitText(fmt.Sprintf("Cart: %d items", cart.Items+1))
		wantArgs(t, b.press(`button[data-tool="checkout"]`), "checkout", map[string]any{})
		b.waitText("Confirm your order")
		got = b.text()
		for _, want := range []string{"•••• 4242", first.Title, "Total"} {
			if !strings.Contains(got, want) {
				t.Errorf("the confirmation does not show %q:\n%s", want, got)
			}
		}
		b.shoot("checkout")
		b.waitText("Also offered: Express shipping")
		confirm := b.press(`button[data-tool="checkout"].primary`)
		if q, _ := confirm.Arguments["quote_id"].(string); confirm.Name != "checkout" || !strings.HasPrefix(q, "qt_") || len(confirm.Arguments) != 1 {
			t.Errorf("confirm called %s(%v), want checkout with the quote_id alone", confirm.Name, confirm.Arguments)
		}
		b.waitText("Order placed")
		view := b.press(`button[data-tool="get_order"]`)
		orderID, _ = view.Arguments["order_id"].(string)
		if view.Name != "get_order" || !strings.HasPrefix(orderID, "ord_") {
			t.Errorf("view order called %s(%v)", view.Name, view.Arguments)
		}
		b.waitText("Order " + orderID)
	})

	t.Run("order", func(t *testing.T) {
		b.t = t
		if orderID == "" {
			t.Skip("no order: the checkout case failed")
		}
		res := b.open("get_order", map[string]any{"order_id": orderID})
		o := decodeResult[orderView](t, res)
		got := b.text()
		for _, want := range []string{"Order " + o.OrderID, o.Status, o.Totals.Total.Display, "•••• " + o.Card.Last4} {
			if !strings.Contains(got, want) {
				t.Errorf("the order view does not show %q:\n%s", want, got)
			}
		}
		b.shoot("order")
		wantArgs(t, b.press(`button[data-tool="get_order"]`), "get_order", map[string]any{"order_id": orderID})
	})

	t.Run("images from undeclared hosts", func(t *testing.T) {
		b.t = t
		b.csp = map[string]any{} // a host that allows no image host at all
		defer func() { b.csp = nil }()
		b.open("search_products", map[string]any{"query": "running shoes", "limit": 3})
		b.waitImages(0)
		if got := b.text(); !strings.Contains(got, "Add to cart") {
			t.Errorf("without images the grid is broken:\n%s", got)
		}
	})

	t.Run("images from hosts the operator did not allow", func(t *testing.T) {
		b.t = t
		// Casual sneakers come from two demo sellers, each with its own image host
		// (five products: all in view, where their lazy images load).
		args := map[string]any{"query": "sneakers", "limit": 5}
		sc := decodeResult[searchProductsResult](t, call(t, b.c, "search_products", args, nil))
		if len(sc.Products) == 0 {
			t.Fatal("no sneakers found")
		}
		allowed, _ := catalog.ImageOrigin(sc.Products[0].ImageURL)
		n := 0
		for _, p := range sc.Products {
			if o, _ := catalog.ImageOrigin(p.ImageURL); o == allowed {
				n++
			}
		}
		if n == len(sc.Products) {
			t.Fatalf("every sneaker's image is on %s: the case needs two hosts", allowed)
		}
		before := s.tb.ImageHosts
		s.tb.ImageHosts = catalog.ImageHosts{Allowed: []string{allowed}}
		defer func() { s.tb.ImageHosts = before }()
		b.open("search_products", args)
		// The view declares only the allowed host: the other seller's products
		// show a letter, the grid stays whole.
		b.waitImages(n)
		if got := b.text(); strings.Count(got, "Add to cart") != len(sc.Products) {
			t.Errorf("with some images hidden the grid is broken:\n%s", got)
		}
		// A host whose policy is looser than the view declares (here: every sneaker's
		// host) still gets no picture from a host the operator did not allow: the page
		// itself loads only from the origins the view declares.
		var every []any
		for _, p := range sc.Products {
			if o, _ := catalog.ImageOrigin(p.ImageURL); !slices.Contains(every, any(o)) {
				every = append(every, o)
			}
		}
		b.csp = map[string]any{"resourceDomains": every}
		defer func() { b.csp = nil }()
		b.open("search_products", args)
		b.waitImages(n)
	})

	t.Run("theme and size", func(t *testing.T) {
		b.t = t
		b.open("view_cart", nil)
		b.run(chromedp.Evaluate[chromedp.Void](`setTheme("dark")`, chromedp.EvalAwaitPromise), chromedp.Sleep(200*time.Millisecond))
		theme := get(b, chromedp.AttributeValue(chromedp.CSS("html"), "data-theme", chromedp.FromNode(b.frame)))
		if theme.Value != "dark" {
			t.Errorf("after a host context change to dark the view's theme is %q", theme.Value)
		}
		if sizes := get(b, chromedp.Evaluate[int]("window.host.sizes.length")); sizes == 0 {
			t.Error("the view never told the host its size")
		}
	})
}
