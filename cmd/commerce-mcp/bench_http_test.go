package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
)

// TestBenchHTTP runs the load benchmark for real, briefly: this test binary is
// started as the product and as the floor (see TestMain), and two clients drive each
// for a second. The table must have a row for each server with calls made and no
// errors. It asserts nothing about speed.
func TestBenchHTTP(t *testing.T) {
	t.Parallel()
	r := runCLI(t, nil, "bench", "http", "--clients", "2", "--duration", "1s", "--runs", "1")
	if r.code != 0 {
		t.Fatalf("bench http: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	for _, name := range []string{"floor", "product"} {
		row := benchRow(r.stdout, name)
		if row == nil {
			t.Fatalf("no %s row in:\n%s", name, r.stdout)
		}
		// server calls calls/s p50 p99 errors peak-RSS CPU/call peak-fds
		if len(row) != 9 {
			t.Fatalf("%s row %q: want 9 columns", name, row)
		}
		if calls, err := strconv.Atoi(row[1]); err != nil || calls < 1 {
			t.Errorf("%s made %s calls, want at least one:\n%s", name, row[1], r.stdout)
		}
		if fds, err := strconv.Atoi(row[8]); runtime.GOOS == "linux" && (err != nil || fds < 1) {
			t.Errorf("%s held %s file descriptors at its peak, want a count:\n%s", name, row[8], r.stdout)
		}
		if row[5] != "0" {
			t.Errorf("%s had %s errors, want 0:\n%s", name, row[5], r.stdout)
		}
	}
	for _, want := range []string{"product/floor calls/s:", "summary over 1 runs", "≥ 60%", "≤ 50.0ms", "< 200.0MB"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
}

// benchRow returns the columns of the first table row of out for server name.
func benchRow(out, name string) []string {
	for line := range strings.SplitSeq(out, "\n") {
		if f := strings.Fields(line); len(f) > 0 && f[0] == name {
			return f
		}
	}
	return nil
}

func TestBenchHTTPFlags(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no benchmark", []string{"bench"}, "bench needs a benchmark"},
		{"unknown benchmark", []string{"bench", "tcp"}, "unknown benchmark"},
		{"zero clients", []string{"bench", "http", "--clients", "0"}, "must be positive"},
		{"negative duration", []string{"bench", "http", "--duration", "-1s"}, "must be positive"},
		{"unknown era", []string{"bench", "http", "--era", "2024"}, "use modern or legacy"},
		{"empty query", []string{"bench", "http", "--query", " "}, "--query is empty"},
		{"argument", []string{"bench", "http", "extra"}, "takes no arguments"},
		{"floor without its arguments", []string{"bench", "floor-server"}, "usage: commerce-mcp bench floor-server FIXTURE_FILE ADDR"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, nil, tc.args...)
			if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
				t.Fatalf("exit %d, stderr %q; want exit 2 and %q", r.code, r.stderr, tc.want)
			}
		})
	}
}

// TestBenchHTTPQueryFindsNothing: a query without results would measure the cheapest
// search there is, so the bench refuses it before measuring anything.
func TestBenchHTTPQueryFindsNothing(t *testing.T) {
	t.Parallel()
	r := runCLI(t, nil, "bench", "http", "--clients", "1", "--duration", "1s", "--runs", "1", "--query", "zzxqv")
	if r.code != 1 || !strings.Contains(r.stderr, `"zzxqv" found nothing`) || strings.Contains(r.stdout, "run 1/1") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
}

// TestFloorServer: the floor declares the tool exactly as its fixture says and answers
// every call with the fixture's result, in both protocol eras.
func TestFloorServer(t *testing.T) {
	const fixture = `{"tool":{"name":"search_products","title":"Search","description":"Find products.",
		"inputSchema":{"type":"object","properties":{"query":{"type":"string","description":"words"},"limit":{"type":"integer","minimum":1}},"required":["query"],"additionalProperties":false},
		"outputSchema":{"type":"object","properties":{"total":{"type":"integer"}}},
		"annotations":{"readOnlyHint":true,"openWorldHint":false}},
		"result":{"content":[{"type":"text","text":"2 products"}],"structuredContent":{"total":2}}}`
	var want struct {
		Tool   map[string]any `json:"tool"`
		Result map[string]any `json:"result"`
	}
	if err := json.Unmarshal([]byte(fixture), &want); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "floor.json")
	if err := os.WriteFile(file, []byte(fixture), 0o600); err != nil {
		t.Fatal(err)
	}
	addr, err := freeLoopbackAddr()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- floorServer(ctx, []string{file, addr}, io.Discard) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("floor: %v", err)
		}
	}()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("floor not healthy within 30 s")
		}
	}
	for _, era := range []string{"modern", "legacy"} {
		t.Run(era, func(t *testing.T) {
			cl, _, err := newBenchClient(ctx, "http://"+addr+"/mcp", "unused", &http.Client{}, era)
			if err != nil {
				t.Fatal(err)
			}
			defer cl.Close()
			tools, err := cl.ListTools(ctx, mcp.ListToolsRequest{})
			if err != nil || len(tools.Tools) != 1 {
				t.Fatalf("tools/list: %v, %+v", err, tools)
			}
			got := asMap(t, tools.Tools[0])
			for _, k := range []string{"name", "title", "description", "inputSchema", "annotations"} {
				if !reflect.DeepEqual(got[k], want.Tool[k]) {
					t.Errorf("tool %s is %v, want %v", k, got[k], want.Tool[k])
				}
			}
			if out, _ := got["outputSchema"].(map[string]any); !reflect.DeepEqual(out["properties"], want.Tool["outputSchema"].(map[string]any)["properties"]) {
				t.Errorf("tool outputSchema is %v, want %v", out, want.Tool["outputSchema"])
			}
			for _, q := range []string{"basecamp", "anything else"} {
				res, err := cl.CallTool(ctx, searchRequest(q))
				if err != nil {
					t.Fatal(err)
				}
				got := asMap(t, res)
				for _, k := range []string{"content", "structuredContent", "isError"} {
					if !reflect.DeepEqual(got[k], want.Result[k]) {
						t.Errorf("query %q: result %s is %v, want %v", q, k, got[k], want.Result[k])
					}
				}
			}
		})
	}
}

// asMap is v as JSON, decoded into a map, without the _meta that mcp-go adds.
func asMap(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "_meta")
	return m
}
