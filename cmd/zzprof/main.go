package main

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"strconv"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

func main() {
	ctx := context.Background()
	cat, err := catalog.Open(ctx, os.Args[1])
	if err != nil {
		panic(err)
	}
	n, _ := strconv.Atoi(os.Args[3])
	q := catalog.Query{Text: os.Args[2], InStock: true}
	res, err := cat.Search(ctx, q)
	if err != nil {
		panic(err)
	}
	fmt.Println("total", res.Total, res.TotalEstimated, res.Notes)
	for i, h := range res.Hits {
		fmt.Println(i, h.ID, h.Title)
	}
	if len(os.Args) > 4 {
		f, _ := os.Create(os.Args[4])
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	for range n {
		cat.Search(ctx, q)
	}
	fmt.Println("per call", time.Since(start)/time.Duration(n))
}
