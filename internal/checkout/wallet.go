package checkout

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/spt"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// The customer's payment methods: a Stripe Customer per customer, cards brought by the
// person on a Stripe-hosted setup page (a Checkout Session in setup mode, so the card
// never passes through the model or this server), and the person's confirmed choice of
// default and removals. Purchases keep using the default method.

// Wallet is the agent's Stripe account as the payment-method use case needs it.
type Wallet interface {
	// CreateCustomer creates a Stripe Customer for c; the same idemKey returns the
	// same Customer.
	CreateCustomer(ctx context.Context, c store.Customer, idemKey string) (string, error)
	// CreateSetup makes a hosted setup page for Stripe Customer r.Customer.
	CreateSetup(ctx context.Context, r SetupRequest) (SetupSession, error)
	// Setup reads a setup session: its status and, once complete, the method entered.
	Setup(ctx context.Context, sessionID string) (SetupSession, error)
	// Detach detaches a payment method from its Stripe Customer.
	Detach(ctx context.Context, pmID, idemKey string) error
}

// SetupRequest asks for a hosted setup page.
type SetupRequest struct {
	Customer   string // the Stripe Customer, cus_…
	SuccessURL string // where the page sends the person when done
	Reference  string // our setup id
	ExpiresAt  time.Time
	IdemKey    string
}

// SetupSession is a hosted setup page as Stripe reports it.
type SetupSession struct {
	ID        string
	Status    string // spt.SessionOpen, SessionComplete or SessionExpired
	URL       string
	ExpiresAt time.Time
	// PaymentMethod is what the person entered (brand, last four, expiry, pm_ id),
	// once Status is complete.
	PaymentMethod store.PaymentMethod
}

// ErrNoStripeCustomer is wrapped by Wallet errors when Stripe has no such Customer
// (deleted in the dashboard, or a sandbox that restarted).
var ErrNoStripeCustomer = errors.New("stripe has no such customer")

// ErrNoSetupSession is wrapped by Wallet.Setup errors when Stripe has no such setup
// session: a sandbox process that has since exited opened it (the emulator keeps its
// sessions in memory), or the key is now another account's. It can never be completed.
var ErrNoSetupSession = errors.New("stripe has no such setup session")

// SPTWallet is Wallet over the agent's Stripe client.
type SPTWallet struct {
	Client *spt.Client
}

// CreateCustomer implements Wallet. The Customer carries our customer id as metadata.
func (w SPTWallet) CreateCustomer(ctx context.Context, c store.Customer, idemKey string) (string, error) {
	id, err := w.Client.CreateCustomer(ctx, spt.CustomerParams{Email: c.Email, Name: c.Name,
		Metadata: map[string]string{"commerce_customer_id": c.ID}, IdempotencyKey: idemKey})
	return id, classifyWallet(err)
}

// CreateSetup implements Wallet.
func (w SPTWallet) CreateSetup(ctx context.Context, r SetupRequest) (SetupSession, error) {
	s, err := w.Client.CreateSetupSession(ctx, spt.SetupSessionParams{Customer: r.Customer, SuccessURL: r.SuccessURL,
		ClientReferenceID: r.Reference, ExpiresAt: r.ExpiresAt, IdempotencyKey: r.IdemKey})
	if err != nil {
		return SetupSession{}, classifyWallet(err)
	}
	return setupOf(s), nil
}

// Setup implements Wallet.
func (w SPTWallet) Setup(ctx context.Context, sessionID string) (SetupSession, error) {
	s, err := w.Client.RetrieveSetupSession(ctx, sessionID)
	var se *spt.Error
	if errors.As(err, &se) && se.HTTPStatus == http.StatusNotFound && se.Code == spt.CodeResourceMissing {
		return SetupSession{}, fmt.Errorf("%w: %w: %w", ErrRejected, ErrNoSetupSession, err)
	}
	if err != nil {
		return SetupSession{}, classifyWallet(err)
	}
	return setupOf(s), nil
}

// Detach implements Wallet.
func (w SPTWallet) Detach(ctx context.Context, pmID, idemKey string) error {
	return classifyWallet(w.Client.DetachPaymentMethod(ctx, pmID, idemKey))
}

