package recommend

import (
	"context"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// MaxHistory is how many of the customer's most recent orders are read as purchase
// history. Leaving out what was bought is not limited by it.
const MaxHistory = 200

// Service recommends the products of Catalog to the customers of Store.
type Service struct {
	Catalog *catalog.Catalog
	Store   *store.Store
	Now     func() time.Time // the current time; nil means time.Now
}

// Request is one customer's request for recommendations.
type Request struct {
	CustomerID string
	Context    string // as Input.Context
	Category   string // as Input.Category
	Limit      int    // 1–MaxLimit; 0 means DefaultLimit
	// IncludePurchased keeps the products the customer already ordered (completed or
	// pending orders), which are left out otherwise.
	IncludePurchased bool
	// ExcludedSellers are the ids of sellers whose products cannot be bought.
	ExcludedSellers []string
}

// Recommend reads the customer's preferences and orders and ranks the catalog for
// them (see Rank). An unknown customer is an error wrapping store.ErrNotFound; invalid
// input is a *catalog.ArgError (see Rank).
func (s *Service) Recommend(ctx context.Context, req Request) (Result, error) {
	f, err := ReadFacts(ctx, s.Store, req.CustomerID)
	if err != nil {
		return Result{}, err
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	return Rank(ctx, s.Catalog, f.Input(req, now()))
}

// Facts is what the store knows about a customer that recommendations use.
type Facts struct {
	Preferences store.Preferences
	Orders      []store.Order // the MaxHistory most recent orders, newest first
	// Ordered are the products of every order that has not failed, however old: what
	// is left out unless Request.IncludePurchased.
	Ordered []string
}

// ReadFacts reads the customer's facts from st.
func ReadFacts(ctx context.Context, st *store.Store, customer string) (Facts, error) {
	var (
		f   Facts
		err error
	)
	if f.Preferences, err = st.Preferences(ctx, customer); err != nil {
		return Facts{}, err
	}
	if f.Orders, err = st.RecentOrders(ctx, customer, MaxHistory); err != nil {
		return Facts{}, err
	}
	if f.Ordered, err = st.OrderedProducts(ctx, customer); err != nil {
		return Facts{}, err
	}
	return f, nil
}

// Input turns a request and the customer's facts into Rank's input, at time now.
// Completed orders are the purchase history; the products of completed and pending
// orders (f.Orders and f.Ordered) are excluded unless req.IncludePurchased. This is the
// only place preferences and history become ranking input, and the offline evaluation
// (TestRecommendQuality) goes through it too.
func (f Facts) Input(req Request, now time.Time) Input {
	prefs := f.Preferences
	in := Input{
		Context: req.Context, Category: req.Category, Limit: req.Limit,
		FavoriteCategories: prefs.FavoriteCategories, FavoriteBrands: prefs.FavoriteBrands,
		DislikedBrands: prefs.DislikedBrands, MinPrice: prefs.PriceMin, MaxPrice: prefs.PriceMax,
		ExcludedSellers: req.ExcludedSellers, Now: now,
	}
	exclude := !req.IncludePurchased
	if exclude {
		in.Exclude = append(in.Exclude, f.Ordered...)
	}
	for _, o := range f.Orders {
		if o.Status == store.OrderCompleted {
			in.History = append(in.History, Purchase{
				ProductID: o.ProductID, Title: o.Title, Brand: o.Brand, Category: o.Category,
				Price: money.Money{Amount: o.UnitAmount, Currency: o.Currency}, At: o.CreatedAt,
			})
		}
		if exclude && o.Status != store.OrderFailed {
			in.Exclude = append(in.Exclude, o.ProductID)
		}
	}
	return in
}
