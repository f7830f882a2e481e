package hosted

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// BenchmarkHandler measures what hosting adds to a 2026-07-28 tools/call served in
// memory (no network): mcp-go's Streamable HTTP handler alone, and the same behind
// the Origin check, the call log (to io.Discard), authentication (a map lookup, not
// the store) and the body limit.
func BenchmarkHandler(b *testing.B) {
	body := `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"whoami","arguments":{},` +
		`"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":{"name":"b","version":"1"},"io.modelcontextprotocol/clientCapabilities":{}}}}`
	bare := server.NewStreamableHTTPServer(testMCP(nil, nil), server.WithStateLess(true))
	h, err := New(testMCP(nil, nil), Config{Stateless: true, PublicURL: "http://127.0.0.1", Authenticate: fakeAuthenticate,
		WithCustomer: withTestCustomer, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		h    http.Handler
	}{{"mcp-go", bare}, {"hosted", h.Handler()}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1/mcp", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Accept", "application/json, text/event-stream")
				req.Header.Set(mcp.HeaderProtocolVersion, "2026-07-28")
				req.Header.Set(mcp.HeaderMethod, "tools/call")
				req.Header.Set(mcp.HeaderName, "whoami")
				req.Header.Set("Authorization", "Bearer "+tokenA)
				w := httptest.NewRecorder()
				c.h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("%d %s", w.Code, w.Body)
				}
			}
		})
	}
}