func setupOf(s spt.SetupSession) SetupSession {
	out := SetupSession{ID: s.ID, Status: s.Status, URL: s.URL, ExpiresAt: s.ExpiresAt}
	if pm := s.PaymentMethod; pm.ID != "" {
		brand := pm.Brand
		if brand == "" {
			brand = pm.Type
		}
		out.PaymentMethod = store.PaymentMethod{ID: pm.ID, Brand: brand, Last4: pm.Last4, ExpMonth: pm.ExpMonth, ExpYear: pm.ExpYear}
	}
	return out
}

// classifyWallet maps the Stripe client's errors onto the saga's, and an unknown
// customer onto ErrNoStripeCustomer.
func classifyWallet(err error) error {
	var se *spt.Error
	if errors.As(err, &se) && se.Code == spt.CodeResourceMissing && se.Param == "customer" && se.HTTPStatus == http.StatusBadRequest {
		return fmt.Errorf("%w: %w: %w", ErrRejected, ErrNoStripeCustomer, err)
	}
	return classifyStripe(err)
}

// WalletCode names why a payment-method request did not happen; tools words it.
type WalletCode string

// Wallet codes.
const (
	WalletNotConfigured  WalletCode = "not_configured"         // this server cannot add payment methods
	WalletUnavailable    WalletCode = "stripe_unavailable"     // Stripe could not be reached or failed; nothing changed
	WalletMisconfigured  WalletCode = "stripe_misconfigured"   // Stripe refused this server's key or settings
	WalletRejected       WalletCode = "stripe_rejected"        // Stripe refused the request
	WalletUnknownSetup   WalletCode = "unknown_setup"          // SetupID
	WalletUnknownMethod  WalletCode = "unknown_payment_method" // PaymentMethodID
	WalletConfirmInvalid WalletCode = "confirmation_invalid"   // a confirmation token or dialog answer that does not verify
	WalletDeclined       WalletCode = "declined_by_person"     // the person said no in the dialog
	WalletAlreadyDefault WalletCode = "already_default"        // PaymentMethodID is the default already
	WalletOtherMode      WalletCode = "card_other_mode"        // PaymentMethodID, Mode (the card's), ServerMode: not usable on this server
	// WalletCardKeptMode: the card saved on a setup page is on file already in another
	// mode (a test or live card keeps its mode: store.CardModeError), so it was not
	// added; PaymentMethodID (the card on file), Mode (its mode), ServerMode (the mode
	// of the server whose page saved it). The setup is closed as refused
	// (store.SetupRefused), so the next add_payment_method opens a new page, and every
	// later look at that setup answers this again.
	WalletCardKeptMode WalletCode = "card_on_file_in_other_mode"
	// WalletCardPaying: PaymentMethodID is paying a purchase still under way (approved,
	// its payment not yet settled; store.ErrCardPaying), so it was not removed: removing
	// it could no longer stop that payment.
	WalletCardPaying WalletCode = "card_paying"
	// WalletCardRemovalPending: PaymentMethodID was being removed and no answer came
	// back from Stripe's detach (spt.ErrOutcomeUnknown), so whether Stripe detached it
	// is not known. The card stays marked as being removed: nothing is paid with it any
	// more, it is not listed, the default has moved as the removal would move it, and
	// recovery (Recover) detaches it and takes it off file once Stripe answers. Nothing
	// was charged.
	WalletCardRemovalPending WalletCode = "card_removal_pending"
)

// WalletError is a payment-method request that did not happen, with its parameters.
type WalletError struct {
	Code            WalletCode
	SetupID         string
	PaymentMethodID string
	Mode            Mode // for WalletOtherMode: the card's mode
	ServerMode      Mode // for WalletOtherMode: the mode this server runs in
	cause           error
}

func (e *WalletError) Error() string {
	s := "payment methods: " + string(e.Code)
	if e.cause != nil {
		s += ": " + e.cause.Error()
	}
	return s
}

func (e *WalletError) Unwrap() error { return e.cause }

// walletFailure turns an error of the Wallet port into a *WalletError.
func walletFailure(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrMisconfigured):
		return &WalletError{Code: WalletMisconfigured, cause: err}
	case errors.Is(err, ErrRejected):
		return &WalletError{Code: WalletRejected, cause: err}
	case errors.Is(err, ErrUnavailable):
		return &WalletError{Code: WalletUnavailable, cause: err}
	}
	return err
}

// DefaultSetupTTL is how long a setup page stays open (Stripe allows 30 min to 24 h).
const DefaultSetupTTL = time.Hour

