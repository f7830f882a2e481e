package stripesim

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Customers, attaching and detaching payment methods, and Checkout Sessions in setup
// mode with their hosted page (SetupPage): how a person brings a card to the agent's
// account without the card passing through the agent.
//
// Test payment methods keep their ids: attaching pm_card_visa, or choosing Visa on the
// setup page, puts pm_card_visa itself on the Customer (real Stripe makes a new pm_
// each time). The sandbox keeps no state across restarts, and a test id stays
// chargeable after one, as the demo customer's pm_card_visa is. Detaching a test id
// detaches it from every Customer of the account that has it.

// customer is a Customer of an account.
type customer struct {
	owner    string
	id       string
	email    string
	name     string
	metadata map[string]string
	created  int64
	methods  []string // attached payment method ids, in attach order
}

type customerJSON struct {
	ID              string            `json:"id"`
	Object          string            `json:"object"`
	Created         int64             `json:"created"`
	Email           *string           `json:"email"`
	Name            *string           `json:"name"`
	Livemode        bool              `json:"livemode"`
	Metadata        map[string]string `json:"metadata"`
	InvoiceSettings struct {
		DefaultPaymentMethod *string `json:"default_payment_method"`
	} `json:"invoice_settings"`
}

func (cu *customer) json() customerJSON {
	return customerJSON{ID: cu.id, Object: "customer", Created: cu.created, Email: nonEmpty(cu.email), Name: nonEmpty(cu.name),
		Metadata: cu.metadata}
}

// createCustomer serves POST /v1/customers.
func (s *Server) createCustomer(c *call) (any, *apiError) {
	f := c.form
	if err := checkParams(f, "email", "name", "description", "metadata[*]", "expand[*]"); err != nil {
		return nil, err
	}
	meta, err := metadata(f, "metadata")
	if err != nil {
		return nil, err
	}
	if len(f.Get("email")) > 512 {
		return nil, invalid("email", "email must be at most 512 characters.")
	}
	if len(f.Get("name")) > 256 {
		return nil, invalid("name", "name must be at most 256 characters.")
	}
	cu := &customer{owner: c.acct.ID, id: newID("cus_"), email: f.Get("email"), name: f.Get("name"), metadata: meta, created: c.now.Unix()}
	s.customers[cu.id] = cu
	return cu.json(), nil
}

// getCustomer serves GET /v1/customers/{id}.
func (s *Server) getCustomer(c *call) (any, *apiError) {
	if err := checkParams(c.form, "expand[*]"); err != nil {
		return nil, err
	}
	cu, ok := s.customers[c.ids[0]]
	if !ok || cu.owner != c.acct.ID {
		return nil, noSuch(http.StatusNotFound, "customer", "id")
	}
	return cu.json(), nil
}

// ownCustomer finds a Customer of the calling account named by parameter param.
func (s *Server) ownCustomer(c *call, param string) (*customer, *apiError) {
	id, err := required(c.form, param)
	if err != nil {
		return nil, err
	}
	cu, ok := s.customers[id]
	if !ok || cu.owner != c.acct.ID {
		return nil, noSuch(http.StatusBadRequest, "customer", param)
	}
	return cu, nil
}

// attachPaymentMethod serves POST /v1/payment_methods/{id}/attach.
func (s *Server) attachPaymentMethod(c *call) (any, *apiError) {
	if err := checkParams(c.form, "customer", "expand[*]"); err != nil {
		return nil, err
	}
	cu, err := s.ownCustomer(c, "customer")
	if err != nil {
		return nil, err
	}
	pm, ok := s.lookupPaymentMethod(c.ids[0], c.acct.ID, c.now.Unix())
	if !ok {
		return nil, noSuch(http.StatusNotFound, "PaymentMethod", "payment_method")
	}
	if pm.owner != "" && pm.Customer != nil && *pm.Customer != cu.id {
		return nil, invalid("", "The payment method you provided has already been attached to a customer.")
	}
	s.attach(cu, pm.ID)
	id := cu.id
	pm.Customer = &id
	return pm, nil
}

func (s *Server) attach(cu *customer, pmID string) {
	if !slices.Contains(cu.methods, pmID) {
		cu.methods = append(cu.methods, pmID)
	}
	if pm, ok := s.methods[pmID]; ok {
		id := cu.id
		pm.Customer = &id
	}
}

