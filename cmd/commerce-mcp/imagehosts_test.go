package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestParseImageHosts checks --image-hosts and COMMERCE_IMAGE_HOSTS as serve reads
// them: exact hosts with an optional port, demo, any and none, and a usage error
// naming the setting for anything else, hostile text included.
func TestParseImageHosts(t *testing.T) {
	demoHosts := []string{"https://circuit-yard.example", "https://hearth-and-harbor.example", "https://maple-lane-market.example", "https://northwind-outfitters.example"}
	for _, tc := range []struct {
		name    string
		env     string
		args    []string
		want    catalog.ImageHosts
		wantErr string
	}{
		{name: "default", want: catalog.ImageHosts{Allowed: demoHosts}},
		{name: "demo", args: []string{"--image-hosts", "demo"}, want: catalog.ImageHosts{Allowed: demoHosts}},
		{name: "hosts", args: []string{"--image-hosts", " CDN.Shop.example, images.other.example:8443,cdn.shop.example:443,, [2001:db8::1]"},
			want: catalog.ImageHosts{Allowed: []string{"https://[2001:db8::1]", "https://cdn.shop.example", "https://images.other.example:8443"}}},
		{name: "demo and a host", args: []string{"--image-hosts", "cdn.shop.example,demo"}, want: catalog.ImageHosts{Allowed: append([]string{"https://cdn.shop.example"}, demoHosts...)}},
		{name: "punycode", args: []string{"--image-hosts", "xn--bcher-kva.example"}, want: catalog.ImageHosts{Allowed: []string{"https://xn--bcher-kva.example"}}},
		{name: "any", args: []string{"--image-hosts", "ANY"}, want: catalog.ImageHosts{Any: true}},
		{name: "none", args: []string{"--image-hosts", "none"}, want: catalog.ImageHosts{Allowed: []string{}}},
		{name: "environment", env: "cdn.shop.example", want: catalog.ImageHosts{Allowed: []string{"https://cdn.shop.example"}}},
		{name: "flag over the environment", env: "cdn.shop.example", args: []string{"--image-hosts", "none"}, want: catalog.ImageHosts{Allowed: []string{}}},
		{name: "flag over a bad environment", env: "http://x.example", args: []string{"--image-hosts", "any"}, want: catalog.ImageHosts{Any: true}},
		{name: "https URL", args: []string{"--image-hosts", "https://cdn.shop.example"}, wantErr: "is a URL"},
		{name: "http URL", args: []string{"--image-hosts", "http://cdn.shop.example"}, wantErr: "is a URL"},
		{name: "javascript", args: []string{"--image-hosts", "javascript:alert(1)"}, wantErr: "is not a host"},
		{name: "user info", args: []string{"--image-hosts", "me@cdn.shop.example"}, wantErr: "is not a host"},
		{name: "path", args: []string{"--image-hosts", "cdn.shop.example/img"}, wantErr: "is not a host"},
		{name: "csp injection", args: []string{"--image-hosts", "cdn.shop.example; script-src *"}, wantErr: "image-hosts"},
		{name: "port out of range", args: []string{"--image-hosts", "cdn.shop.example:65536"}, wantErr: `"cdn.shop.example:65536": port 65536 is out of range (1-65535)`},
		{name: "port zero", args: []string{"--image-hosts", "[2001:db8::1]:0"}, wantErr: "port 0 is out of range"},
		{name: "empty port", args: []string{"--image-hosts", "cdn.shop.example:"}, wantErr: "is not a host"},
		{name: "final dot", args: []string{"--image-hosts", "cdn.shop.example."}, wantErr: "without the host's final dot (cdn.shop.example)"},
		{name: "final dot and a port", args: []string{"--image-hosts", "cdn.shop.example.:8443"}, wantErr: "without the host's final dot (cdn.shop.example:8443)"},
		{name: "a dot alone", args: []string{"--image-hosts", "."}, wantErr: "is not a host"},
		{name: "a final dot after a path", args: []string{"--image-hosts", "cdn.shop.example/img."}, wantErr: "is not a host"},
		{name: "wildcard", args: []string{"--image-hosts", "*.shop.example"}, wantErr: "wildcard"},
		{name: "idn", args: []string{"--image-hosts", "bücher.example"}, wantErr: "punycode"},
		{name: "any with hosts", args: []string{"--image-hosts", "any,cdn.shop.example"}, wantErr: "any stands alone"},
		{name: "none with hosts", args: []string{"--image-hosts", "cdn.shop.example,none"}, wantErr: "none stands alone"},
		{name: "any with demo", args: []string{"--image-hosts", "demo,any"}, wantErr: "any stands alone: it cannot be listed with hosts or demo"},
		{name: "empty", args: []string{"--image-hosts", " , "}, wantErr: "give hosts"},
		{name: "bad environment", env: "me@cdn.shop.example", wantErr: "COMMERCE_IMAGE_HOSTS"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{"COMMERCE_IMAGE_HOSTS": tc.env}
			got, err := parseServe(append([]string{"--db", "x.db"}, tc.args...), func(k string) string { return env[k] })
			if tc.wantErr != "" {
				if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(strings.ToLower(err.Error()), "image") {
					t.Fatalf("err = %v, want a usage error about the image hosts with %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.images.hosts.Any != tc.want.Any || !slices.Equal(got.images.hosts.Allowed, tc.want.Allowed) ||
				(tc.want.Allowed != nil) != (got.images.hosts.Allowed != nil) {
				t.Errorf("image hosts %+v, want %+v", got.images.hosts, tc.want)
			}
		})
	}
	t.Run("import refuses a bad value too", func(t *testing.T) {
		o := runCLI(t, nil, "import", "--db", filepath.Join(t.TempDir(), "c.db"), "--image-hosts", "http://x.example", "feed.csv")
		if o.code != 2 || !strings.Contains(o.stderr, "is a URL") {
			t.Errorf("exit %d, stderr %q; want a usage error", o.code, o.stderr)
		}
	})
}

// TestHiddenImagesMessage checks the start-up line's grammar for one product and many.
func TestHiddenImagesMessage(t *testing.T) {
	for _, tc := range []struct {
		name            string
		products, hosts int
		want            string
	}{
		{name: "one product", products: 1, hosts: 1, want: "product images: 1 visible product has its picture on 1 host not in --image-hosts"},
		{name: "many products, one host", products: 3, hosts: 1, want: "product images: 3 visible products have their picture on 1 host not in --image-hosts"},
		{name: "many products, many hosts", products: 5, hosts: 2, want: "product images: 5 visible products have their picture on 2 hosts not in --image-hosts"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := hiddenImagesMessage(tc.products, tc.hosts); !strings.HasPrefix(got, tc.want) {
				t.Errorf("got %q, want it to start %q", got, tc.want)
			}
		})
	}
}

// TestImageHostsEndToEnd imports feeds whose images are on hosts nobody allowed, and
// checks what import reports, what serve logs at start and what the results view
// declares under each setting.
func TestImageHostsEndToEnd(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	write := func(name, data string) string { return writeTestFile(t, dir, name, data) }
	const head = "item_id,title,price,seller_name,image_link\n"
	first := write("first.csv", head+"A,Lamp,10 USD,Acme,https://cdn.shop.example/a.jpg\n"+
		"B,Jug,3 USD,Acme,https://CDN.shop.example/b.jpg\n"+
		"C,Mug,4 USD,Acme,https://img.tracker.example:8443/c.jpg\n"+
		"D,Cup,2 USD,Acme,http://plain.example/d.jpg\n")
	second := write("second.csv", head+"E,Bowl,5 USD,Acme,https://cdn.shop.example/e.jpg\n"+
		"F,Plate,6 USD,Acme,https://img.tracker.example:8443/f.jpg\n")
	// A server's first start seeds the demo catalog.
	serveStdin(t, db, strings.NewReader(""))

	for _, step := range []struct {
		name     string
		args     []string
		want     []string // in stderr
		wantNone bool     // no report
	}{
		{name: "new hosts, default setting", args: []string{first},
			want: []string{"image hosts not in --image-hosts (demo)", "pictures of 3 products of this import, on 2 hosts: cdn.shop.example (2 products, new), img.tracker.example:8443 (1 product, new)",
				"first.csv:5: warning: image url is http, not https, so the views show a letter in place of its picture whatever --image-hosts allows"}},
		{name: "the same feed again brings nothing new", args: []string{first}, wantNone: true},
		{name: "one host allowed, more on the other", args: []string{"--image-hosts", "cdn.shop.example", second},
			want: []string{"image hosts not in --image-hosts (cdn.shop.example)", "pictures of 1 product of this import, on 1 host: img.tracker.example:8443 (1 more product)"}},
		{name: "any shows every host", args: []string{"--image-hosts", "any", first}, wantNone: true},
	} {
		t.Run(step.name, func(t *testing.T) {
			o := runCLI(t, nil, append([]string{"import", "--db", db}, step.args...)...)
			if o.code != 0 {
				t.Fatalf("import: exit %d: %s", o.code, o.stderr)
			}
			for _, w := range step.want {
				if !strings.Contains(o.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, o.stderr)
				}
			}
			if step.wantNone && strings.Contains(o.stderr, "image hosts not in") {
				t.Errorf("stderr reports image hosts:\n%s", o.stderr)
			}
		})
	}

	read := `{"jsonrpc":"2.0","id":3,"method":"resources/read","params":{"uri":"ui://commerce-mcp/results"}}`
	demo := []string{"https://circuit-yard.example", "https://hearth-and-harbor.example", "https://maple-lane-market.example", "https://northwind-outfitters.example"}
	for _, tc := range []struct {
		name    string
		env     map[string]string
		args    []string
		want    []string
		wantLog string
	}{
		{name: "default", want: demo, wantLog: "5 visible products have their picture on 2 hosts not in --image-hosts"},
		{name: "a feed host and a demo host", args: []string{"--image-hosts", "cdn.shop.example,northwind-outfitters.example"},
			want: []string{"https://cdn.shop.example", "https://northwind-outfitters.example"}, wantLog: "hidden_hosts=4"},
		{name: "from the environment", env: map[string]string{"COMMERCE_IMAGE_HOSTS": "img.tracker.example:8443"},
			want: []string{"https://img.tracker.example:8443"}, wantLog: "hidden_hosts=5"},
		{name: "any", args: []string{"--image-hosts", "any"}, want: append(slices.Clone(demo), "https://cdn.shop.example", "https://img.tracker.example:8443"),
			wantLog: "--image-hosts hides no visible product's picture (one whose URL is not plain https never shows"},
		{name: "none", args: []string{"--image-hosts", "none"}, want: []string{}, wantLog: "hidden_hosts=6"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := serveStdinWith(t, tc.env, lines(initLine, initializedLine, read), append([]string{"--db", db}, tc.args...)...)
			var res struct {
				Contents []struct {
					Meta struct {
						UI struct {
							CSP struct {
								ResourceDomains []string `json:"resourceDomains"`
							} `json:"csp"`
						} `json:"ui"`
					} `json:"_meta"`
				} `json:"contents"`
			}
			if err := json.Unmarshal(r.replies["3"].Result, &res); err != nil || len(res.Contents) != 1 {
				t.Fatalf("resources/read: %s, %v\n%s", r.replies["3"].Result, err, r.stderr)
			}
			slices.Sort(tc.want)
			if got := res.Contents[0].Meta.UI.CSP.ResourceDomains; !slices.Equal(got, tc.want) || got == nil {
				t.Errorf("resourceDomains %q, want %q", got, tc.want)
			}
			if !strings.Contains(r.stderr, tc.wantLog) {
				t.Errorf("stderr lacks %q:\n%s", tc.wantLog, r.stderr)
			}
		})
	}
}
