package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// floorServer is the hidden `bench floor-server FILE ADDR`: the framework floor that
// `bench http` measures the product against. It is a bare mcp-go Streamable HTTP
// server at ADDR/mcp, with the same default session handling as the product, whose
// one tool search_products answers every call with the CallToolResult stored in FILE
// (a real answer of the product, so both send the same bytes). It checks no token,
// opens no database and logs nothing; /healthz answers 200 once it listens. It stops
// when ctx ends.
func floorServer(ctx context.Context, args []string, stderr io.Writer) error {
	if len(args) != 2 {
		return &usageError{Msg: "usage: commerce-mcp bench floor-server RESULT_FILE ADDR"}
	}
	raw, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	msg := json.RawMessage(raw)
	canned, err := mcp.ParseCallToolResult(&msg)
	if err != nil {
		return fmt.Errorf("floor: %s: %w", args[0], err)
	}
	s := server.NewMCPServer("commerce-mcp-floor", version, server.WithToolCapabilities(false))
	s.AddTool(mcp.NewTool("search_products",
		mcp.WithDescription("Returns the same stored search result for every query."),
		mcp.WithString("query", mcp.Required()),
	), func(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		return canned, nil
	})
	mux := http.NewServeMux()
	mux.Handle("/mcp", server.NewStreamableHTTPServer(s))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	ln, err := net.Listen("tcp", args[1])
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		fmt.Fprintln(stderr, "floor: shutdown:", err)
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