// stripeCustomer returns the customer's Stripe Customer, creating it first when there
// is none (customers made before Stripe Customers, or by the operator without a key).
func (s *Service) stripeCustomer(ctx context.Context, customerID string) (string, error) {
	c, err := s.cfg.Store.Customer(ctx, customerID)
	if err != nil {
		return "", err
	}
	if c.StripeCustomerID != "" {
		return c.StripeCustomerID, nil
	}
	id, err := s.cfg.Wallet.CreateCustomer(ctx, c, "customer-"+c.ID)
	if err != nil {
		return "", walletFailure(err)
	}
	return s.cfg.Store.SetStripeCustomerID(ctx, c.ID, id)
}

// replaceStripeCustomer makes a new Stripe Customer for one that Stripe no longer has.
func (s *Service) replaceStripeCustomer(ctx context.Context, customerID, stale string) (string, error) {
	c, err := s.cfg.Store.Customer(ctx, customerID)
	if err != nil {
		return "", err
	}
	if c.StripeCustomerID != stale { // replaced meanwhile
		return c.StripeCustomerID, nil
	}
	if s.cfg.Mode == ModeSandbox { // the emulator keeps its Customers in memory: after every restart
		s.cfg.Log.InfoContext(ctx, "the sandbox has no Stripe Customer for this customer (it forgets them when the process restarts); creating a new one", "customer", customerID)
	} else {
		s.cfg.Log.WarnContext(ctx, "Stripe has no Customer for this customer any more; creating a new one", "customer", customerID)
	}
	id, err := s.cfg.Wallet.CreateCustomer(ctx, c, "customer-"+c.ID+"-replaces-"+stale)
	if err != nil {
		return "", walletFailure(err)
	}
	return s.cfg.Store.ReplaceStripeCustomerID(ctx, c.ID, stale, id)
}

// StartPaymentSetup returns a hosted setup page on which the person can add a card:
// the customer's newest open one that is still open in Stripe, or a new one.
func (s *Service) StartPaymentSetup(ctx context.Context, customerID string) (store.PaymentSetup, error) {
	if s.cfg.Wallet == nil || s.cfg.SetupReturnURL == nil {
		return store.PaymentSetup{}, &WalletError{Code: WalletNotConfigured}
	}
	open, err := s.cfg.Store.OpenPaymentSetups(ctx, customerID)
	if err != nil {
		return store.PaymentSetup{}, err
	}
	for _, ps := range open {
		// Reuse a page with at least ten minutes left, so the person is not sent to one
		// about to lapse.
		if ps.ExpiresAt.Sub(s.now()) < 10*time.Minute {
			continue
		}
		ps, err := s.SyncPaymentSetup(ctx, customerID, ps.ID)
		if err != nil {
			return store.PaymentSetup{}, err
		}
		if ps.Status == store.SetupOpen {
			return ps, nil
		}
	}
	if _, err := s.cfg.Store.Customer(ctx, customerID); err != nil {
		return store.PaymentSetup{}, err
	}
	success, err := s.cfg.SetupReturnURL(ctx)
	if err != nil {
		return store.PaymentSetup{}, fmt.Errorf("setup return page: %w", err)
	}
	cus, err := s.stripeCustomer(ctx, customerID)
	if err != nil {
		return store.PaymentSetup{}, err
	}
	id := store.NewID("pset_")
	req := SetupRequest{Customer: cus, SuccessURL: success, Reference: id, ExpiresAt: s.now().Add(s.cfg.SetupTTL), IdemKey: "setup-" + id}
	sess, err := s.cfg.Wallet.CreateSetup(ctx, req)
	if errors.Is(err, ErrNoStripeCustomer) {
		if req.Customer, err = s.replaceStripeCustomer(ctx, customerID, cus); err != nil {
			return store.PaymentSetup{}, err
		}
		req.IdemKey += "-" + req.Customer
		sess, err = s.cfg.Wallet.CreateSetup(ctx, req)
	}
	if err != nil {
		return store.PaymentSetup{}, walletFailure(err)
	}
	if sess.URL == "" {
		return store.PaymentSetup{}, &WalletError{Code: WalletRejected, cause: errors.New("stripe returned a setup session without a page")}
	}
	exp := sess.ExpiresAt
	if exp.IsZero() {
		exp = req.ExpiresAt
	}
	return s.cfg.Store.StartPaymentSetup(ctx, store.PaymentSetup{ID: id, CustomerID: customerID, SessionID: sess.ID, URL: sess.URL, ExpiresAt: exp})
}

