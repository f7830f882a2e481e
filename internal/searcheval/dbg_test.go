package searcheval
import ("testing"; "context"; "fmt"; "os"; "strings"
 "github.com/commerce-mcp/commerce-mcp/catalog")
func TestDbgShop(t *testing.T) {
	for _, q := range strings.Split(os.Getenv("Q"), "|") {
		shop, text, _ := strings.Cut(q, ":")
		e := loadShopEnv(t, shop)
		res, _ := e.cat.Search(context.Background(), catalog.Query{Text: text, Limit: 10})
		fmt.Printf("== %s: words %q notes %q total %d\n", text, res.Words, res.Notes, res.Total)
		for _, h := range res.Hits { fmt.Printf("   %s %s (%s)\n", h.ID, h.Title, e.byID[h.ID].Truth.Type) }
	}
}
