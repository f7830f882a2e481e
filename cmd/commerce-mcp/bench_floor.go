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
// server at ADDR/mcp, with the same default session handling as the product, serving
// one tool: search_products exactly as the product declares it (name, description,
// input and output schemas, annotations — mcp-go reads the input schema on every
// modern-era call, so its size is part of the framework's cost), answering every
// call with the one result stored with it (a real answer of the product, so both send
// the same bytes). FILE holds a floorFixture. It checks no token, opens no database
// and logs nothing; /healthz answers 200 once it listens. It stops when ctx ends.
func floorServer(ctx context.Context, args []string, stderr io.Writer) error {
	if len(args) != 2 {
		return &usageError{Msg: "usage: commerce-mcp bench floor-server FIXTURE_FILE ADDR"}
	}
	raw, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	var fx floorFixture
	if err := json.Unmarshal(raw, &fx); err != nil {
		return fmt.Errorf("floor: %s: %w", args[0], err)
	}
	tool, canned, err := fx.parse()
	if err != nil {
		return fmt.Errorf("floor: %s: %w", args[0], err)
	}
	s := server.NewMCPServer("commerce-mcp-floor", version, server.WithToolCapabilities(false))
	s.AddTool(tool, func(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error) {
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

// floorFixture is what `bench http` hands the floor: the product's declaration of the
// tool, as tools/list gave it, and one result of it.
type floorFixture struct {
	Tool struct {
		Name         string             `json:"name"`
		Title        string             `json:"title,omitempty"`
		Description  string             `json:"description,omitempty"`
		InputSchema  json.RawMessage    `json:"inputSchema"`
		OutputSchema json.RawMessage    `json:"outputSchema,omitempty"`
		Annotations  mcp.ToolAnnotation `json:"annotations"`
	} `json:"tool"`
	Result json.RawMessage `json:"result"`
}

// parse returns the tool the fixture declares and the result it answers with.
func (fx floorFixture) parse() (mcp.Tool, *mcp.CallToolResult, error) {
	canned, err := mcp.ParseCallToolResult(&fx.Result)
	if err != nil {
		return mcp.Tool{}, nil, fmt.Errorf("result: %w", err)
	}
	tool := mcp.Tool{
		Name:            fx.Tool.Name,
		Title:           fx.Tool.Title,
		Description:     fx.Tool.Description,
		RawInputSchema:  fx.Tool.InputSchema,
		RawOutputSchema: fx.Tool.OutputSchema,
		Annotations:     fx.Tool.Annotations,
	}
	if tool.Name == "" || len(tool.RawInputSchema) == 0 {
		return mcp.Tool{}, nil, errors.New("no tool name or input schema")
	}
	return tool, canned, nil
}
