package catalog_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

func TestImageOrigin(t *testing.T) {
	for _, tc := range []struct {
		name, url, want string
	}{
		{"plain", "https://img.example.com/a/b.jpg", "https://img.example.com"},
		{"upper case", "HTTPS://IMG.Example.COM/x.jpg", "https://img.example.com"},
		{"port", "https://img.example.com:8443/x.jpg", "https://img.example.com:8443"},
		{"ip", "https://192.0.2.7/x.jpg", "https://192.0.2.7"},
		{"http", "http://img.example.com/x.jpg", ""},
		{"data", "data:image/png;base64,AAAA", ""},
		{"user info", "https://user:pw@img.example.com/x.jpg", ""},
		{"csp injection", "https://a.example;script-src *;/x.jpg", ""},
		{"space", "https://a example.com/x.jpg", ""},
		{"quote", "https://a.example'/x.jpg", ""},
		{"wildcard", "https://*.example.com/x.jpg", ""},
		{"empty host", "https:///x.jpg", ""},
		{"dot host", "https://./x.jpg", ""},
		{"default port", "https://img.example.com:443/x.jpg", "https://img.example.com"},
		{"port out of range", "https://img.example.com:65536/x.jpg", ""},
		{"port zero", "https://img.example.com:0/x.jpg", ""},
		{"port with a leading zero", "https://img.example.com:0443/x.jpg", ""},
		{"ipv6", "https://[2001:db8::1]:8443/x.jpg", "https://[2001:db8::1]:8443"},
		{"idn", "https://bücher.example/x.jpg", ""},
		{"punycode", "https://xn--bcher-kva.example/x.jpg", "https://xn--bcher-kva.example"},
		{"javascript", "javascript:alert(1)//https://a.example/x.jpg", ""},
		{"user info hiding the host", "https://a.example@evil.example/x.jpg", ""},
		{"backslash", "https://a.example\\@evil.example/x.jpg", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := catalog.ImageOrigin(tc.url)
			if got != tc.want || ok != (tc.want != "") {
				t.Errorf("ImageOrigin(%q) = %q, %v; want %q", tc.url, got, ok, tc.want)
			}
		})
	}
}

func TestHostOrigin(t *testing.T) {
	for _, tc := range []struct {
		name, host, want string
	}{
		{"plain", "cdn.shop.example", "https://cdn.shop.example"},
		{"upper case", "CDN.Shop.Example", "https://cdn.shop.example"},
		{"port", "cdn.shop.example:8443", "https://cdn.shop.example:8443"},
		{"default port", "cdn.shop.example:443", "https://cdn.shop.example"},
		{"ipv4", "192.0.2.7", "https://192.0.2.7"},
		{"ipv6", "[2001:db8::1]:8443", "https://[2001:db8::1]:8443"},
		{"punycode", "xn--bcher-kva.example", "https://xn--bcher-kva.example"},
		{"idn", "bücher.example", ""},
		{"url", "https://cdn.shop.example", ""},
		{"http url", "http://cdn.shop.example", ""},
		{"javascript", "javascript:alert(1)", ""},
		{"user info", "user@cdn.shop.example", ""},
		{"path", "cdn.shop.example/images", ""},
		{"query", "cdn.shop.example?x=1", ""},
		{"fragment", "cdn.shop.example#x", ""},
		{"wildcard", "*.shop.example", ""},
		{"bad port", "cdn.shop.example:http", ""},
		{"port out of range", "cdn.shop.example:70000", ""},
		{"empty", "", ""},
		{"space", "cdn shop.example", ""},
		{"csp injection", "cdn.example; script-src *", ""},
		{"trailing dot", "cdn.shop.example.", ""},
		{"bare ipv6", "2001:db8::1", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := catalog.HostOrigin(tc.host)
			if got != tc.want || ok != (tc.want != "") {
				t.Errorf("HostOrigin(%q) = %q, %v; want %q", tc.host, got, ok, tc.want)
			}
		})
	}
}

