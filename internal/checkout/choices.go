package checkout

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// Refusals of the choices asked for a product (see catalog.Product.Choose). Each has
// ProductID and Title.
const (
	RefusalChoiceMissing           RefusalCode = "choice_missing"            // Option, Offered (its values)
	RefusalChoiceNotOffered        RefusalCode = "choice_not_offered"        // Option, Offered (its values), AskedValue
	RefusalChoiceUnknown           RefusalCode = "choice_unknown"            // AskedValue (the option asked), Offered (the product's options; empty: it has none)
	RefusalPersonalizationMissing  RefusalCode = "personalization_missing"   // Max (characters), Instructions
	RefusalPersonalizationTooLong  RefusalCode = "personalization_too_long"  // Max (characters)
	RefusalPersonalizationNotTaken RefusalCode = "personalization_not_taken" //
	RefusalPersonalizationInvalid  RefusalCode = "personalization_invalid"   // control or invisible characters
	// RefusalCartLineAmbiguous: update_cart of a product the cart holds in several
	// lines, with other choices each, without choices saying which. ProductID,
	// ChoiceLines (the choices of each of its lines).
	RefusalCartLineAmbiguous RefusalCode = "cart_line_ambiguous"
	// RefusalChoicesChanged: a subscription's renewal whose recorded choices the
	// product no longer takes (catalog.Product.Choose refuses them now). ProductID,
	// Title, QuoteID (the subscription id), ChoiceProblem (the catalog's
	// catalog.ChoiceProblem), and as for the choice refusals Option, Offered (its values
	// now, or for unknown the product's options), AskedValue (the value or option the
	// subscription recorded) and Max. No personalisation text is in it: it is recorded
	// with the renewal and the pause.
	RefusalChoicesChanged RefusalCode = "choices_changed"
)

// choicesStillOffered refuses a renewal of u whose recorded choices product no longer
// takes, with what changed; nil when they are still taken as recorded.
func choicesStillOffered(product *catalog.Product, u store.Subscription) *Refusal {
	_, cerr := product.Choose(choiceMap(u.Choices), u.Choices.Personalization)
	if cerr == nil {
		return nil
	}
	ref := choiceRefusal(product, cerr)
	ref.Code = RefusalChoicesChanged
	ref.Params.QuoteID, ref.Params.ChoiceProblem, ref.Params.Instructions = u.ID, string(cerr.Problem), ""
	if cerr.Problem == catalog.ChoiceNotOffered {
		// The value recorded, not Choose's copy of it (the same text, cut).
		for _, o := range u.Choices.Options {
			if o.Name == cerr.Option.Name {
				ref.Params.AskedValue = o.Value
			}
		}
	}
	return ref
}

// choose checks the choices asked for product and returns them as the product offers
// them, or the refusal saying what is wrong and what is offered.
func choose(product *catalog.Product, choices map[string]string, personalization string) (store.Choices, error) {
	c, cerr := product.Choose(choices, personalization)
	if cerr != nil {
		return store.Choices{}, choiceRefusal(product, cerr)
	}
	var out store.Choices
	for _, o := range c.Options {
		out.Options = append(out.Options, store.Choice{Name: o.Name, Value: o.Value})
	}
	out.Personalization = c.Personalization
	return out, nil
}

func choiceRefusal(product *catalog.Product, e *catalog.ChoiceError) *Refusal {
	p := RefusalParams{ProductID: product.ID, Title: product.Title, Option: e.Option.Name,
		Offered: offeredValues(e.Option.Values), AskedValue: e.Asked, Max: e.Max}
	switch e.Problem {
	case catalog.ChoiceMissing:
		return refuse(RefusalChoiceMissing, p)
	case catalog.ChoiceNotOffered:
		return refuse(RefusalChoiceNotOffered, p)
	case catalog.ChoiceUnknown:
		var names []string
		for _, o := range product.Options() {
			names = append(names, o.Name)
		}
		p.Offered = strings.Join(names, ", ")
		return refuse(RefusalChoiceUnknown, p)
	case catalog.PersonalizationMissing:
		p.Instructions = product.PersonalizationOf().Instructions
		return refuse(RefusalPersonalizationMissing, p)
	case catalog.PersonalizationTooLong:
		return refuse(RefusalPersonalizationTooLong, p)
	case catalog.PersonalizationNotTaken:
		return refuse(RefusalPersonalizationNotTaken, p)
	}
	return refuse(RefusalPersonalizationInvalid, p)
}

