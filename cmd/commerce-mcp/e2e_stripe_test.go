package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lmittmann/tint"
	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/seller"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/stripesim"
	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// TestStripeEndToEnd runs the "real Stripe" purchase path with every party at an HTTP
// seam, as separate processes would be: a Stripe emulator (internal/sandbox/stripesim) holding an
// agent account and a seller account, the reference ACP seller for
// northwind-outfitters with its own catalog database and its own Stripe key, a sellers
// file naming that seller, and run("serve", --stripe-key, --stripe-base-url, --sellers)
// driven over stdio by the mcp-go client. A cheap purchase completes in test mode with
// one PaymentIntent on the seller's account; a seller missing from the sellers file is
// refused; no key or token id reaches stdout or stderr.
func TestStripeEndToEnd(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dir := t.TempDir()
	w := newStripeWorld(t, dir, nil)
	sb, sellerLog := w.stripe, w.sellerLog
	sellerAccount, profile := w.sellerAccount, w.profile

	stdinR, stdinW := io.Pipe()
	stdoutR, stdoutW := io.Pipe()
	var stdout, stderr syncbuf.Buffer
	done := make(chan error, 1)
	args := append([]string{"serve", "--db", filepath.Join(dir, "commerce.db"), "--log-level", "debug"}, w.args...)
	go func() {
		done <- run(ctx, args, func(string) string { return "" }, stdinR, stdoutW, &stderr)
		stdoutW.Close()
	}()
	c := client.NewClient(transport.NewIO(io.TeeReader(stdoutR, &stdout), stdinW, io.NopCloser(strings.NewReader(""))))
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = "2025-11-25"
	init.Params.ClientInfo = mcp.Implementation{Name: "e2e-stripe", Version: "1"}
	if _, err := c.Initialize(ctx, init); err != nil {
		t.Fatalf("initialize: %v\nstderr:\n%s", err, stderr.String())
	}

	// Below the demo customer's $50 confirmation threshold, so it completes at once.
	product := cheapProduct(t, ctx, c, w.sellerID)
	var bought struct {
		Status, Mode string
		OrderID      string `json:"order_id"`
		Totals       struct {
			Total struct{ Amount int64 }
		}
	}
	callJSON(t, ctx, c, "purchase", map[string]any{"product_id": product}, &bought)
	if bought.Status != "completed" || bought.Mode != "test" || bought.OrderID == "" || bought.Totals.Total.Amount <= 0 {
		t.Fatalf("purchase = %+v\nstderr:\n%s", bought, stderr.String())
	}
	pis := sb.PaymentIntents()
	if len(pis) != 1 || pis[0].Status != "succeeded" || pis[0].Account != sellerAccount ||
		pis[0].AmountReceived != bought.Totals.Total.Amount || pis[0].Currency != "usd" {
		t.Errorf("PaymentIntents = %+v, want one succeeded for %d on %s", pis, bought.Totals.Total.Amount, sellerAccount)
	}
	toks := sb.Tokens()
	if len(toks) != 1 || toks[0].Issuer != "acct_e2eagent" || toks[0].SellerProfile != profile ||
		toks[0].MaxAmount != bought.Totals.Total.Amount || toks[0].DeactivatedReason != "consumed" {
		t.Errorf("tokens = %+v, want one consumed, issued by the agent for %s", toks, profile)
	}

	// hearth-and-harbor is in the catalog but not in the sellers file.
	other := cheapProduct(t, ctx, c, "hearth-and-harbor")
	res := callTool(t, ctx, c, "purchase", map[string]any{"product_id": other})
	msg := textOf(res)
	if !res.IsError || !strings.Contains(msg, "cannot be bought from through this server") ||
		!strings.Contains(msg, "test mode") || !strings.Contains(msg, "Nothing was charged") {
		t.Errorf("purchase from an unconfigured seller: isError=%v %q", res.IsError, msg)
	}
	if n := len(sb.PaymentIntents()); n != 1 {
		t.Errorf("%d PaymentIntents after the refusal, want still 1", n)
	}

	stdinW.Close()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
	c.Close()
	if !strings.Contains(stderr.String(), "mode=test") {
		t.Errorf("stderr does not log mode=test:\n%s", stderr.String())
	}
	out := stdout.String() + stderr.String() + sellerLog.String()
	for _, secret := range []string{w.agentKey, w.sellerKey, w.sellerAPIKey, toks[0].ID, "spt_"} {
		if strings.Contains(out, secret) {
			t.Errorf("a secret (%.10s…) appears in the output", secret)
		}
	}
}

// stripeWorld is the other parties of a purchase in test mode, each at an HTTP seam
// as separate processes would be: a Stripe emulator holding an agent account and a
// seller account, and the reference ACP seller for northwind-outfitters with its own
// catalog database and Stripe key, named in a sellers file (addSeller adds another).
// args are serve's flags pointing at them.
type stripeWorld struct {
	args                              []string
	stripe                            *stripesim.Server
	sellerLog                         *syncbuf.Buffer
	sellerID, sellerAccount, profile  string
	agentKey, sellerKey, sellerAPIKey string
	dir, sellersFile                  string
	sellers                           []map[string]string // the sellers file's entries
}

