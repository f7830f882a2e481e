package acp_test

import (
	"errors"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
)

func TestVerify(t *testing.T) {
	secret := []byte("whsec_test_0123456789")
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	body := []byte(`{"type":"order_update","data":{"id":"ord_1","status":"shipped"}}`)
	good := acp.Sign(secret, now, body)
	for _, tc := range []struct {
		name   string
		header string
		body   []byte
		secret []byte
		want   error
	}{
		{"signed now", good, body, secret, nil},
		{"signed 4 minutes ago", acp.Sign(secret, now.Add(-4*time.Minute), body), body, secret, nil},
		{"one of two v1 values matches (secret rotation)", good + ",v1=" + "00" + good[len(good)-62:], body, secret, nil},
		{"stale timestamp", acp.Sign(secret, now.Add(-6*time.Minute), body), body, secret, acp.ErrStaleSignature},
		{"timestamp in the future", acp.Sign(secret, now.Add(6*time.Minute), body), body, secret, acp.ErrStaleSignature},
		{"forged with another secret", acp.Sign([]byte("guess"), now, body), body, secret, acp.ErrBadSignature},
		{"body altered", good, []byte(`{"type":"order_update","data":{"id":"ord_1","status":"delivered"}}`), secret, acp.ErrBadSignature},
		{"timestamp altered", "t=" + "2" + good[3:], body, secret, acp.ErrBadSignature},
		{"no header", "", body, secret, acp.ErrBadSignature},
		{"no v1", "t=1796126400", body, secret, acp.ErrBadSignature},
		{"not hex", "t=1796126400,v1=zz", body, secret, acp.ErrBadSignature},
		{"no secret configured", good, body, nil, acp.ErrBadSignature},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := acp.Verify(tc.header, tc.body, tc.secret, now, acp.DefaultSignatureTolerance)
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Fatalf("Verify = %v, want %v", err, tc.want)
			}
			if err == nil && (v.V1 == "" || v.At.IsZero()) {
				t.Fatalf("Verified %+v lacks its v1 or time", v)
			}
		})
	}
}