// SyncPaymentSetup brings the customer's setup up to date with Stripe: a completed
// page puts the card on file (brand, last four, expiry and its pm_ id only) and an
// expired one is closed. A setup that is no longer open is returned as it is. A setup
// of another customer is WalletUnknownSetup, as an unknown one is. A refused setup (the
// card saved is on file in another mode), now or at any earlier look, is returned with
// its WalletCardKeptMode error (RefusedSetupError).
func (s *Service) SyncPaymentSetup(ctx context.Context, customerID, setupID string) (store.PaymentSetup, error) {
	ps, err := s.cfg.Store.PaymentSetup(ctx, customerID, setupID)
	if errors.Is(err, store.ErrNotFound) {
		return store.PaymentSetup{}, &WalletError{Code: WalletUnknownSetup, SetupID: setupID}
	}
	if err == nil && ps.Status == store.SetupOpen {
		if s.cfg.Wallet == nil {
			return store.PaymentSetup{}, &WalletError{Code: WalletNotConfigured}
		}
		ps, err = s.syncSetup(ctx, ps)
	}
	if err == nil && ps.Status == store.SetupRefused {
		return ps, RefusedSetupError(ps)
	}
	return ps, err
}

// RefusedSetupError is the WalletCardKeptMode error of a refused setup: why the card
// saved on its page was not added.
func RefusedSetupError(ps store.PaymentSetup) *WalletError {
	r := ps.Refused
	return &WalletError{Code: WalletCardKeptMode, SetupID: ps.ID, PaymentMethodID: r.CardID, Mode: Mode(r.Mode), ServerMode: Mode(r.Wanted), cause: r}
}

// SyncPaymentSetupBySession is SyncPaymentSetup for the setup of Stripe Checkout
// Session sessionID, for a webhook that announced it; it reads the session from Stripe
// rather than trusting the event. A session that is not one of ours is store.ErrNotFound.
func (s *Service) SyncPaymentSetupBySession(ctx context.Context, sessionID string) (store.PaymentSetup, error) {
	ps, err := s.cfg.Store.PaymentSetupBySession(ctx, sessionID)
	if err != nil || ps.Status != store.SetupOpen {
		return ps, err
	}
	if s.cfg.Wallet == nil {
		return store.PaymentSetup{}, &WalletError{Code: WalletNotConfigured}
	}
	return s.syncSetup(ctx, ps)
}

func (s *Service) syncSetup(ctx context.Context, ps store.PaymentSetup) (store.PaymentSetup, error) {
	sess, err := s.cfg.Wallet.Setup(ctx, ps.SessionID)
	if errors.Is(err, ErrNoSetupSession) { // no card can be saved on it any more
		s.cfg.Log.InfoContext(ctx, "Stripe no longer has this setup page (a sandbox restarted, or another account's key); closed as expired",
			"customer", ps.CustomerID, "setup", ps.ID)
		return s.cfg.Store.ExpirePaymentSetup(ctx, ps.ID)
	}
	if err != nil {
		return store.PaymentSetup{}, walletFailure(err)
	}
	switch sess.Status {
	case spt.SessionComplete:
		pm := sess.PaymentMethod
		pm.Mode = string(s.cfg.Mode) // saved through this server's Stripe, so of its mode
		done, err := s.cfg.Store.CompletePaymentSetup(ctx, ps.ID, pm)
		switch {
		case err != nil:
			return store.PaymentSetup{}, err
		case done.Status == store.SetupRefused:
			s.cfg.Log.WarnContext(ctx, "a card saved on a setup page is on file in another mode; not added", "customer", ps.CustomerID, "setup", ps.ID,
				"card_mode", done.Refused.Mode, "page_mode", done.Refused.Wanted)
		default:
			s.cfg.Log.InfoContext(ctx, "payment method added through a setup page", "customer", ps.CustomerID, "setup", ps.ID)
		}
		return done, nil
	case spt.SessionExpired:
		return s.cfg.Store.ExpirePaymentSetup(ctx, ps.ID)
	}
	if !s.now().Before(ps.ExpiresAt) { // Stripe will expire it any moment
		return s.cfg.Store.ExpirePaymentSetup(ctx, ps.ID)
	}
	return ps, nil
}

