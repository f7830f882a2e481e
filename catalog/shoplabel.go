package catalog

import "context"

// minLabelHeads is how many kinds of product (title heads) a tag word must be given
// to for it to be one of the shop's labels (shopLabel).
const minLabelHeads = 2

// shopLabel reports whether term is one of the shop's own labels for a group of its
// products: a word its tags give products of minLabelHeads kinds or more (title heads,
// among the first maxUseRows products whose tags have it): "gear" of the tags "dog
// gear" and "gear storage", "tools" of a knife's and a trowel's "camp tools". A feed
// that keeps no category (an Etsy export, a plain sheet) says in its tags what group a
// product is in, and such a word names what it files, as a category's word does: a
// query whose head it is asks for that group ("water gear", "bushcraft tools"), not
// for a thing the catalog does not sell. A word the tags give one kind is that kind's
// word ("tent" of tents alone) and decides nothing here.
func (c *Catalog) shopLabel(ctx context.Context, term string) (bool, error) {
	n := 0
	err := c.scanHeads(ctx, "{tags}", term, `r.head != ''`, "", func(string, int, int, int) { n++ })
	return n >= minLabelHeads, err
}
