package seller

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// Errors an Inventory returns, matched with errors.Is.
var (
	// ErrUnknownItem means the seller does not sell an item with this id.
	ErrUnknownItem = errors.New("unknown item")
	// ErrOutOfStock means the item cannot supply the quantity asked for.
	ErrOutOfStock = errors.New("out of stock")
)

// Inventory is what the reference Seller sells: prices and stock.
type Inventory interface {
	// Item returns the item with this id, or an error wrapping ErrUnknownItem when the
	// seller does not sell it.
	Item(ctx context.Context, id string) (InventoryItem, error)
	// Take removes qty units from stock before the payment and returns a stamp of
	// the stock it took them from (an inventory without stamps returns 0). It
	// returns an error wrapping ErrOutOfStock when there are not enough,
	// ErrUnknownItem for an unknown item.
	Take(ctx context.Context, id string, qty int) (stamp int64, err error)
	// Return puts back qty units that Take removed, with Take's stamp, for a payment
	// that did not happen (declined, token rejected, or a charge of unknown outcome
	// found not made). When the stock was written anew since the take (a feed
	// import: the stamp differs), nothing is put back and the new count stands. It
	// returns an error wrapping ErrUnknownItem for an unknown item; other errors are
	// retried.
	Return(ctx context.Context, id string, qty int, stamp int64) error
}

// InventoryItem is one item for sale.
type InventoryItem struct {
	ID         string
	Title      string
	UnitAmount int64  // minor units of Currency
	Currency   string // ISO 4217, either case
	// Stock is the quantity on hand; nil when unknown (then Purchasable decides).
	Stock *int64
	// Purchasable is false for items that cannot be bought now whatever the quantity
	// (out of stock, discontinued, preorder).
	Purchasable bool
	ImageURL    string
	// Digital items are delivered by email and need no address (see DigitalProduct).
	Digital bool
}

// CatalogInventory sells the products of one seller of a commerce-mcp catalog.
// Products of other sellers are unknown items.
type CatalogInventory struct {
	Catalog  *catalog.Catalog
	SellerID string
}

var _ Inventory = CatalogInventory{}

// Item returns the product with this id if it belongs to the seller.
func (ci CatalogInventory) Item(ctx context.Context, id string) (InventoryItem, error) {
	p, err := ci.Catalog.Product(ctx, id)
	if errors.Is(err, catalog.ErrNotFound) {
		return InventoryItem{}, fmt.Errorf("item %q: %w", id, ErrUnknownItem)
	}
	if err != nil {
		return InventoryItem{}, err
	}
	if p.SellerID != ci.SellerID {
		return InventoryItem{}, fmt.Errorf("item %q: %w", id, ErrUnknownItem)
	}
	return InventoryItem{ID: p.ID, Title: p.Title, UnitAmount: p.Price.Amount, Currency: p.Price.Currency,
		Stock: p.Stock, Purchasable: p.Purchasable(), ImageURL: p.ImageURL, Digital: DigitalProduct(p)}, nil
}

// DigitalProduct reports whether the reference Seller delivers p digitally: its
// attribute "fulfillment" (or "delivery") is "digital", or a segment of its category
// path is "Digital", or "Digital" followed by a word for things that are files or
// codes (digitalKinds: "Digital Books", "Digital Goods & Currency", "Digital
// Downloads"), or is "E-books", "Gift Cards" or "Software Downloads". Everything else
// is shipped: "Digital Cameras", "Digital Pianos" and "Digital Photo Frames" are
// devices (Google's product category for every camera is "Cameras & Optics > Cameras
// > Digital Cameras").
func DigitalProduct(p catalog.Product) bool {
	for _, k := range []string{"fulfillment", "delivery"} {
		if strings.EqualFold(strings.TrimSpace(p.Attributes[k]), "digital") {
			return true
		}
	}
	for _, seg := range strings.Split(p.Category, ">") {
		seg = strings.ToLower(strings.TrimSpace(seg))
		switch {
		case seg == "digital", seg == "e-books", seg == "ebooks", seg == "gift cards", seg == "software downloads":
			return true
		case strings.HasPrefix(seg, "digital "):
			next, _, _ := strings.Cut(strings.TrimSpace(seg[len("digital "):]), " ")
			if slices.Contains(digitalKinds, strings.TrimRight(next, ",&")) {
				return true
			}
		}
	}
	return false
}

// digitalKinds are the words that, after "Digital" at the start of a category
// segment, name things delivered as files or codes rather than shipped.
var digitalKinds = []string{"goods", "good", "download", "downloads", "book", "books", "ebook", "ebooks", "music", "audio",
	"software", "game", "games", "content", "media", "products", "product", "items", "item", "files", "assets", "art",
	"prints", "patterns", "templates", "subscriptions", "subscription", "currency", "gift", "gifts", "editions", "edition",
	"video", "videos", "magazines", "courses"}

// Take removes qty units of the product from the catalog's stock (catalog.TakeStock);
// the stamp is the catalog's stock version.
func (ci CatalogInventory) Take(ctx context.Context, id string, qty int) (int64, error) {
	if _, err := ci.Item(ctx, id); err != nil {
		return 0, err
	}
	v, err := ci.Catalog.TakeStock(ctx, id, qty)
	switch {
	case errors.Is(err, catalog.ErrOutOfStock):
		return 0, fmt.Errorf("item %q: %w", id, ErrOutOfStock)
	case errors.Is(err, catalog.ErrNotFound):
		return 0, fmt.Errorf("item %q: %w", id, ErrUnknownItem)
	}
	return int64(v), err
}

// Return puts qty units of the product back into the catalog's stock of version
// stamp (catalog.ReturnStock).
func (ci CatalogInventory) Return(ctx context.Context, id string, qty int, stamp int64) error {
	err := ci.Catalog.ReturnStock(ctx, id, qty, catalog.StockVersion(stamp))
	if errors.Is(err, catalog.ErrNotFound) {
		return fmt.Errorf("item %q: %w", id, ErrUnknownItem)
	}
	return err
}