// WaitPaymentSetup polls the customer's setup every interval until it is no longer
// open, until wait has passed or until ctx ends, and returns it as it then is. It
// polls Stripe, so it also works without a webhook; with one, the store is already up
// to date and the first poll after it says so.
func (s *Service) WaitPaymentSetup(ctx context.Context, customerID, setupID string, wait, interval time.Duration) (store.PaymentSetup, error) {
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		ps, err := s.SyncPaymentSetup(ctx, customerID, setupID)
		var we *WalletError
		if errors.As(err, &we) && we.Code == WalletUnavailable {
			err = nil // a poll that failed is retried at the next tick
			ps, _ = s.cfg.Store.PaymentSetup(ctx, customerID, setupID)
			if ps.Status == store.SetupRefused {
				// Refused meanwhile (by the webhook): said as every other look says it.
				return ps, RefusedSetupError(ps)
			}
		}
		if err != nil || ps.Status != store.SetupOpen {
			return ps, err
		}
		select {
		case <-ctx.Done():
			return ps, nil
		case <-deadline.C:
			return ps, nil
		case <-tick.C:
		}
	}
}

// PaymentMethods returns the customer's payment methods, default first, after picking
// up the setup pages completed since the last look, and the setups among those that
// were refused by this look (the card saved is on file in another mode: each one's
// RefusedSetupError says why).
func (s *Service) PaymentMethods(ctx context.Context, customerID string) ([]store.PaymentMethod, []store.PaymentSetup, error) {
	var refused []store.PaymentSetup
	if s.cfg.Wallet != nil {
		open, err := s.cfg.Store.OpenPaymentSetups(ctx, customerID)
		if err != nil {
			return nil, nil, err
		}
		for _, ps := range open {
			now, err := s.syncSetup(ctx, ps)
			if err != nil {
				// The list is still worth showing; the setup is picked up next time.
				s.cfg.Log.WarnContext(ctx, "could not check a payment setup with Stripe", "customer", customerID, "setup", ps.ID, "err", err)
			} else if now.Status == store.SetupRefused {
				refused = append(refused, now)
			}
		}
	}
	pms, err := s.cfg.Store.PaymentMethods(ctx, customerID)
	return pms, refused, err
}

// MethodChange is a change to the customer's payment methods that the person must
// confirm: making a method the default, or removing one.
type MethodChange struct {
	Action ChangeAction
	Method store.PaymentMethod
	// NewDefault is, for removing the default, the method that becomes the default
	// (the most recently added other one), or zero when none is left.
	NewDefault store.PaymentMethod
	// Renewing counts the customer's active subscriptions of the server's mode, whose
	// renewals pay with the default card, when the change moves the default: making
	// a card the default, or removing the default (to NewDefault, or to no card, and
	// then they pause at their next renewal). Zero for other changes.
	Renewing int
	// ServerMode is the server's mode: a NewDefault of another mode is never charged
	// here (purchases are refused card_other_mode, renewals pause).
	ServerMode Mode
	ExpiresAt  time.Time
}

// ChangeAction is what a MethodChange does.
type ChangeAction string

// Change actions.
const (
	ChangeSetDefault ChangeAction = "set_default"
	ChangeRemove     ChangeAction = "remove"
)

// changeTTL is how long a change can be confirmed.
const changeTTL = 10 * time.Minute

// purposeMethod is what a sealed payment-method change confirms; a purchase's,
// checkout's or cancellation's sealed state never verifies as one, nor the other way.
const purposeMethod = "commerce-mcp/payment-method/v1"

