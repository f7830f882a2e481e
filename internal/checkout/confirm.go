package checkout

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// Confirmation is the state sealed into an elicitation request: who is confirming
// which quote for how much, until when. Nonce makes each sealed state single-use.
type Confirmation struct {
	CustomerID string `json:"c"`
	QuoteID    string `json:"q"`
	Amount     int64  `json:"a"`
	Currency   string `json:"cur"`
	ExpiresAt  int64  `json:"e"` // unix seconds
	Nonce      string `json:"n"`
	OrderID    string `json:"o,omitempty"` // for a cancellation: the order
	Kind       string `json:"k,omitempty"` // "" for a purchase's quote, kindCheckout for a checkout's
	// Ask is, for a cancellation, the person's ask to cancel (store.AskCancel) that
	// the call asking for this confirmation recorded; declining withdraws it.
	Ask string `json:"ask,omitempty"`
	// Choices is, for a purchase's quote whose lines carry choices, choicesDigest of
	// them: the dialog the person answered showed those, and an answer confirms only a
	// quote that still has them ("" when none).
	Choices string `json:"ch,omitempty"`
}

// choicesDigest is a short digest of the choices of p's lines (and of p's own, before
// it was quoted), "" when there are none. It holds no personal text.
func choicesDigest(p store.Purchase) string {
	keys := []string{p.Choices.Key()}
	for _, l := range p.Lines {
		keys = append(keys, l.Choices.Key())
	}
	all := strings.Join(keys, "\x00")
	if strings.Trim(all, "\x00") == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(all))
	return base64.RawURLEncoding.EncodeToString(sum[:12])
}

const kindCheckout = "checkout"

// ErrBadConfirmation means a sealed confirmation state was missing, forged, altered,
// expired or made for another customer.
var ErrBadConfirmation = errors.New("confirmation state is not valid")

// stateEncoding is base64url without padding, strict: a character with non-zero spare
// bits is refused, so each state has one spelling and cannot be altered and still
// verify.
var stateEncoding = base64.RawURLEncoding.Strict()

// Seal returns the confirmation state for a quoted purchase, signed with the
// service's key. The state is opaque to clients and models; it is not secret (it
// holds no secrets) but cannot be forged.
func (s *Service) Seal(p store.Purchase) string {
	return s.seal(purposePurchase, Confirmation{CustomerID: p.CustomerID, QuoteID: p.QuoteID, Amount: p.Total,
		Currency: p.Currency, ExpiresAt: p.ExpiresAt.Unix(), Nonce: store.NewID("n_"), Choices: choicesDigest(p)})
}

// SealCancel is Seal for a cancellation waiting for confirmation (CancelOutcome with
// CancelConfirmationRequired): ConfirmCancelSealed takes it. A sealed purchase state
// does not confirm a cancellation, nor the other way round.
func (s *Service) SealCancel(out CancelOutcome) string {
	return s.seal(purposeCancel, Confirmation{CustomerID: out.Order.CustomerID, QuoteID: out.Cancellation.ID,
		OrderID: out.Order.ID, Amount: out.Order.Total, Currency: out.Order.Currency,
		ExpiresAt: out.Cancellation.ExpiresAt.Unix(), Nonce: store.NewID("n_"), Ask: out.ask})
}

// What a sealed state confirms; part of its MAC.
const (
	purposePurchase = "commerce-mcp/confirm/v1"
	purposeCancel   = "commerce-mcp/cancel/v1"
	purposeCheckout = "commerce-mcp/checkout/v1"
)

func (s *Service) seal(purpose string, c Confirmation) string {
	body, _ := json.Marshal(c)
	enc := stateEncoding.EncodeToString(body)
	return enc + "." + stateEncoding.EncodeToString(s.mac(purpose, enc))
}

// Unseal verifies state and returns its confirmation, which must belong to
// customerID and not have expired. Single use is the caller's to enforce, with the
// nonce (store.UseOnce).
func (s *Service) Unseal(state, customerID string) (Confirmation, error) {
	return s.unseal(purposePurchase, state, customerID)
}

func (s *Service) unsealCancel(state, customerID string) (Confirmation, error) {
	c, err := s.unseal(purposeCancel, state, customerID)
	if err == nil && c.OrderID == "" {
		return Confirmation{}, ErrBadConfirmation
	}
	return c, err
}