// detachPaymentMethod serves POST /v1/payment_methods/{id}/detach.
func (s *Server) detachPaymentMethod(c *call) (any, *apiError) {
	if err := checkParams(c.form, "expand[*]"); err != nil {
		return nil, err
	}
	pm, ok := s.lookupPaymentMethod(c.ids[0], c.acct.ID, c.now.Unix())
	if !ok {
		return nil, noSuch(http.StatusNotFound, "PaymentMethod", "payment_method")
	}
	found := false
	for _, cu := range s.customers {
		if cu.owner != c.acct.ID {
			continue
		}
		if i := slices.Index(cu.methods, pm.ID); i >= 0 {
			cu.methods = slices.Delete(cu.methods, i, i+1)
			found = true
		}
	}
	if !found {
		return nil, &apiError{status: http.StatusBadRequest, Type: typeInvalidRequest,
			Message: "The payment method you provided is not attached to a customer so detachment is impossible."}
	}
	pm.Customer = nil
	return pm, nil
}

// checkoutSession is a Checkout Session in setup mode.
type checkoutSession struct {
	owner       string
	id          string
	customer    string
	status      string // open, complete, expired
	successURL  string
	cancelURL   string
	clientRef   string
	metadata    map[string]string
	created     int64
	expiresAt   int64
	setupIntent string
	pm          string // the method entered, once complete
}

// Checkout Session limits on expires_at, as Stripe's: 30 minutes to 24 hours ahead.
const (
	minSessionLife = 30 * time.Minute
	maxSessionLife = 24 * time.Hour
)

// refresh expires cs when its time has come, and reports whether it just did.
func (cs *checkoutSession) refresh(now time.Time) bool {
	if cs.status == "open" && now.Unix() >= cs.expiresAt {
		cs.status = "expired"
		return true
	}
	return false
}

type sessionJSON struct {
	ID                 string            `json:"id"`
	Object             string            `json:"object"`
	ClientReferenceID  *string           `json:"client_reference_id"`
	Created            int64             `json:"created"`
	Customer           *string           `json:"customer"`
	ExpiresAt          int64             `json:"expires_at"`
	Livemode           bool              `json:"livemode"`
	Metadata           map[string]string `json:"metadata"`
	Mode               string            `json:"mode"`
	PaymentMethodTypes []string          `json:"payment_method_types"`
	SetupIntent        any               `json:"setup_intent"`
	Status             string            `json:"status"`
	SuccessURL         string            `json:"success_url"`
	CancelURL          *string           `json:"cancel_url"`
	URL                *string           `json:"url"`
}

type setupIntentJSON struct {
	ID            string `json:"id"`
	Object        string `json:"object"`
	Customer      string `json:"customer"`
	PaymentMethod any    `json:"payment_method"`
	Status        string `json:"status"`
	Usage         string `json:"usage"`
}

// view renders the session; expand says which of setup_intent and
// setup_intent.payment_method to expand.
func (s *Server) sessionView(cs *checkoutSession, expand []string) sessionJSON {
	j := sessionJSON{ID: cs.id, Object: "checkout.session", ClientReferenceID: nonEmpty(cs.clientRef), Created: cs.created,
		Customer: nonEmpty(cs.customer), ExpiresAt: cs.expiresAt, Metadata: cs.metadata, Mode: "setup",
		PaymentMethodTypes: []string{"card"}, SetupIntent: cs.setupIntent, Status: cs.status, SuccessURL: cs.successURL,
		CancelURL: nonEmpty(cs.cancelURL)}
	if cs.status == "open" && s.pageURL != "" {
		u := s.pageURL + setupPagePath + cs.id
		j.URL = &u
	}
	if !slices.Contains(expand, "setup_intent") && !slices.Contains(expand, "setup_intent.payment_method") {
		return j
	}
	si := setupIntentJSON{ID: cs.setupIntent, Object: "setup_intent", Customer: cs.customer, Status: "requires_payment_method", Usage: "off_session"}
	if cs.pm != "" {
		si.Status, si.PaymentMethod = "succeeded", cs.pm
		if slices.Contains(expand, "setup_intent.payment_method") {
			if pm, ok := s.lookupPaymentMethod(cs.pm, cs.owner, cs.created); ok {
				id := cs.customer
				pm.Customer = &id
				si.PaymentMethod = pm
			}
		}
	}
	j.SetupIntent = si
	return j
}

