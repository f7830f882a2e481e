package recommend_test

import (
	"os"
	"runtime"
	"sync"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

func usd(cents int64) money.Money { return money.Money{Amount: cents, Currency: "USD"} }

func qty(n int64) *int64 { return &n }

func amount(v float64) *float64 { return &v }

// openCatalog opens a new, empty catalog in a temporary directory.
func openCatalog(t testing.TB) *catalog.Catalog { return testshop.Catalog(t, "", nil, nil) }

// forEachParallel calls fn(i) for every i in [0, n), on as many goroutines as
// GOMAXPROCS, and returns one of the errors fn returned, if any.
func forEachParallel(n int, fn func(i int) error) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		next  = make(chan int)
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := fn(i); err != nil {
					mu.Lock()
					first = err
					mu.Unlock()
				}
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return first
}

// skipUnlessEnv skips the test unless the variable env is set, saying to set it and
// why: for the long tuning and diagnosis runs.
func skipUnlessEnv(t *testing.T, env, why string) {
	t.Helper()
	if os.Getenv(env) == "" {
		t.Skipf("set %s=1 %s", env, why)
	}
}
