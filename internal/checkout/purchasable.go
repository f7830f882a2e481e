package checkout

import "github.com/commerce-mcp/commerce-mcp/catalog"

// purchasability is implemented by the Sellers that can tell, without calling anyone,
// whether a seller can be bought from.
type purchasability interface {
	Purchasable(seller catalog.Seller) bool
}

// Purchasable reports whether seller can be bought from through this server in its
// mode, without calling anyone: in the sandbox, a seller without an ACP endpoint of its
// own (ACPSellers asks its ACPEndpoints); with real Stripe, a seller configured with an ACP endpoint, an API key and a
// Stripe profile. Sellers that cannot tell count every seller as purchasable.
func (s *Service) Purchasable(seller catalog.Seller) bool {
	if p, ok := s.cfg.Sellers.(purchasability); ok {
		return p.Purchasable(seller)
	}
	return true
}

// Purchasable reports whether Checkout would give seller a checkout: whether it has
// an ACP endpoint, an API key and a Stripe profile.
func (d *Directory) Purchasable(seller catalog.Seller) bool {
	_, _, missing := d.access.of(seller)
	return len(missing) == 0
}