func TestImageOrigins(t *testing.T) {
	ctx := context.Background()
	hidden := func(p catalog.Product) catalog.Product { p.Hidden = true; return p }
	img := func(id, url string) catalog.Product {
		p := product(id, "Thing "+id)
		p.ImageURL = url
		return p
	}
	c := testshop.Catalog(t, "", fixtureSellers, []catalog.Product{
		img("a", "https://b.example/1.jpg"),
		img("b", "https://b.example/2.jpg"),
		img("c", "https://a.example/deep/3.jpg"),
		img("d", "https://c.example:8443/4.jpg"),
		img("e", "http://plain.example/5.jpg"),
		img("f", "https://bad;host.example/6.jpg"),
		img("g", ""),
		img("h", "https://d.example"),
		hidden(img("i", "https://hidden.example/9.jpg")),
	})
	any := catalog.ImageHosts{Any: true}
	for _, tc := range []struct {
		name     string
		hosts    catalog.ImageHosts
		limit    int
		want     []string
		wantMore bool
	}{
		{"all", any, 10, []string{"https://a.example", "https://b.example", "https://c.example:8443", "https://d.example"}, false},
		{"exactly enough", any, 4, []string{"https://a.example", "https://b.example", "https://c.example:8443", "https://d.example"}, false},
		// The hosts most products use are kept: b (two images), then by name.
		{"bounded", any, 2, []string{"https://a.example", "https://b.example"}, true},
		{"bounded to one", any, 1, []string{"https://b.example"}, true},
		{"none allowed", catalog.ImageHosts{}, 10, []string{}, false},
		{"allowed and used", catalog.ImageHosts{Allowed: []string{"https://a.example", "https://d.example"}}, 10, []string{"https://a.example", "https://d.example"}, false},
		// An allowed host that no visible product uses is not declared.
		{"allowed, unused or hidden", catalog.ImageHosts{Allowed: []string{"https://a.example", "https://unused.example", "https://hidden.example", "https://plain.example"}}, 10, []string{"https://a.example"}, false},
		// The port is part of the origin: c.example without its port is another.
		{"port must match", catalog.ImageHosts{Allowed: []string{"https://c.example"}}, 10, []string{}, false},
		{"port matches", catalog.ImageHosts{Allowed: []string{"https://c.example:8443"}}, 10, []string{"https://c.example:8443"}, false},
		// Unlisted hosts do not count against the limit: the allowed ones all fit.
		{"limit counts allowed hosts only", catalog.ImageHosts{Allowed: []string{"https://a.example", "https://d.example"}}, 2, []string{"https://a.example", "https://d.example"}, false},
		{"bounded among allowed", catalog.ImageHosts{Allowed: []string{"https://a.example", "https://c.example:8443", "https://d.example"}}, 2, []string{"https://a.example", "https://c.example:8443"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, more, err := c.ImageOrigins(ctx, tc.hosts, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			if more != tc.wantMore {
				t.Errorf("more = %v, want %v", more, tc.wantMore)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("origins = %q, want %q", got, tc.want)
			}
			if len(got) > tc.limit {
				t.Errorf("%d origins over the limit %d", len(got), tc.limit)
			}
		})
	}
	t.Run("counts", func(t *testing.T) {
		got, err := c.ImageOriginCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{"https://a.example": 1, "https://b.example": 2, "https://c.example:8443": 1, "https://d.example": 1}
		if !maps.Equal(got, want) {
			t.Errorf("counts = %v, want %v", got, want)
		}
	})
}

// TestImageOriginsAnyIsPublic checks that any lets feed text name only hosts of the
// public DNS: an image on an IP address, a one-label name or a name kept for one
// machine or network is not declared under any (the person's browser would request it
// inside their own machine or network), and is when the operator lists it.
func TestImageOriginsAnyIsPublic(t *testing.T) {
	ctx := context.Background()
	local := []string{"https://127.0.0.1:8443", "https://[::1]", "https://10.0.0.1", "https://192.168.1.1", "https://router",
		"https://localhost:8080", "https://app.localhost", "https://printer.local", "https://db.internal", "https://nas.home.arpa"}
	var products []catalog.Product
	for i, o := range local {
		p := product(fmt.Sprintf("l%d", i), "Thing")
		p.ImageURL = o + "/x.jpg"
		products = append(products, p, p) // two products each: the most used hosts
		products[len(products)-1].ID += "b"
	}
	pub := product("pub", "Thing")
	pub.ImageURL = "https://cdn.shop.example/x.jpg"
	c := testshop.Catalog(t, "", fixtureSellers, append(products, pub))
	for _, tc := range []struct {
		name  string
		hosts catalog.ImageHosts
		want  []string
	}{
		{"any", catalog.ImageHosts{Any: true}, []string{"https://cdn.shop.example"}},
		{"listed", catalog.ImageHosts{Allowed: []string{"https://127.0.0.1:8443", "https://router"}}, []string{"https://127.0.0.1:8443", "https://router"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _, err := c.ImageOrigins(ctx, tc.hosts, 32)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("origins = %q, want %q", got, tc.want)
			}
			for _, o := range append(slices.Clone(local), "https://cdn.shop.example") {
				if want := slices.Contains(tc.want, o); tc.hosts.Allows(o) != want {
					t.Errorf("Allows(%s) = %v, want %v", o, !want, want)
				}
			}
		})
	}
}

