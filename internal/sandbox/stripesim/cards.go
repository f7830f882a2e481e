package stripesim

import "net/http"

// testCard describes one of Stripe's test PaymentMethods. There are no card numbers.
type testCard struct {
	brand, last4, funding string
	declineCode           string // non-empty: every charge declines with card_declined and this reason
	requiresAction        bool   // tokens issued from it start in requires_action
}

var testCards = map[string]testCard{
	"pm_card_visa":                            {brand: "visa", last4: "4242", funding: "credit"},
	"pm_card_visa_debit":                      {brand: "visa", last4: "5556", funding: "debit"},
	"pm_card_mastercard":                      {brand: "mastercard", last4: "4444", funding: "credit"},
	"pm_card_amex":                            {brand: "amex", last4: "8431", funding: "credit"},
	"pm_card_discover":                        {brand: "discover", last4: "1117", funding: "credit"},
	"pm_card_diners":                          {brand: "diners", last4: "0004", funding: "credit"},
	"pm_card_jcb":                             {brand: "jcb", last4: "0505", funding: "credit"},
	"pm_card_unionpay":                        {brand: "unionpay", last4: "0005", funding: "credit"},
	"pm_card_chargeDeclined":                  {brand: "visa", last4: "0002", funding: "credit", declineCode: "generic_decline"},
	"pm_card_chargeDeclinedInsufficientFunds": {brand: "visa", last4: "9995", funding: "credit", declineCode: "insufficient_funds"},
	"pm_card_authenticationRequired":          {brand: "visa", last4: "3184", funding: "credit", requiresAction: true},
}

// TestCard returns the brand and last four digits of one of Stripe's test payment
// methods that the emulator can charge (pm_card_visa, pm_card_chargeDeclined, …), and
// false for any other id.
func TestCard(id string) (brand, last4 string, ok bool) {
	c, ok := testCards[id]
	return c.brand, c.last4, ok
}

// declineMessages are Stripe's messages for the decline codes above.
var declineMessages = map[string]string{
	"generic_decline":    "Your card was declined.",
	"insufficient_funds": "Your card has insufficient funds.",
}

// paymentMethod is a card PaymentMethod as Stripe renders it. Test PaymentMethods have
// no owner; the ones reproduced on a seller account from a granted token belong to it.
type paymentMethod struct {
	owner string
	card  testCard

	ID                        string            `json:"id"`
	Object                    string            `json:"object"`
	AllowRedisplay            string            `json:"allow_redisplay"`
	BillingDetails            billingDetails    `json:"billing_details"`
	Card                      cardJSON          `json:"card"`
	Created                   int64             `json:"created"`
	Customer                  *string           `json:"customer"`
	Livemode                  bool              `json:"livemode"`
	Metadata                  map[string]string `json:"metadata"`
	SharedPaymentGrantedToken *string           `json:"shared_payment_granted_token,omitempty"`
	Type                      string            `json:"type"`
}

type billingDetails struct {
	Address struct {
		City       *string `json:"city"`
		Country    *string `json:"country"`
		Line1      *string `json:"line1"`
		Line2      *string `json:"line2"`
		PostalCode *string `json:"postal_code"`
		State      *string `json:"state"`
	} `json:"address"`
	Email *string `json:"email"`
	Name  *string `json:"name"`
	Phone *string `json:"phone"`
}

type cardJSON struct {
	Brand        string `json:"brand"`
	Country      string `json:"country"`
	DisplayBrand string `json:"display_brand"`
	ExpMonth     int    `json:"exp_month"`
	ExpYear      int    `json:"exp_year"`
	Funding      string `json:"funding"`
	Last4        string `json:"last4"`
	Networks     struct {
		Available []string `json:"available"`
		Preferred *string  `json:"preferred"`
	} `json:"networks"`
	Wallet *struct{} `json:"wallet"`
}

func (s *Server) cardJSON(c testCard) cardJSON {
	j := cardJSON{Brand: c.brand, Country: "US", DisplayBrand: c.brand, ExpMonth: 12, ExpYear: s.expYear,
		Funding: c.funding, Last4: c.last4}
	j.Networks.Available = []string{c.brand}
	return j
}

func (s *Server) newPaymentMethod(id, owner string, c testCard, created int64) *paymentMethod {
	return &paymentMethod{owner: owner, card: c, ID: id, Object: "payment_method", AllowRedisplay: "unspecified",
		Card: s.cardJSON(c), Created: created, Metadata: map[string]string{}, Type: "card"}
}

// lookupPaymentMethod finds a test PaymentMethod or one owned by account.
func (s *Server) lookupPaymentMethod(id, account string, now int64) (*paymentMethod, bool) {
	if c, ok := testCards[id]; ok {
		return s.newPaymentMethod(id, "", c, now), true
	}
	pm, ok := s.methods[id]
	if !ok || pm.owner != account {
		return nil, false
	}
	return pm, true
}

// getPaymentMethod serves GET /v1/payment_methods/{id}.
func (s *Server) getPaymentMethod(c *call) (any, *apiError) {
	if err := checkParams(c.form, "expand[*]"); err != nil {
		return nil, err
	}
	pm, ok := s.lookupPaymentMethod(c.ids[0], c.acct.ID, c.now.Unix())
	if !ok {
		return nil, noSuch(http.StatusNotFound, "PaymentMethod", "payment_method")
	}
	return pm, nil
}