// PlanMethodChange describes, for the person to confirm, what action on the
// customer's card cardID (store.PaymentMethod.CardID, the id tools show; Stripe's pm_
// id never leaves the server) would do. Removing the default is allowed: the most recently
// added other method becomes the default (MethodChange.NewDefault), or, for the last
// method, none is left and purchases need a new one. Making the default the default is
// WalletAlreadyDefault; making a card of another mode than the server's the default is
// WalletOtherMode (purchases here would refuse it).
func (s *Service) PlanMethodChange(ctx context.Context, customerID string, action ChangeAction, cardID string) (MethodChange, error) {
	pms, err := s.cfg.Store.PaymentMethods(ctx, customerID)
	if err != nil {
		return MethodChange{}, err
	}
	ch := MethodChange{Action: action, ServerMode: s.cfg.Mode, ExpiresAt: s.now().Add(changeTTL)}
	found := false
	for _, pm := range pms {
		if pm.CardID == cardID {
			ch.Method, found = pm, true
		}
	}
	if !found {
		return MethodChange{}, &WalletError{Code: WalletUnknownMethod, PaymentMethodID: cardID}
	}
	switch {
	case action == ChangeSetDefault && ch.Method.Default:
		return MethodChange{}, &WalletError{Code: WalletAlreadyDefault, PaymentMethodID: cardID}
	case action == ChangeSetDefault && ch.Method.Mode != string(s.cfg.Mode):
		// This server would refuse to pay with it: never made the default here.
		return MethodChange{}, &WalletError{Code: WalletOtherMode, PaymentMethodID: cardID, Mode: Mode(ch.Method.Mode), ServerMode: s.cfg.Mode}
	case action == ChangeRemove:
		// A card paying a purchase under way is not removed (store.ErrCardPaying):
		// say so before the person is asked.
		if paying, err := s.cfg.Store.CardPaying(ctx, customerID, ch.Method.ID); err != nil {
			return MethodChange{}, err
		} else if paying {
			return MethodChange{}, &WalletError{Code: WalletCardPaying, PaymentMethodID: cardID}
		}
		if !ch.Method.Default {
			break
		}
		// The store's rule: the most recently added remaining method. PaymentMethods
		// lists the others oldest first, so it is the last of them.
		for _, pm := range pms {
			if pm.CardID != cardID {
				ch.NewDefault = pm
			}
		}
	}
	if action == ChangeSetDefault || ch.Method.Default {
		subs, err := s.cfg.Store.Subscriptions(ctx, customerID)
		if err != nil {
			return MethodChange{}, err
		}
		for _, u := range subs {
			if u.State == store.SubscriptionActive && u.Mode == string(s.cfg.Mode) {
				ch.Renewing++
			}
		}
	}
	return ch, nil
}

// SealMethodChange returns the confirmation state of a planned change: bound to the
// customer, the action, the method, the method that would become the default, the way
// the person is asked (via: ViaElicitation for a dialog's state, ViaQuoteID for a
// confirmation token handed to the model) and an expiry; single use. A dialog's state
// does not work as a token, so a model that sees it cannot answer for the person.
func (s *Service) SealMethodChange(customerID string, ch MethodChange, via string) string {
	return s.seal(purposeMethod, Confirmation{CustomerID: customerID, QuoteID: ch.Method.CardID, OrderID: ch.NewDefault.CardID,
		Kind: methodKind(ch.Action, via), ExpiresAt: ch.ExpiresAt.Unix(), Nonce: store.NewID("n_")})
}

// methodKind is the sealed kind of a change: its action and how it is confirmed.
func methodKind(action ChangeAction, via string) string { return string(action) + "/" + via }

// ConfirmMethodChange carries out the change sealed in state, made for action on card cardID
// (the tool's arguments, which must match), once the person answered yes, answering
// the way the state was sealed for (via). The state must
// verify for the customer, be unexpired and unused, and the change must still be the
// one planned (the same method would become the default). AnswerNo is
// WalletDeclined; a replayed state whose change already holds reports it done.
func (s *Service) ConfirmMethodChange(ctx context.Context, customerID, state, via string, action ChangeAction, cardID string, answer Answer) (MethodChange, error) {
	invalid := &WalletError{Code: WalletConfirmInvalid, PaymentMethodID: cardID}
	c, err := s.unseal(purposeMethod, state, customerID)
	if err != nil || c.Kind != methodKind(action, via) || (cardID != "" && c.QuoteID != cardID) {
		return MethodChange{}, invalid
	}
	cardID = c.QuoteID
	if err := s.cfg.Store.UseOnce(ctx, "payment-method", c.Nonce, time.Unix(c.ExpiresAt, 0)); errors.Is(err, store.ErrReplay) {
		return s.changeDone(ctx, customerID, action, cardID, invalid)
	} else if err != nil {
		return MethodChange{}, err
	}
	if answer != AnswerYes {
		return MethodChange{}, &WalletError{Code: WalletDeclined, PaymentMethodID: cardID}
	}
	ch, err := s.PlanMethodChange(ctx, customerID, action, cardID)
	if err != nil {
		var we *WalletError
		if errors.As(err, &we) && (we.Code == WalletAlreadyDefault || we.Code == WalletUnknownMethod) {
			return s.changeDone(ctx, customerID, action, cardID, err)
		}
		return MethodChange{}, err
	}
	if ch.NewDefault.CardID != c.OrderID {
		return MethodChange{}, invalid // the methods changed since the person was asked
	}
	switch action {
	case ChangeSetDefault:
		err = s.cfg.Store.SetDefaultPaymentMethod(ctx, customerID, ch.Method.ID)
	case ChangeRemove:
		err = s.removeMethod(ctx, customerID, ch.Method.ID)
		var we *WalletError
		if errors.As(err, &we) && (we.Code == WalletCardPaying || we.Code == WalletCardRemovalPending) {
			we.PaymentMethodID = cardID
		}
	}
	if errors.Is(err, store.ErrNotFound) { // removed meanwhile by another call
		return s.changeDone(ctx, customerID, action, cardID, &WalletError{Code: WalletUnknownMethod, PaymentMethodID: cardID})
	}
	if err != nil {
		return MethodChange{}, err
	}
	ch.Method.Default = action == ChangeSetDefault
	ch.NewDefault.Default = ch.NewDefault.ID != ""
	return ch, nil
}

