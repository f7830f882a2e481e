package hosted

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
)

// selfSigned writes a certificate for 127.0.0.1 and its key to dir and returns their
// paths and the certificate.
func selfSigned(t *testing.T, dir string) (certFile, keyFile string, cert *x509.Certificate) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	if cert, err = x509.ParseCertificate(der); err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600); err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile, cert
}

// TestTLS checks that with a certificate and key Serve speaks HTTPS, and that the
// public URL it derives, named in the 401 challenge, is https.
func TestTLS(t *testing.T) {
	certFile, keyFile, cert := selfSigned(t, t.TempDir())
	var log syncbuf.Buffer
	h, err := New(testMCP(nil, nil), Config{TLSCert: certFile, TLSKey: keyFile, Authenticate: fakeAuthenticate,
		Log: slog.New(slog.NewTextHandler(&log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	addr := make(chan net.Addr, 1)
	served := make(chan error, 1)
	go func() { served <- h.ListenAndServe(ctx, "127.0.0.1:0", func(a net.Addr) { addr <- a }) }()
	base := "https://" + (<-addr).String()
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := c.Post(base+PathMCP, "application/json", strings.NewReader(pingBody))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	want := `Bearer resource_metadata="` + base + `/.well-known/oauth-protected-resource/mcp"`
	if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("WWW-Authenticate") != want {
		t.Errorf("over TLS: %d %q, want 401 %q", resp.StatusCode, resp.Header.Get("WWW-Authenticate"), want)
	}
	stop()
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
}

// TestNewRefuses checks New's refusals of bad settings.
func TestNewRefuses(t *testing.T) {
	log := slog.New(slog.NewTextHandler(&syncbuf.Buffer{}, nil))
	tests := []struct {
		name string
		c    Config
		want string
	}{
		{name: "transport", c: Config{Transport: "ws", Authenticate: fakeAuthenticate, Log: log}, want: "unknown transport"},
		{name: "no authenticator", c: Config{Log: log}, want: "required"},
		{name: "cert without key", c: Config{TLSCert: "c.pem", Authenticate: fakeAuthenticate, Log: log}, want: "TLS"},
		{name: "origin with a path", c: Config{AllowedOrigins: []string{"https://a.example/app"}, Authenticate: fakeAuthenticate, Log: log}, want: "allowed origin"},
		{name: "origin without scheme", c: Config{AllowedOrigins: []string{"a.example"}, Authenticate: fakeAuthenticate, Log: log}, want: "allowed origin"},
		{name: "public URL", c: Config{PublicURL: "ftp://x", Authenticate: fakeAuthenticate, Log: log}, want: "public URL"},
		{name: "negative connection cap", c: Config{MaxConns: -1, Authenticate: fakeAuthenticate, Log: log}, want: "connection caps"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := New(testMCP(nil, nil), tc.c); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one with %q", err, tc.want)
			}
		})
	}
}
