package recommend

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Replenishment ("due again"). A product the customer bought on several days is one
// they buy again (coffee beans, pet food, contact lenses); it is due when the time
// since its last purchase reaches the customer's own usual interval between its
// purchases. Never already bought unless asked is a hard rule, so due products are
// recommended only when the request keeps purchased products (Request.IncludePurchased,
// the tool's exclude_purchased false); otherwise they are excluded like any other
// purchase, and due plays no part.
const (
	// minReorderGap is the least time between two purchases counted as two
	// replenishments: two orders the same day are one basket.
	minReorderGap = 24 * time.Hour
	// dueSpread is how quickly due falls off away from the usual interval: the
	// standard deviation of the log of (time since / interval). At half or twice the
	// interval due is about 0.38.
	dueSpread = 0.5
	// maxReorders is how many due products become candidates.
	maxReorders = 50
)

// reorder is how the customer replenishes one product.
type reorder struct {
	days     int       // distinct purchases, at least minReorderGap apart
	interval float64   // the median time between them, in days
	last     time.Time // the latest purchase
}

// reorders finds, in the history sorted newest first, the products bought on two
// days or more.
func reorders(hist []Purchase) map[string]reorder {
	times := map[string][]time.Time{} // newest first
	for _, h := range hist {
		id := strings.TrimSpace(h.ProductID)
		if id == "" || h.At.IsZero() {
			continue
		}
		ts := times[id]
		if n := len(ts); n > 0 && ts[n-1].Sub(h.At) < minReorderGap {
			continue
		}
		times[id] = append(ts, h.At)
	}
	out := map[string]reorder{}
	for id, ts := range times {
		if len(ts) < 2 {
			continue
		}
		gaps := make([]float64, len(ts)-1)
		for i := range gaps {
			gaps[i] = ts[i].Sub(ts[i+1]).Hours() / 24
		}
		sort.Float64s(gaps)
		med := gaps[len(gaps)/2]
		if len(gaps)%2 == 0 {
			med = (gaps[len(gaps)/2-1] + gaps[len(gaps)/2]) / 2
		}
		out[id] = reorder{days: len(ts), interval: med, last: ts[0]}
	}
	return out
}

// due is how due the product is at now: 1 when the time since its last purchase is
// its usual interval, falling off on either side (see dueSpread).
func (o reorder) due(now time.Time) float64 {
	if o.interval <= 0 {
		return 0
	}
	since := now.Sub(o.last).Hours() / 24
	if since <= 0 {
		return 0
	}
	d := math.Log(since/o.interval) / dueSpread
	return math.Exp(-d * d / 2)
}

// fromReorders adds the products the customer buys again, the most due first, when
// the request keeps purchased products.
func (r *recommender) fromReorders(ctx context.Context) error {
	if len(r.prof.reorders) == 0 {
		return nil
	}
	ids := make([]string, 0, len(r.prof.reorders))
	for id := range r.prof.reorders {
		if !r.exclude[id] {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	now := r.in.Now
	sort.Slice(ids, func(i, j int) bool {
		a, b := r.prof.reorders[ids[i]].due(now), r.prof.reorders[ids[j]].due(now)
		if a != b {
			return a > b
		}
		return ids[i] < ids[j]
	})
	ids = ids[:min(len(ids), maxReorders)]
	sales, err := r.c.SalesOf(ctx, ids)
	if err != nil {
		return fmt.Errorf("recommend: %w", err)
	}
	for _, id := range ids {
		if s, ok := sales[id]; ok {
			r.add(s.Ref)
		}
	}
	return nil
}
