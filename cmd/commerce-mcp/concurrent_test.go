package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// TestMain lets a test run this test binary as the program itself (asMainEnv set), to
// start several real processes. Every process the tests start of this binary (the
// benchmarks' too, which inherit the environment) is to run as the program, so the
// variable is set for all of them here, once, rather than by each test (t.Setenv,
// which would keep those tests from running in parallel with others).
func TestMain(m *testing.M) {
	if os.Getenv(secondSignalEnv) == "1" {
		secondSignalChild()
	}
	if os.Getenv(asMainEnv) == "1" {
		main()
		os.Exit(0)
	}
	os.Setenv(asMainEnv, "1")
	os.Exit(m.Run())
}

const asMainEnv = "COMMERCE_MCP_TEST_AS_MAIN"

// TestConcurrentFirstOpens starts ten `customer create` processes at once on a freshly
// imported catalog, so that all of them apply the store's migrations to the same new
// tables together: every one must succeed.
func TestConcurrentFirstOpens(t *testing.T) {
	t.Parallel()
	exe, err := os.Executable()
	if err != nil {
		t.Skip("cannot find the test binary to run it as the program:", err)
	}
	db := filepath.Join(t.TempDir(), "shop.db")
	testshop.WriteCatalog(t, db, demo.Sellers(), demo.Products()[:3])
	const n = 10
	cmds := make([]*exec.Cmd, n)
	outs := make([][]byte, n)
	errs := make(chan error, n)
	for i := range cmds {
		cmds[i] = exec.Command(exe, "customer", "create", "--db", db, "--email", fmt.Sprintf("c%d@example.com", i))
		cmds[i].Env = append(os.Environ(), asMainEnv+"=1")
	}
	for i, c := range cmds {
		go func() {
			var err error
			outs[i], err = c.CombinedOutput()
			errs <- err
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Errorf("customer create: %v", err)
		}
	}
	if t.Failed() {
		for i, out := range outs {
			t.Logf("process %d: %s", i, out)
		}
	}
	if r := runCLI(t, map[string]string{"COMMERCE_DB": db}, "customer", "list"); r.code != 0 || strings.Count(r.stdout, "@example.com") != n {
		t.Fatalf("customer list: %+v", r)
	}
}
