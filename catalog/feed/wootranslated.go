package feed

import "strings"

// A WooCommerce shop whose admin speaks another language exports its products with
// the column names in that language ("Regulärer Preis", "Tarif régulier"). The reader
// knows the English names; wooEnglish renames a translated header's columns to them,
// so a German or French export reads as an English one. Only names seen in real
// exports are listed; a column not listed keeps its name (and is read only if the
// reader does not need it). Values (Type "variation", Published 1, Visibility
// "hidden", In stock? 1) are not translated by WooCommerce.
var wooHeaders = []struct {
	language string
	names    map[string]string // canonical translated key → canonical English key
}{
	{"German", map[string]string{
		"typ":                                 "type",
		"artikelnummer":                       "sku",
		"gtin,_upc,_ean_oder_isbn":            "gtin,_upc,_ean,_or_isbn",
		"gtin,_upc,_ean,_oder_isbn":           "gtin,_upc,_ean,_or_isbn",
		"veröffentlicht":                      "published",
		"sichtbarkeit_im_katalog":             "visibility_in_catalog",
		"kurzbeschreibung":                    "short_description",
		"beschreibung":                        "description",
		"datum,_an_dem_angebotspreis_beginnt": "date_sale_price_starts",
		"datum,_an_dem_angebotspreis_endet":   "date_sale_price_ends",
		"vorrätig?":                           "in_stock?",
		"bestand":                             "stock",
		"angebotspreis":                       "sale_price",
		"regulärer_preis":                     "regular_price",
		"kategorien":                          "categories",
		"schlagwörter":                        "tags",
		"bilder":                              "images",
		"übergeordnetes_produkt":              "parent",
		"marken":                              "brands",
	}},
	{"French", map[string]string{
		"ugs":                          "sku",
		"gtin,_upc,_ean_ou_isbn":       "gtin,_upc,_ean,_or_isbn",
		"gtin,_upc,_ean,_ou_isbn":      "gtin,_upc,_ean,_or_isbn",
		"nom":                          "name",
		"publié":                       "published",
		"visibilité_dans_le_catalogue": "visibility_in_catalog",
		"description_courte":           "short_description",
		"date_de_début_de_promo":       "date_sale_price_starts",
		"date_de_fin_de_promo":         "date_sale_price_ends",
		"en_stock_?":                   "in_stock?",
		"tarif_promo":                  "sale_price",
		"tarif_régulier":               "regular_price",
		"catégories":                   "categories",
		"étiquettes":                   "tags",
		"marques":                      "brands",
	}},
}

// wooEnglish returns cols with a translated WooCommerce header's columns renamed to
// the English names when the header has one language's name for Regular price (the
// column only a WooCommerce export has); otherwise cols as they are.
// The attributes' columns ("Attribut 1 Wert(e)", "Valeur(s) de l'attribut 1") are
// renamed too.
func wooEnglish(cols map[string]int) map[string]int {
	if _, ok := cols["regular_price"]; ok {
		return cols
	}
	for _, h := range wooHeaders {
		if !hasTranslated(cols, h.names, "regular_price") {
			continue
		}
		out := make(map[string]int, len(cols))
		for k, i := range cols {
			en := k
			if e, ok := h.names[k]; ok {
				en = e
			} else if e, ok := wooAttributeColumn(k); ok {
				en = e
			}
			if _, dup := out[en]; !dup || en == k {
				out[en] = i
			}
		}
		return out
	}
	return cols
}

// hasTranslated reports whether cols has the translated name of the English column en.
func hasTranslated(cols map[string]int, names map[string]string, en string) bool {
	for k, e := range names {
		if _, ok := cols[k]; ok && e == en {
			return true
		}
	}
	return false
}

// wooAttributeColumn renames a translated attribute column: "attribut_1_name" and
// "nom_de_l'attribut_1" are "attribute_1_name", "attribut_1_wert(e)" and
// "valeur(s)_de_l'attribut_1" are "attribute_1_value(s)" (for attributes 1 to 9).
func wooAttributeColumn(k string) (string, bool) {
	k = strings.ReplaceAll(k, "’", "'")
	for n := '1'; n <= '9'; n++ {
		d := string(n)
		switch k {
		case "attribut_" + d + "_name", "nom_de_l'attribut_" + d:
			return "attribute_" + d + "_name", true
		case "attribut_" + d + "_wert(e)", "valeur(s)_de_l'attribut_" + d:
			return "attribute_" + d + "_value(s)", true
		}
	}
	return "", false
}
