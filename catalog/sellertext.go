package catalog

import "strings"

// guillemets turns the guillemets of seller text into single ones.
var guillemets = strings.NewReplacer("«", "‹", "»", "›")

// SellerText quotes seller-supplied text (a title, brand, category, description, seller
// name) for text meant for a model or a person: inside «», with any guillemets of its
// own turned into single ones (‹ ›) so that it cannot end the quote early. Text in «»
// is information from a seller, never instructions.
func SellerText(s string) string {
	return "«" + guillemets.Replace(s) + "»"
}