func (s *Service) unseal(purpose, state, customerID string) (Confirmation, error) {
	c, err := s.openSealed(purpose, state, customerID)
	if err != nil {
		return Confirmation{}, err
	}
	if !s.now().Before(time.Unix(c.ExpiresAt, 0)) {
		return Confirmation{}, ErrBadConfirmation
	}
	return c, nil
}

// openSealed is unseal without the expiry: state is genuine, sealed for purpose and
// customerID, whether or not it has expired.
func (s *Service) openSealed(purpose, state, customerID string) (Confirmation, error) {
	enc, sig, ok := strings.Cut(state, ".")
	if !ok {
		return Confirmation{}, ErrBadConfirmation
	}
	got, err := stateEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, s.mac(purpose, enc)) {
		return Confirmation{}, ErrBadConfirmation
	}
	body, err := stateEncoding.DecodeString(enc)
	if err != nil {
		return Confirmation{}, ErrBadConfirmation
	}
	var c Confirmation
	if err := json.Unmarshal(body, &c); err != nil || c.CustomerID != customerID || c.Nonce == "" {
		return Confirmation{}, ErrBadConfirmation
	}
	return c, nil
}

// Sealed reports whether state is a confirmation state this service sealed for
// customerID, of any purpose, and not expired. It is a cheap check (no store access)
// for callers that must tell a genuine dialog answer from a made-up one before
// acting on it; single use and the purpose are checked where the state is used.
func (s *Service) Sealed(state, customerID string) bool {
	_, ok := s.SealedUntil(state, customerID)
	return ok
}

// SealedUntil is Sealed, with the time the state expires.
func (s *Service) SealedUntil(state, customerID string) (time.Time, bool) {
	for _, p := range sealPurposes {
		if c, err := s.unseal(p, state, customerID); err == nil {
			return time.Unix(c.ExpiresAt, 0), true
		}
	}
	return time.Time{}, false
}

// sealPurposes lists every purpose a state is sealed for.
var sealPurposes = []string{purposePurchase, purposeCancel, purposeCheckout, purposeSubscribe, purposeMethod, purposeSetup}

func (s *Service) mac(purpose, msg string) []byte {
	h := hmac.New(sha256.New, s.cfg.ConfirmKey)
	h.Write([]byte(purpose + "\x00" + msg))
	return h.Sum(nil)
}

// Answer is the person's answer to a confirmation dialog.
type Answer int

const (
	// AnswerYes: they accepted with the confirm box ticked.
	AnswerYes Answer = iota
	// AnswerNo: they declined or dismissed the dialog.
	AnswerNo
	// AnswerUnticked: they accepted without ticking the confirm box, which says neither
	// yes nor no.
	AnswerUnticked
)

// ConfirmSealed acts on the person's answer to a confirmation dialog: state is the
// sealed Confirmation the dialog was sent with. The state must verify for customerID,
// match the quote's amount, and be used once: a replayed state returns the outcome of
// its first use and never charges again. A client answering without a valid state
// gets a refusal and nothing is bought. AnswerYes buys, AnswerNo cancels the quote,
// and AnswerUnticked buys nothing and leaves the quote to be confirmed by its id, as
// OfferQuoteID does.
func (s *Service) ConfirmSealed(ctx context.Context, customerID, state string, answer Answer) (Outcome, error) {
	invalid := refuse(RefusalConfirmationInvalid, RefusalParams{})
	c, err := s.Unseal(state, customerID)
	if err != nil {
		return Outcome{}, invalid
	}
	p, err := s.cfg.Store.PurchaseByQuote(ctx, customerID, c.QuoteID)
	if errors.Is(err, store.ErrNotFound) {
		return Outcome{}, invalid
	}
	if err != nil {
		return Outcome{}, err
	}
	if c.Kind != "" || p.Total != c.Amount || p.Currency != c.Currency || p.ConfirmVia != ViaElicitation || c.Choices != choicesDigest(p) {
		return Outcome{}, invalid
	}
	err = s.cfg.Store.UseOnce(ctx, "confirm", c.Nonce, time.Unix(c.ExpiresAt, 0))
	if errors.Is(err, store.ErrReplay) {
		return s.settle(ctx, p)
	}
	if err != nil {
		return Outcome{}, err
	}
	switch answer {
	case AnswerYes:
		return s.Confirm(ctx, customerID, c.QuoteID, ViaElicitation)
	case AnswerUnticked:
		return s.OfferQuoteID(ctx, customerID, c.QuoteID)
	}
	out, err := Outcome{}, s.cancelQuote(ctx, &p, refuse(RefusalDeclinedByPerson, RefusalParams{}))
	return s.firstOutcome(ctx, out, err)
}

