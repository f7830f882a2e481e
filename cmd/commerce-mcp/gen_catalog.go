package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// genCatalog is `gen-catalog --products N --seed S --out FILE`: it writes the
// deterministic synthetic catalog of demo.GenerateSeq as a flat JSON Lines feed that
// `import` reads, one product at a time, so that a catalog of millions of products
// takes little memory to write.
func genCatalog(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen-catalog", flag.ContinueOnError)
	n := fs.Int("products", 100_000, "how many `products` to generate")
	seed := fs.Uint64("seed", 1, "random `seed`; the same seed and count give the same feed")
	out := fs.String("out", "", "feed `file` to write (JSON Lines); - for stdout")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return &usageError{Msg: "gen-catalog needs --out FILE (or - for stdout)"}
	}
	if *n < 1 {
		return &usageError{Msg: "gen-catalog needs --products of at least 1"}
	}
	w, f := stdout, (*os.File)(nil)
	if *out != "-" {
		var err error
		if f, err = os.Create(*out); err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	sellers, products := demo.GenerateSeq(*n, *seed)
	names := make(map[string]string, len(sellers))
	for _, s := range sellers {
		names[s.ID] = s.Name
	}
	enc := json.NewEncoder(bw)
	written := 0
	for p := range products {
		if written%10_000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := enc.Encode(feedRow(&p, names[p.SellerID])); err != nil {
			return err
		}
		written++
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if f != nil {
		if err := f.Close(); err != nil {
			return err
		}
	}
	fmt.Fprintf(stderr, "wrote %d products from %d sellers to %s\n", written, len(sellers), *out)
	return nil
}

// majorUnits writes a non-negative amount of minor units with exp decimals: 1599, 2 → "15.99".
func majorUnits(amount int64, exp int) string {
	s := strconv.FormatInt(amount, 10)
	if exp == 0 {
		return s
	}
	for len(s) <= exp {
		s = "0" + s
	}
	return s[:len(s)-exp] + "." + s[len(s)-exp:]
}

// feedRow is p as a flat feed row (see catalog/feed/flat.go for the columns).
func feedRow(p *catalog.Product, seller string) map[string]string {
	r := map[string]string{
		"item_id":               p.ID,
		"title":                 p.Title,
		"description":           p.Description,
		"link":                  p.URL,
		"image_link":            p.ImageURL,
		"price":                 majorUnits(p.Price.Amount, money.Exponent(p.Price.Currency)) + " " + p.Price.Currency,
		"availability":          string(p.Availability),
		"brand":                 p.Brand,
		"product_category":      p.Category,
		"product_review_rating": strconv.FormatFloat(p.Rating, 'f', -1, 64),
		"product_review_count":  strconv.FormatInt(p.ReviewCount, 10),
		"seller_name":           seller,
		"gtin":                  p.GTIN,
	}
	if p.Stock != nil {
		r["inventory_quantity"] = strconv.FormatInt(*p.Stock, 10)
	}
	if p.GroupID != "" {
		r["item_group_id"] = p.GroupID
	}
	for k, v := range p.Attributes {
		if _, taken := r[k]; !taken {
			r[k] = v
		}
	}
	return r
}