// changeDone reports a change that already holds (a replayed confirmation, or two
// calls racing) as done, and otherwise returns otherwise.
func (s *Service) changeDone(ctx context.Context, customerID string, action ChangeAction, cardID string, otherwise error) (MethodChange, error) {
	pms, err := s.cfg.Store.PaymentMethods(ctx, customerID)
	if err != nil {
		return MethodChange{}, err
	}
	ch := MethodChange{Action: action, Method: store.PaymentMethod{CardID: cardID, CustomerID: customerID}}
	for _, pm := range pms {
		if pm.CardID == cardID {
			if action == ChangeSetDefault && pm.Default {
				ch.Method = pm
				return ch, nil
			}
			return MethodChange{}, otherwise
		}
		if pm.Default {
			ch.NewDefault = pm
		}
	}
	if action == ChangeRemove {
		return ch, nil
	}
	return MethodChange{}, otherwise
}

// removeMethod marks the method as being removed, detaches it in Stripe, then takes it
// off file. The mark comes first, in the store's transaction that refuses a card paying
// a purchase under way (WalletCardPaying, nothing changed): from then on nothing is
// approved with the card, so Stripe's detach, which cannot be undone, never meets a
// purchase paying with it, and a detached card is never left usable on file. A method
// Stripe does not have attached (Stripe's test ids, one detached in the dashboard) is
// taken off file all the same. When Stripe did not act (not reached, or it refused
// this server's configuration) the mark is taken back and nothing is removed; when it
// may have (spt.ErrOutcomeUnknown: no answer came back) the card stays marked,
// WalletCardRemovalPending. A removal
// interrupted after the mark (a crash, no answer from Stripe) is finished by Recover
// (finishRemovals).
func (s *Service) removeMethod(ctx context.Context, customerID, pmID string) error {
	// PlanMethodChange, just before, refused a card paying a purchase under way; a
	// purchase approved since is refused here.
	mark, err := s.cfg.Store.StartRemovingPaymentMethod(ctx, customerID, pmID)
	if errors.Is(err, store.ErrCardPaying) {
		return &WalletError{Code: WalletCardPaying, cause: err}
	} else if err != nil {
		return err
	}
	// Past the mark, the store's writes finish what was started even when the caller
	// has gone away meanwhile; what they leave undone, Recover finishes.
	wctx := context.WithoutCancel(ctx)
	switch err := s.detach(ctx, customerID, pmID); {
	case err != nil && !errors.Is(err, spt.ErrOutcomeUnknown):
		// Stripe refused this server's key or settings, or was known not to act (not
		// reached, rate limited): nothing was detached, so the card goes back in use
		// and nothing is removed. Unless recovery took the removal over meanwhile (this
		// call outlasted recovery's wait) and may have detached it: then the removal is
		// recovery's to finish, and the card stays out of use.
		switch serr := s.cfg.Store.StopRemovingPaymentMethod(wctx, customerID, pmID, mark); {
		case errors.Is(serr, store.ErrNotFound):
			if merr := s.cfg.Store.MoveDefaultOffRemoving(wctx, customerID, pmID); merr != nil {
				s.cfg.Log.WarnContext(wctx, "the default card did not move off the card being removed; it moves when recovery removes it", "customer", customerID, "err", merr)
			}
			return serr
		case serr != nil:
			s.cfg.Log.WarnContext(wctx, "card left being removed; recovery removes it", "customer", customerID, "err", serr)
		}
		return err
	case err != nil:
		// Stripe may have detached it (the request may have reached it, and no answer
		// came back): it is not put back in use, since it might no longer pay, and
		// recovery finishes the removal once Stripe answers.
		// The removal is not taken back, so the default moves now, as the person
		// confirmed it would.
		s.cfg.Log.WarnContext(wctx, "Stripe did not answer the detach; the card stays being removed until recovery finishes it", "customer", customerID, "err", err)
		if serr := s.cfg.Store.MoveDefaultOffRemoving(wctx, customerID, pmID); serr != nil {
			s.cfg.Log.WarnContext(wctx, "the default card did not move off the card being removed; it moves when recovery removes it", "customer", customerID, "err", serr)
		}
		return &WalletError{Code: WalletCardRemovalPending, cause: err}
	}
	return s.cfg.Store.RemovePaymentMethod(wctx, customerID, pmID)
}