// OfferQuoteID makes the customer's quote, offered for confirmation in a dialog, one
// to confirm by its quote_id instead: for when the dialog could not be shown or
// answered. The quote keeps its total and expiry; a sealed state made for it no longer
// confirms it. It returns the quote as StatusConfirmationRequired, or, when the quote
// was settled meanwhile, its outcome.
func (s *Service) OfferQuoteID(ctx context.Context, customerID, quoteID string) (Outcome, error) {
	p, err := s.cfg.Store.PurchaseByQuote(ctx, customerID, quoteID)
	if err != nil {
		return Outcome{}, err
	}
	if p.State == store.PurchaseQuoted && p.ConfirmVia == ViaElicitation {
		p.ConfirmVia = ViaQuoteID
		err := s.cfg.Store.Advance(ctx, &p, "confirm_via", ViaQuoteID, store.PurchaseQuoted)
		if errors.Is(err, store.ErrStateChanged) {
			err = lostRace{p.ID}
		}
		if err != nil {
			return s.firstOutcome(ctx, Outcome{}, err)
		}
	}
	return s.settle(ctx, p)
}

// SealCheckout returns the confirmation state for a quoted checkout, as Seal does for
// a purchase; a state sealed for one never confirms the other.
func (s *Service) SealCheckout(c store.Checkout) string {
	return s.seal(purposeCheckout, Confirmation{CustomerID: c.CustomerID, QuoteID: c.QuoteID, Amount: c.Total,
		Currency: c.Currency, ExpiresAt: c.ExpiresAt.Unix(), Nonce: store.NewID("n_"), Kind: kindCheckout})
}

// ConfirmSealedCheckout acts on the person's answer to a checkout's confirmation
// dialog, with the same rules as ConfirmSealed.
func (s *Service) ConfirmSealedCheckout(ctx context.Context, customerID, state string, answer Answer) (CheckoutOutcome, error) {
	invalid := refuse(RefusalConfirmationInvalid, RefusalParams{})
	conf, err := s.unseal(purposeCheckout, state, customerID)
	if err != nil || conf.Kind != kindCheckout {
		return CheckoutOutcome{}, invalid
	}
	c, err := s.cfg.Store.CheckoutByQuote(ctx, customerID, conf.QuoteID)
	if errors.Is(err, store.ErrNotFound) {
		return CheckoutOutcome{}, invalid
	}
	if err != nil {
		return CheckoutOutcome{}, err
	}
	if c.Total != conf.Amount || c.Currency != conf.Currency || c.ConfirmVia != ViaElicitation {
		return CheckoutOutcome{}, invalid
	}
	err = s.cfg.Store.UseOnce(ctx, "confirm", conf.Nonce, time.Unix(conf.ExpiresAt, 0))
	if errors.Is(err, store.ErrReplay) {
		return s.settleCheckout(ctx, c)
	}
	if err != nil {
		return CheckoutOutcome{}, err
	}
	switch answer {
	case AnswerYes:
		return s.ConfirmCheckout(ctx, customerID, conf.QuoteID, ViaElicitation)
	case AnswerUnticked:
		return s.OfferCheckoutQuoteID(ctx, customerID, conf.QuoteID)
	}
	if c.State != store.CheckoutQuoted {
		return s.settleCheckout(ctx, c)
	}
	return s.declineCheckout(ctx, c)
}

// OfferCheckoutQuoteID makes the customer's checkout quote, offered in a dialog, one to
// confirm by its quote_id instead, as OfferQuoteID does for a purchase.
func (s *Service) OfferCheckoutQuoteID(ctx context.Context, customerID, quoteID string) (CheckoutOutcome, error) {
	c, err := s.cfg.Store.CheckoutByQuote(ctx, customerID, quoteID)
	if err != nil {
		return CheckoutOutcome{}, err
	}
	if c.State == store.CheckoutQuoted && c.ConfirmVia == ViaElicitation {
		c.ConfirmVia = ViaQuoteID
		err := s.cfg.Store.AdvanceCheckout(ctx, &c, store.CheckoutQuoted)
		if errors.Is(err, store.ErrStateChanged) {
			err = lostRace{c.ID}
		}
		if err != nil {
			return s.checkoutOutcome(ctx, c, CheckoutOutcome{}, err)
		}
	}
	return s.settleCheckout(ctx, c)
}
