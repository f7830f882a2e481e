package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// stdioProcess is a `serve` process of this binary over stdio, initialized.
type stdioProcess struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *bufio.Scanner
	stderr strings.Builder
}

// startStdio starts `serve --db db` as a process and completes the MCP handshake.
func startStdio(t *testing.T, exe, db string) *stdioProcess {
	t.Helper()
	p := &stdioProcess{cmd: exec.Command(exe, "serve", "--db", db)}
	p.cmd.Stderr = &p.stderr
	var err error
	if p.in, err = p.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p.out = bufio.NewScanner(out)
	p.out.Buffer(nil, 4<<20)
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		p.in.Close()
		p.cmd.Wait()
	})
	p.send(initLine)
	if r, ok := p.reply(`"init"`); !ok || r.Error != nil {
		t.Fatalf("initialize: %+v\nstderr:\n%s", r, p.stderr.String())
	}
	p.send(initializedLine)
	return p
}

func (p *stdioProcess) send(line string) { io.WriteString(p.in, line+"\n") }

// reply reads stdout up to the reply with this JSON id; false at the end of stdout.
func (p *stdioProcess) reply(id string) (rpcReply, bool) {
	for p.out.Scan() {
		var m rpcReply
		if json.Unmarshal(p.out.Bytes(), &m) == nil && m.Method == "" && string(m.ID) == id {
			return m, true
		}
	}
	return rpcReply{}, false
}

// TestServeProcessesRaceForTheLastUnit starts several stdio servers on one set of
// files, as several desktop clients of one person would, and has all of them buy the
// last unit of a product at once (in the sandbox, where each process has its own
// reference seller selling from the shared catalog): one purchase completes, the
// others are refused as out of stock with nothing charged (by their seller, or at once
// when the catalog already shows it sold out), and the stock is not oversold.
func TestServeProcessesRaceForTheLastUnit(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	t.Parallel()
	exe, err := os.Executable()
	if err != nil {
		t.Skip("cannot find the test binary to run it as the program:", err)
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	feed := filepath.Join(dir, "last.csv")
	if err := os.WriteFile(feed, []byte("id,title,price,availability,inventory_quantity,product_category\n"+
		"LAST-1,Last Cup,5.00 USD,in stock,1,Home > Cups\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := runCLI(t, nil, "import", "--db", db, "--seller", "Cup Co", feed); r.code != 0 {
		t.Fatalf("import: %+v", r)
	}
	const n = 4
	procs := make([]*stdioProcess, n)
	for i := range procs {
		procs[i] = startStdio(t, exe, db)
	}
	texts := make([]string, n)
	refused := make([]bool, n)
	var wg sync.WaitGroup
	for i, p := range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.send(callLine(1, "purchase", map[string]any{"product_id": "LAST-1", "quantity": 1}))
			r, ok := p.reply("1")
			if !ok {
				t.Errorf("process %d ended without answering:\n%s", i, p.stderr.String())
				return
			}
			texts[i], refused[i] = toolText(t, r)
		}()
	}
	wg.Wait()
	bought := 0
	for i := range procs {
		switch {
		case !refused[i]:
			bought++
		case !strings.Contains(texts[i], "cannot supply") && !strings.Contains(texts[i], "not in stock"),
			!strings.Contains(strings.ToLower(texts[i]), "nothing was charged") && !strings.Contains(texts[i], "Stripe shows nothing charged on the payment token"):
			t.Errorf("process %d refused for another reason: %s", i, texts[i])
		}
	}
	if bought != 1 {
		t.Errorf("%d of %d processes bought the last unit, want 1:\n%s", bought, n, strings.Join(texts, "\n---\n"))
	}
	r := runCLI(t, nil, "orders", "list", "--db", db, "--status", "completed")
	if got := strings.Count(r.stdout, "Last Cup"); got != 1 {
		t.Errorf("%d completed orders, want 1:\n%s", got, r.stdout)
	}
	cat, err := catalog.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	p, err := cat.Product(context.Background(), "LAST-1")
	if err != nil {
		t.Fatal(err)
	}
	if p.Stock == nil || *p.Stock != 0 || p.Availability != catalog.OutOfStock {
		t.Errorf("after the sale: stock %s, %s; want 0, out_of_stock", stockText(p.Stock), p.Availability)
	}
}

func stockText(n *int64) string {
	if n == nil {
		return "unknown"
	}
	return fmt.Sprint(*n)
}
