package checkout

// TaxIncluded reports whether a seller's tax is in its prices (VAT, as UK and EU
// consumer prices have it) rather than added to them (US sales tax): the items and
// the delivery come to the total by themselves, and the tax is more than nothing. A
// seller's totals say which it is; ACP has no flag for it. With no tax, or totals that
// add up neither way, it is false: the tax reads as added, as before.
func TaxIncluded(subtotal, shipping, tax, total int64) bool {
	return tax > 0 && subtotal+shipping == total
}