// newStripeWorld starts a stripeWorld with its files in dir. wrapSeller, when not
// nil, wraps the seller's handler (to hold its requests up, say).
func newStripeWorld(t *testing.T, dir string, wrapSeller func(http.Handler) http.Handler) *stripeWorld {
	t.Helper()
	w := &stripeWorld{sellerLog: &syncbuf.Buffer{}, sellerID: "northwind-outfitters", sellerAccount: "acct_e2enorthwind",
		agentKey: "sk_test_e2e_agent_secret", sellerKey: "sk_test_e2e_northwind_secret", sellerAPIKey: "seller_key_e2e_northwind_secret",
		dir: dir, sellersFile: filepath.Join(dir, "sellers.json")}
	w.profile = demoSeller(t, w.sellerID).StripeProfileID
	w.stripe = stripesim.New(stripesim.Options{Now: time.Now})
	if err := w.stripe.AddAccount(w.agentKey, stripesim.Account{ID: "acct_e2eagent", Profile: "profile_test_e2eagent"}); err != nil {
		t.Fatal(err)
	}
	stripeSrv := httptest.NewServer(w.stripe)
	t.Cleanup(stripeSrv.Close)
	w.args = []string{"--stripe-key", w.agentKey, "--stripe-base-url", stripeSrv.URL, "--sellers", w.sellersFile}
	w.startSeller(t, stripeSrv.URL, w.sellerID, w.sellerAccount, w.sellerKey, w.sellerAPIKey, w.sellerLog, wrapSeller)
	return w
}

// addSeller adds the reference seller for the demo seller id, with its own Stripe
// account, key and catalog database, to the world and its sellers file (before the
// servers that read it start). wrap, when not nil, wraps its handler.
func (w *stripeWorld) addSeller(t *testing.T, id string, wrap func(http.Handler) http.Handler) {
	t.Helper()
	w.startSeller(t, w.args[3], id, "acct_e2e"+id, "sk_test_e2e_"+id+"_secret", "seller_key_e2e_"+id+"_secret", w.sellerLog, wrap)
}

// startSeller starts the reference seller for demo seller id on Stripe at stripeURL
// and writes the sellers file with it.
func (w *stripeWorld) startSeller(t *testing.T, stripeURL, id, account, key, apiKey string, log *syncbuf.Buffer, wrap func(http.Handler) http.Handler) {
	t.Helper()
	profile := demoSeller(t, id).StripeProfileID
	if err := w.stripe.AddAccount(key, stripesim.Account{ID: account, Profile: profile}); err != nil {
		t.Fatal(err)
	}
	file := "seller.db" // the first seller's catalog; tests write products to it
	if len(w.sellers) > 0 {
		file = "seller-" + id + ".db"
	}
	sellerCat := testshop.DemoCatalog(t, filepath.Join(w.dir, file))
	pay, err := seller.NewStripePayments(seller.StripeConfig{SecretKey: key, URL: stripeURL})
	if err != nil {
		t.Fatal(err)
	}
	sel, err := seller.New(seller.Config{APIKey: apiKey,
		Inventory: seller.CatalogInventory{Catalog: sellerCat, SellerID: id}, Payments: pay,
		Logger: slog.New(tint.NewHandler(log, &tint.Options{NoColor: true})), StripeProfile: profile})
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler = sel
	if wrap != nil {
		h = wrap(h)
	}
	sellerSrv := httptest.NewServer(h)
	t.Cleanup(sellerSrv.Close)
	w.sellers = append(w.sellers, map[string]string{"id": id, "acp_base_url": sellerSrv.URL, "api_key": apiKey, "stripe_profile": profile})
	writeJSON(t, w.sellersFile, map[string]any{"sellers": w.sellers})
}

// demoSeller returns the demo catalog's seller with this id.
func demoSeller(t *testing.T, id string) catalog.Seller {
	t.Helper()
	for _, s := range demo.Sellers() {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no demo seller %q", id)
	return catalog.Seller{}
}

// cheapProduct finds an in-stock product of the seller costing at most $40.
func cheapProduct(t *testing.T, ctx context.Context, c *client.Client, seller string) string {
	t.Helper()
	var found struct{ Products []struct{ ID string } }
	callJSON(t, ctx, c, "search_products", map[string]any{"seller": seller, "max_price": 40, "limit": 1}, &found)
	if len(found.Products) == 0 {
		t.Fatalf("no product of %s at $40 or less", seller)
	}
	return found.Products[0].ID
}

// callTool calls a tool and returns its result, error results included.
func callTool(t *testing.T, ctx context.Context, c *client.Client, name string, args map[string]any) *mcp.CallToolResult {
	t.Helper()
	req := mcp.CallToolRequest{}
	req.Params.Name, req.Params.Arguments = name, args
	res, err := c.CallTool(ctx, req)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return res
}

func textOf(res *mcp.CallToolResult) string {
	var b strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(mcp.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String()
}

func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
