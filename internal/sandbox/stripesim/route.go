package stripesim

import (
	"net/url"
	"strings"
	"time"
)

// call is one authenticated, parsed request on its way to a handler.
type call struct {
	acct    Account
	form    url.Values
	ids     []string // path segments matched by "*", in order
	version string   // Stripe-Version header
	now     time.Time
}

// handler serves a route; it runs with Server.mu held and returns an object to render as
// JSON with status 200, or an error.
type handler func(s *Server, c *call) (any, *apiError)

type route struct {
	method  string
	pattern []string // path segments; "*" matches one non-empty segment
	h       handler
}

var routes = []route{
	{"POST", split("/v1/shared_payment/issued_tokens"), (*Server).issueToken},
	{"GET", split("/v1/shared_payment/issued_tokens/*"), (*Server).getIssuedToken},
	{"POST", split("/v1/shared_payment/issued_tokens/*/revoke"), (*Server).revokeIssuedToken},
	{"GET", split("/v1/shared_payment/granted_tokens/*"), (*Server).getGrantedToken},
	{"POST", split("/v1/test_helpers/shared_payment/granted_tokens"), (*Server).createTestGrantedToken},
	{"POST", split("/v1/test_helpers/shared_payment/granted_tokens/*/revoke"), (*Server).revokeTestGrantedToken},
	{"POST", split("/v1/payment_intents"), (*Server).createPaymentIntent},
	{"GET", split("/v1/payment_intents"), (*Server).listPaymentIntents},
	{"GET", split("/v1/payment_intents/*"), (*Server).getPaymentIntent},
	{"POST", split("/v1/payment_intents/*/capture"), (*Server).capturePaymentIntent},
	{"POST", split("/v1/payment_intents/*/cancel"), (*Server).cancelPaymentIntent},
	{"GET", split("/v1/payment_methods/*"), (*Server).getPaymentMethod},
	{"POST", split("/v1/payment_methods/*/attach"), (*Server).attachPaymentMethod},
	{"POST", split("/v1/payment_methods/*/detach"), (*Server).detachPaymentMethod},
	{"POST", split("/v1/customers"), (*Server).createCustomer},
	{"GET", split("/v1/customers/*"), (*Server).getCustomer},
	{"POST", split("/v1/checkout/sessions"), (*Server).createCheckoutSession},
	{"GET", split("/v1/checkout/sessions/*"), (*Server).getCheckoutSession},
	{"POST", split("/v1/refunds"), (*Server).createRefund},
	{"GET", split("/v1/refunds/*"), (*Server).getRefund},
}

func split(path string) []string { return strings.Split(strings.Trim(path, "/"), "/") }

// match finds the route for method and path and returns the segments matched by "*".
func match(method, path string) (*route, []string) {
	segs := split(path)
	for i := range routes {
		rt := &routes[i]
		if rt.method != method || len(rt.pattern) != len(segs) {
			continue
		}
		var ids []string
		ok := true
		for j, p := range rt.pattern {
			switch {
			case p == "*" && segs[j] != "":
				ids = append(ids, segs[j])
			case p != segs[j]:
				ok = false
			}
			if !ok {
				break
			}
		}
		if ok {
			return rt, ids
		}
	}
	return nil, nil
}