func expandList(form url.Values) []string {
	var out []string
	for k, vs := range form {
		if strings.HasPrefix(k, "expand[") {
			out = append(out, vs...)
		}
	}
	return out
}

// createCheckoutSession serves POST /v1/checkout/sessions, setup mode only.
func (s *Server) createCheckoutSession(c *call) (any, *apiError) {
	f := c.form
	if err := checkParams(f, "mode", "customer", "success_url", "cancel_url", "client_reference_id", "currency",
		"payment_method_types[*]", "metadata[*]", "expires_at", "expand[*]"); err != nil {
		return nil, err
	}
	mode, err := required(f, "mode")
	if err != nil {
		return nil, err
	}
	if mode != "setup" {
		return nil, invalid("mode", "The sandbox emulates Checkout Sessions in setup mode only.")
	}
	for k, vs := range f {
		if strings.HasPrefix(k, "payment_method_types[") && vs[0] != "card" {
			return nil, invalid(k, "The sandbox offers cards only.")
		}
	}
	if cur := f.Get("currency"); cur != "" {
		if err := lowerCurrency("currency", cur); err != nil {
			return nil, err
		}
	}
	cu, err := s.ownCustomer(c, "customer")
	if err != nil {
		return nil, err
	}
	success, err := required(f, "success_url")
	if err != nil {
		return nil, err
	}
	for _, p := range []string{"success_url", "cancel_url"} {
		if v := f.Get(p); v != "" {
			if u, perr := url.Parse(v); perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return nil, invalid(p, "Not a valid URL: "+p+" must be an absolute http or https URL.")
			}
		}
	}
	if len(f.Get("client_reference_id")) > 200 {
		return nil, invalid("client_reference_id", "client_reference_id must be at most 200 characters.")
	}
	meta, err := metadata(f, "metadata")
	if err != nil {
		return nil, err
	}
	exp := c.now.Add(maxSessionLife).Unix()
	if v := f.Get("expires_at"); v != "" {
		n, perr := strconv.ParseInt(v, 10, 64)
		if perr != nil {
			return nil, invalidInteger("expires_at", "Invalid timestamp: expires_at must be a unix time in seconds.")
		}
		if n < c.now.Add(minSessionLife).Unix() || n > c.now.Add(maxSessionLife).Unix() {
			return nil, invalid("expires_at", "expires_at must be between 30 minutes and 24 hours from now.")
		}
		exp = n
	}
	if s.pageURL == "" {
		return nil, &apiError{status: http.StatusServiceUnavailable, Type: "api_error",
			Message: "The sandbox has no address for its setup page yet (Server.SetPageURL)."}
	}
	cs := &checkoutSession{owner: c.acct.ID, id: newID("cs_test_"), customer: cu.id, status: "open", successURL: success,
		cancelURL: f.Get("cancel_url"), clientRef: f.Get("client_reference_id"), metadata: meta, created: c.now.Unix(),
		expiresAt: exp, setupIntent: newID("seti_")}
	s.sessions[cs.id] = cs
	return s.sessionView(cs, expandList(f)), nil
}

// ownSession finds a session of the calling account by its path id.
func (s *Server) ownSession(c *call) (*checkoutSession, *apiError) {
	cs, ok := s.sessions[c.ids[0]]
	if !ok || cs.owner != c.acct.ID {
		return nil, noSuch(http.StatusNotFound, "checkout.session", "session")
	}
	s.refreshSession(cs, c.now)
	return cs, nil
}

// getCheckoutSession serves GET /v1/checkout/sessions/{id}.
func (s *Server) getCheckoutSession(c *call) (any, *apiError) {
	if err := checkParams(c.form, "expand[*]"); err != nil {
		return nil, err
	}
	cs, err := s.ownSession(c)
	if err != nil {
		return nil, err
	}
	return s.sessionView(cs, expandList(c.form)), nil
}

// SetPageURL sets the base URL (scheme://host[:port][/prefix]) at which SetupPage is
// reachable by the person's browser; sessions created before it is set are refused.
func (s *Server) SetPageURL(base string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pageURL = strings.TrimRight(base, "/")
}

// setupPagePath is where SetupPage serves a session's page, below the page URL.
const setupPagePath = "/c/setup/"

// SetupPagePattern is the http.ServeMux pattern under which to mount SetupPage.
const SetupPagePattern = setupPagePath