// TestImageOriginsFollowUpserts holds ImageOrigins' kept answer equal to the catalog:
// a product written after it was computed, by this catalog or by another process's,
// changes it.
func TestImageOriginsFollowUpserts(t *testing.T) {
	ctx := context.Background()
	path := testshop.Path(t)
	img := func(id, url string) catalog.Product {
		p := product(id, "Thing "+id)
		p.ImageURL = url
		return p
	}
	c := testshop.Catalog(t, path, fixtureSellers, []catalog.Product{img("a", "https://a.example/1.jpg")})
	other := testshop.Catalog(t, path, nil, nil) // another process's catalog on the same file
	for _, step := range []struct {
		name   string
		writer *catalog.Catalog
		write  catalog.Product
		want   []string
	}{
		{"first", nil, catalog.Product{}, []string{"https://a.example"}},
		{"same catalog adds a host", c, img("b", "https://b.example/2.jpg"), []string{"https://a.example", "https://b.example"}},
		{"another process changes one", other, img("a", "https://c.example/1.jpg"), []string{"https://b.example", "https://c.example"}},
	} {
		t.Run(step.name, func(t *testing.T) {
			if step.writer != nil {
				testshop.Upsert(t, step.writer, nil, []catalog.Product{step.write})
			}
			got, _, err := c.ImageOrigins(ctx, catalog.ImageHosts{Any: true}, 10)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, step.want) {
				t.Errorf("origins = %q, want %q", got, step.want)
			}
			got[0] = "mutated" // a caller's copy
			if again, _, _ := c.ImageOrigins(ctx, catalog.ImageHosts{Any: true}, 10); !slices.Equal(again, step.want) {
				t.Errorf("a caller changed the kept answer: %q", again)
			}
			// The kept answer is for one choice of hosts: another gets its own.
			only := catalog.ImageHosts{Allowed: step.want[len(step.want)-1:]}
			if other, _, _ := c.ImageOrigins(ctx, only, 10); !slices.Equal(other, only.Allowed) {
				t.Errorf("allowing %q only: origins %q", only.Allowed, other)
			}
		})
	}
}

func TestVariants(t *testing.T) {
	ctx := context.Background()
	variant := func(id, group, brand, seller string) catalog.Product {
		p := product(id, "Shirt "+id)
		p.GroupID, p.Brand, p.SellerID = group, brand, seller
		return p
	}
	hidden := variant("v-hidden", "shirt", "Acme", "trail")
	hidden.Hidden = true
	c := testshop.Catalog(t, "", fixtureSellers, []catalog.Product{
		variant("v-red", "shirt", "Acme", "trail"),
		variant("v-blue", "shirt", "Acme", "trail"),
		variant("v-green", "shirt", "Acme", "trail"),
		hidden,
		variant("other-seller", "shirt", "Acme", "hearth"),
		variant("other-group", "pants", "Acme", "trail"),
		variant("lonely", "", "Acme", "trail"),
		// Sizes as the feed lists them, which id order would not keep.
		variant("dress-uk-8", "dress", "Acme", "trail"),
		variant("dress-uk-10", "dress", "Acme", "trail"),
		variant("dress-uk-12", "dress", "Acme", "trail"),
	})
	get := func(id string) catalog.Product {
		p, err := c.Product(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name  string
		of    string
		limit int
		want  []string
	}{
		{"family", "v-red", 10, []string{"v-blue", "v-green"}},
		{"bounded", "v-red", 1, []string{"v-blue"}},
		{"other seller's family is its own", "other-seller", 10, nil},
		{"no group", "lonely", 10, nil},
		{"in the feed's order", "dress-uk-12", 10, []string{"dress-uk-8", "dress-uk-10"}},
		{"bounded in the feed's order", "dress-uk-10", 1, []string{"dress-uk-8"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vs, err := c.Variants(ctx, get(tc.of), tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, v := range vs {
				ids = append(ids, v.ID)
			}
			if !slices.Equal(ids, tc.want) {
				t.Errorf("variants of %s = %q, want %q", tc.of, ids, tc.want)
			}
		})
	}
}