// offeredValues lists an option's values for a refusal (RefusalParams.Offered):
// separated by ", ", or by "; " when a value holds a comma ("10, wide; 10, narrow"),
// so that every value can be read back whole.
func offeredValues(values []string) string {
	sep := ", "
	if slices.ContainsFunc(values, func(v string) bool { return strings.Contains(v, ",") }) {
		sep = "; "
	}
	return strings.Join(values, sep)
}

// askedChoices reports whether a call asked for any choice.
func askedChoices(choices map[string]string, personalization string) bool {
	return len(choices) > 0 || strings.TrimSpace(personalization) != ""
}

// sameChoices reports whether the choices a call asked (choices, personalization) are
// those recorded (rec), with the leniency of catalog.Product.Choose: option names
// whatever their case and punctuation, values whatever their case and spacing, numbers
// by value. The personalisation is compared with its runs of spaces made one.
func sameChoices(rec store.Choices, choices map[string]string, personalization string) bool {
	if strings.Join(strings.Fields(personalization), " ") != rec.Personalization || len(choices) != len(rec.Options) {
		return false
	}
	for name, v := range choices {
		found := false
		for _, o := range rec.Options {
			if catalog.SameOptionName(name, o.Name) && catalog.SameChoiceValue(v, o.Value) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// askedAsChoices is what a call asked, as store.Choices in the caller's words (cut),
// for a refusal that shows it beside what was recorded.
func askedAsChoices(choices map[string]string, personalization string) *store.Choices {
	c := &store.Choices{Personalization: callerText(strings.Join(strings.Fields(personalization), " "))}
	for name, v := range choices {
		c.Options = append(c.Options, store.Choice{Name: callerText(name), Value: callerText(v)})
	}
	slices.SortFunc(c.Options, func(a, b store.Choice) int { return strings.Compare(a.Name, b.Name) })
	return c
}

// keepChoices puts on p's lines, as the seller quoted them, the choices they were
// asked with (want, in the order sent): a seller that does not echo choices is taken
// to have them as sent. A seller line whose echoed choices differ from those sent is
// a mismatch: the seller would make something else.
func keepChoices(p *store.Purchase, want []Item) *Refusal {
	for i := range p.Lines {
		if i >= len(want) || want[i].ProductID != p.Lines[i].ProductID {
			continue
		}
		got := p.Lines[i].Choices
		if !got.Empty() && !got.Equal(want[i].Choices) {
			return refuse(RefusalSellerMismatch, RefusalParams{Seller: p.SellerName, Title: p.Lines[i].Title,
				Quantity: p.Lines[i].Quantity, AskedQuantity: want[i].Quantity})
		}
		p.Lines[i].Choices = want[i].Choices
	}
	return nil
}

// choiceMap is c's options as purchase and add_to_cart take them (option → value).
func choiceMap(c store.Choices) map[string]string {
	if len(c.Options) == 0 {
		return nil
	}
	m := make(map[string]string, len(c.Options))
	for _, o := range c.Options {
		m[o.Name] = o.Value
	}
	return m
}

// lineKeySuffix tells apart, in a checkout's refused lines' keys, lines of one product
// with other choices: "" for none, else "/" and a digest of them (no personal text).
func lineKeySuffix(c store.Choices) string {
	if c.Empty() {
		return ""
	}
	sum := sha256.Sum256([]byte(c.Key()))
	return "/" + hex.EncodeToString(sum[:8])
}