// detach detaches the method in Stripe, when this server has Stripe: nil when Stripe
// detached it, or already had it detached; a wallet failure (nothing detached, as
// far as this call knows) otherwise.
func (s *Service) detach(ctx context.Context, customerID, pmID string) error {
	if s.cfg.Wallet == nil {
		return nil
	}
	err := s.cfg.Wallet.Detach(ctx, pmID, "")
	switch {
	case err == nil:
	case errors.Is(err, ErrMisconfigured), !errors.Is(err, ErrRejected):
		return walletFailure(err)
	default:
		s.cfg.Log.InfoContext(ctx, "Stripe had the payment method detached already; removing it from file", "customer", customerID)
	}
	return nil
}

// finishRemovals finishes the removals of cards marked as being removed before before
// that an earlier call left unfinished (a crash between the mark and taking the card
// off file): the card is detached in Stripe (again: Stripe answers that it is detached
// already) and taken off file. One Stripe cannot detach yet stays marked, unusable,
// for the next run. It returns how many it removed.
func (s *Service) finishRemovals(ctx context.Context, before time.Time) (int, error) {
	pms, err := s.cfg.Store.TakeOverRemovals(ctx, before)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, pm := range pms {
		// A card paying a purchase is never marked (StartRemovingPaymentMethod refuses
		// it) nor detached: should one be found, it waits for that purchase to settle.
		if paying, err := s.cfg.Store.CardPaying(ctx, pm.CustomerID, pm.ID); err != nil || paying {
			continue
		}
		if err := s.detach(ctx, pm.CustomerID, pm.ID); err != nil {
			s.cfg.Log.WarnContext(ctx, "card being removed not detached in Stripe yet; tried again at the next recovery", "customer", pm.CustomerID, "err", err)
			continue
		}
		switch err := s.cfg.Store.RemovePaymentMethod(ctx, pm.CustomerID, pm.ID); {
		case errors.Is(err, store.ErrNotFound): // its own call removed it meanwhile
		case err != nil:
			s.cfg.Log.WarnContext(ctx, "card being removed not taken off file yet; tried again at the next recovery", "customer", pm.CustomerID, "err", err)
		default:
			n++
		}
	}
	return n, nil
}

// purposeSetup is what a sealed setup state stands for: the request state of an
// add_payment_method call waiting for the person to open the setup page.
const purposeSetup = "commerce-mcp/payment-setup/v1"

// SealSetup returns the request state for the customer's setup ps: it names the setup,
// binds it to the customer and expires with the page.
func (s *Service) SealSetup(ps store.PaymentSetup) string {
	return s.seal(purposeSetup, Confirmation{CustomerID: ps.CustomerID, QuoteID: ps.ID, ExpiresAt: ps.ExpiresAt.Unix(),
		Nonce: store.NewID("n_"), Kind: "setup"})
}

// UnsealSetup returns the setup id sealed in state for customerID, or
// WalletUnknownSetup when state does not verify (forged, another customer's, expired,
// or a state of another purpose).
func (s *Service) UnsealSetup(state, customerID string) (string, error) {
	c, err := s.unseal(purposeSetup, state, customerID)
	if err != nil || c.Kind != "setup" || c.QuoteID == "" {
		return "", &WalletError{Code: WalletUnknownSetup}
	}
	return c.QuoteID, nil
}