// pageCards are the test cards the setup page offers, in order.
var pageCards = []struct{ ID, Label string }{
	{"pm_card_visa", "Visa ending 4242 — succeeds"},
	{"pm_card_mastercard", "Mastercard ending 4444 — succeeds"},
	{"pm_card_amex", "American Express ending 8431 — succeeds"},
	{"pm_card_visa_debit", "Visa debit ending 5556 — succeeds"},
	{"pm_card_chargeDeclined", "Visa ending 0002 — every charge is declined"},
	{"pm_card_chargeDeclinedInsufficientFunds", "Visa ending 9995 — declined for insufficient funds"},
}

// SetupPage is the sandbox's stand-in for Stripe's hosted setup page: GET
// /c/setup/{session} shows a form offering test cards (no card numbers), and POST
// completes the session with the chosen card, attaches it to the session's Customer and
// sends the browser to the session's success URL. Like Stripe's page it needs no API
// key: the session id in the URL is the capability.
func (s *Server) SetupPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimPrefix(r.URL.Path[strings.Index(r.URL.Path, setupPagePath)+len(setupPagePath):], "/")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Referrer-Policy", "no-referrer")
		w.Header().Set("X-Frame-Options", "DENY")
		w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
		switch r.Method {
		case http.MethodGet, http.MethodHead:
			s.mu.Lock()
			cs, ok := s.sessions[id]
			var view pageView
			if ok {
				s.refreshSession(cs, s.now())
				view = pageView{Status: cs.status, Cards: pageCards, CancelURL: cs.cancelURL}
			}
			s.mu.Unlock()
			if !ok {
				http.Error(w, "No such setup page.", http.StatusNotFound)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			setupTemplate.Execute(w, view)
		case http.MethodPost:
			r.Body = http.MaxBytesReader(w, r.Body, 4096)
			if err := r.ParseForm(); err != nil {
				http.Error(w, "Bad form.", http.StatusBadRequest)
				return
			}
			next, status, msg := s.completeSession(id, r.PostForm.Get("card"))
			if status != 0 {
				http.Error(w, msg, status)
				return
			}
			http.Redirect(w, r, next, http.StatusSeeOther)
		default:
			w.Header().Set("Allow", "GET, HEAD, POST")
			http.Error(w, "Method not allowed.", http.StatusMethodNotAllowed)
		}
	})
}

// completeSession completes an open session with the test card pmID; it returns the
// URL to send the browser to, or an HTTP status and message.
func (s *Server) completeSession(id, pmID string) (next string, status int, msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, ok := s.sessions[id]
	if !ok {
		return "", http.StatusNotFound, "No such setup page."
	}
	s.refreshSession(cs, s.now())
	if cs.status != "open" {
		return "", http.StatusConflict, "This setup page is " + cs.status + "; ask the assistant for a new one."
	}
	if !slices.ContainsFunc(pageCards, func(c struct{ ID, Label string }) bool { return c.ID == pmID }) {
		return "", http.StatusBadRequest, "Choose one of the test cards."
	}
	cu, ok := s.customers[cs.customer]
	if !ok {
		return "", http.StatusConflict, "The customer of this page no longer exists."
	}
	s.attach(cu, pmID)
	cs.status, cs.pm = "complete", pmID
	s.queueSessionEvent("checkout.session.completed", cs)
	return cs.successURL, 0, ""
}

type pageView struct {
	Status    string
	Cards     []struct{ ID, Label string }
	CancelURL string
}

var setupTemplate = template.Must(template.New("setup").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Add a card (sandbox)</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}label{display:block;margin:.5rem 0}button{margin-top:1rem;padding:.5rem 1rem}</style>
</head><body>
<h1>Add a card</h1>
<p><strong>Sandbox:</strong> no real card is used and no money moves. Choose one of Stripe's test cards.</p>
{{if eq .Status "open"}}<form method="post">
{{range $i, $c := .Cards}}<label><input type="radio" name="card" value="{{$c.ID}}"{{if eq $i 0}} checked{{end}}> {{$c.Label}}</label>
{{end}}<button type="submit">Save card</button>
</form>
{{if .CancelURL}}<p><a href="{{.CancelURL}}">Cancel</a></p>{{end}}
{{else}}<p>This setup page is {{.Status}}. Return to the assistant{{if eq .Status "expired"}} and ask for a new link{{end}}.</p>{{end}}
</body></html>
`))
