package feed

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestWooCommerceTranslatedHeader: a WooCommerce export from a German or French shop
// names its columns in that language; it reads exactly as the English export of the
// same rows (the hand-written woocommerce_products.csv, its header translated as
// WooCommerce writes it), variations, sale, draft and attributes included.
func TestWooCommerceTranslatedHeader(t *testing.T) {
	raw, err := os.ReadFile(fixture("woocommerce_products.csv"))
	if err != nil {
		t.Fatal(err)
	}
	english, rows, _ := strings.Cut(string(raw), "\n")
	if !strings.HasPrefix(english, "ID,Type,SKU,Name,") {
		t.Fatalf("the fixture's header changed: %s", english)
	}
	headers := []struct{ name, header string }{
		{"German", `ID,Typ,Artikelnummer,Name,Veröffentlicht,Ist hervorgehoben?,Sichtbarkeit im Katalog,Kurzbeschreibung,Beschreibung,"Datum, an dem Angebotspreis beginnt","Datum, an dem Angebotspreis endet",Steuerstatus,Vorrätig?,Bestand,Regulärer Preis,Angebotspreis,Kategorien,Schlagwörter,Bilder,Übergeordnetes Produkt,Marken,Attribut 1 Name,Attribut 1 Wert(e),Attribut 2 Name,Attribut 2 Wert(e)`},
		{"French", `ID,Type,UGS,Nom,Publié,Mis en avant ?,Visibilité dans le catalogue,Description courte,Description,Date de début de promo,Date de fin de promo,État de la TVA,En stock ?,Stock,Tarif régulier,Tarif promo,Catégories,Étiquettes,Images,Parent,Marques,Nom de l’attribut 1,Valeur(s) de l'attribut 1,Nom de l'attribut 2,Valeur(s) de l'attribut 2`},
	}
	now := func() time.Time { return time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC) }
	opt := Options{DefaultSeller: "Corner Shop", Currency: "EUR", Now: now}
	want, err := parse(t, strings.NewReader(string(raw)), "woocommerce_products.csv", opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(want.ids) < 5 {
		t.Fatalf("the English export gave %d products", len(want.ids))
	}
	for _, h := range headers {
		t.Run(h.name, func(t *testing.T) {
			if got := len(strings.Split(h.header, ",")); got < len(strings.Split(english, ",")) {
				t.Fatalf("the %s header has fewer columns than the English one", h.name)
			}
			got, err := parse(t, strings.NewReader(h.header+"\n"+rows), "woocommerce_products.csv", opt)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.ids, want.ids) {
				t.Fatalf("ids = %q, want %q", got.ids, want.ids)
			}
			for _, id := range want.ids {
				if !reflect.DeepEqual(got.products[id], want.products[id]) {
					t.Errorf("%s:\n got %+v\nwant %+v", id, got.products[id], want.products[id])
				}
			}
			if !slices.Equal(got.rejects, want.rejects) {
				t.Errorf("rejects = %q, want %q", got.rejects, want.rejects)
			}
		})
	}
}

// TestWooEnglishLeavesOthers: a header that is not a translated WooCommerce export
// keeps its columns, even when some of its names are words a translation uses.
func TestWooEnglishLeavesOthers(t *testing.T) {
	for name, header := range map[string][]string{
		"english woocommerce":  {"ID", "Type", "SKU", "Name", "Regular price", "Beschreibung"},
		"flat feed in german":  {"id", "title", "price", "Beschreibung", "Kategorien"},
		"flat feed in french":  {"id", "nom", "price", "description courte"},
		"no regular price col": {"UGS", "Nom", "Tarif promo"},
	} {
		cols := columnIndex(header)
		if got := wooEnglish(cols); !reflect.DeepEqual(got, cols) {
			t.Errorf("%s: %v renamed to %v", name, cols, got)
		}
	}
}
