package tools

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// Payment methods: the person brings a card on a secure page (never through the model
// or this server), sees the cards on file, and, after confirming, changes the default
// or removes one.

// Defaults for Toolbox.SetupWait and SetupPoll.
const (
	DefaultSetupWait = 3 * time.Minute
	DefaultSetupPoll = 2 * time.Second
)

// setupKey names the open-the-page request in an elicitation round trip.
const setupKey = "setup"

type addPaymentMethodArgs struct {
	SetupID string `json:"setup_id"`
}

type paymentMethodView struct {
	PaymentMethodID string `json:"payment_method_id" jsonschema:"the card's id on this server (card_…), which the tools that change cards take; Stripe's own id never leaves the server"`
	Label           string `json:"label" jsonschema:"how to name it to the person, e.g. Visa •••• 4242"`
	Brand           string `json:"brand" jsonschema:"card brand, e.g. visa"`
	Last4           string `json:"last4" jsonschema:"last four digits of the card"`
	Expires         string `json:"expires,omitempty" jsonschema:"expiry as MM/YYYY"`
	Default         bool   `json:"default" jsonschema:"whether purchases use this method"`
	Mode            string `json:"mode" jsonschema:"the mode the card was put on file in: sandbox, test or live; unknown for a card put on file before card modes were recorded that nothing vouches for. A server pays only with a card of its own mode (the result's mode); a card of another mode, or of unknown mode, is never charged here"`
}

// putOnFileIn says how a card of mode came to have it: "put on file in test mode", or,
// for a card from before modes were recorded that nothing vouches for
// (store.ModeUnknown), that its mode is unknown.
func putOnFileIn(mode string) string {
	if mode == store.ModeUnknown {
		return "put on file before card modes were recorded (its mode is unknown)"
	}
	return "put on file in " + mode + " mode"
}

func viewMethod(pm store.PaymentMethod) paymentMethodView {
	v := paymentMethodView{PaymentMethodID: pm.CardID, Label: CardName(pm.Brand, pm.Last4), Brand: pm.Brand, Last4: pm.Last4, Default: pm.Default, Mode: pm.Mode}
	if pm.ExpYear != 0 {
		v.Expires = fmt.Sprintf("%02d/%d", pm.ExpMonth, pm.ExpYear)
	}
	return v
}

type addPaymentMethodResult struct {
	Status        string             `json:"status" jsonschema:"added (the card is on file), waiting (the person has not finished on the page yet), expired (the page lapsed before a card was entered) or declined (the person chose not to open the page)"`
	Mode          string             `json:"mode" jsonschema:"sandbox (test cards only, no money moves), test or live"`
	Summary       string             `json:"summary" jsonschema:"what happened in one sentence"`
	SetupID       string             `json:"setup_id,omitempty" jsonschema:"for waiting: pass it to add_payment_method to check whether the person has finished"`
	URL           string             `json:"url,omitempty" jsonschema:"for waiting: the secure page on which the person enters the card; give it to them as a link"`
	ExpiresAt     string             `json:"expires_at,omitempty" jsonschema:"for waiting: when the page lapses (RFC 3339)"`
	PaymentMethod *paymentMethodView `json:"payment_method,omitempty" jsonschema:"for added: the card now on file"`
	Instruction   string             `json:"instruction,omitempty" jsonschema:"what to do next"`
}

func (t *Toolbox) addPaymentMethodTool() server.ServerTool {
	return server.ServerTool{
		Tool: mcp.NewTool("add_payment_method",
			mcp.WithTitleAnnotation("Add a payment card"),
			mcp.WithDescription(`Let the person add a payment card. The card is entered by the person on a secure payment page (Stripe's, or in the sandbox a test page), never through you or this server: never ask the person for card numbers, and do not accept them if offered.

Clients that support it open the page for the person directly and this call waits (a few minutes at most) until the card is saved. Otherwise the result has status "waiting" with url: give the person that link and ask them to tell you when they are done, then call add_payment_method again with setup_id (or list_payment_methods) to see the card.

Results: status "added" with the card now on file (the first card becomes the default; set_default_payment_method changes it); "waiting" with url and setup_id; "expired" (the page lapsed: call again without setup_id for a new one); "declined" (the person did not want to open the page; nothing changed). Calling again without setup_id while a page is still open returns that page rather than a new one.`),
			mcp.WithString("setup_id", mcp.MaxLength(80), mcp.Description(`The setup_id of an earlier "waiting" result, to check whether the person has finished on that page. Leave it out to start (or resume) adding a card.`)),
			mcp.WithSchemaAdditionalProperties(false),
			mcp.WithRawOutputSchema(outputSchema[addPaymentMethodResult]()),
			mcp.WithReadOnlyHintAnnotation(false),
			mcp.WithDestructiveHintAnnotation(false),
			mcp.WithIdempotentHintAnnotation(true),
			mcp.WithOpenWorldHintAnnotation(true),
		),
		Handler: t.addPaymentMethod,
	}
}

func (t *Toolbox) addPaymentMethod(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	customer, err := t.checkoutCustomer(ctx, "Adding payment methods is not configured on this server.")
	if err != nil {
		return t.fail(ctx, "add_payment_method", err), nil
	}
	if req.Params.RequestState != "" || len(req.Params.InputResponses) > 0 {
		setupID, err := t.Checkout.UnsealSetup(req.Params.RequestState, customer)
		if err != nil {
			return t.fail(ctx, "add_payment_method", err), nil
		}
		var answer *mcp.ElicitationResponse
		if res := server.ElicitationResponse(req.Params.InputResponses, setupKey); res != nil {
			answer = &res.ElicitationResponse
		}
		return t.setupAnswered(ctx, customer, setupID, answer, nil), nil
	}
	a, err := bind[addPaymentMethodArgs](req)
	if err != nil {
		return t.fail(ctx, "add_payment_method", err), nil
	}
	if a.SetupID = strings.TrimSpace(a.SetupID); a.SetupID != "" {
		ps, err := t.Checkout.SyncPaymentSetup(ctx, customer, a.SetupID)
		if err != nil {
			return t.fail(ctx, "add_payment_method", err), nil
		}
		return t.setupResult(ctx, ps, ""), nil
	}
	ps, err := t.Checkout.StartPaymentSetup(ctx, customer)
	if err != nil {
		return t.fail(ctx, "add_payment_method", err), nil
	}
	can, modern := clientCanOpenURL(ctx)
	switch {
	case !can:
		return t.setupResult(ctx, ps, ""), nil
	case modern:
		return server.NewInputRequestBuilder(t.Checkout.SealSetup(ps)).Elicit(setupKey, setupDialog(ps)).ToolResult(), nil
	}
	return t.openSetupPage(ctx, ps), nil
}

// setupDialog asks the client to send the person to the setup page (URL mode: the
// client shows the address and opens it with the person's consent).
func setupDialog(ps store.PaymentSetup) mcp.ElicitationParams {
	return mcp.ElicitationParams{
		Mode:          mcp.ElicitationModeURL,
		ElicitationID: ps.ID,
		URL:           ps.URL,
		Message:       "Add a payment card on this secure page. Your card details go to the payment provider only, never to the assistant. The page works until " + ps.ExpiresAt.UTC().Format("15:04 MST") + ".",
	}
}

// openSetupPage sends the person to the setup page with elicitation/create in URL mode
// (protocols before 2026-07-28), waits for them to finish, and tells the client with
// notifications/elicitation/complete when they have.
func (t *Toolbox) openSetupPage(ctx context.Context, ps store.PaymentSetup) *mcp.CallToolResult {
	srv, session := server.ServerFromContext(ctx), server.ClientSessionFromContext(ctx)
	err := errors.New("no server or session in the request context")
	var res *mcp.ElicitationResult
	if srv != nil && session != nil {
		wait := t.ConfirmTimeout
		if wait <= 0 {
			wait = DefaultConfirmTimeout
		}
		dctx, cancel := context.WithTimeout(ctx, wait)
		p := setupDialog(ps)
		res, err = srv.RequestURLElicitation(dctx, session, p.ElicitationID, p.URL, p.Message)
		cancel()
	}
	if err != nil || res == nil {
		t.Log.WarnContext(ctx, "could not ask the client to open the setup page; giving the link instead", "err", err)
		return t.setupResult(ctx, ps, "The client could not open the page itself.")
	}
	return t.setupAnswered(ctx, ps.CustomerID, ps.ID, &res.ElicitationResponse, func(done store.PaymentSetup) {
		if err := srv.SendElicitationComplete(ctx, session, done.ID); err != nil {
			t.Log.WarnContext(ctx, "could not tell the client the setup page is done", "err", err)
		}
	})
}

// setupAnswered acts on the person's answer to the open-the-page request: after an
// accept it waits, at most SetupWait, for the page to be completed (the webhook or a
// poll of Stripe says so); completed, when set, is called once the card is on file.
func (t *Toolbox) setupAnswered(ctx context.Context, customer, setupID string, answer *mcp.ElicitationResponse, completed func(store.PaymentSetup)) *mcp.CallToolResult {
	if answer == nil || answer.Action != mcp.ElicitationResponseActionAccept {
		ps, err := t.Checkout.SyncPaymentSetup(ctx, customer, setupID)
		if err != nil {
			return t.fail(ctx, "add_payment_method", err)
		}
		if ps.Status != store.SetupOpen {
			return t.setupResult(ctx, ps, "")
		}
		r := addPaymentMethodResult{Status: "declined", Mode: string(t.Checkout.Mode()),
			Summary:     "The person chose not to open the payment page, so no card was added.",
			Instruction: "Do not ask again unless the person wants to add a card; they can also do it later."}
		return mcp.NewToolResultStructured(r, r.Summary+" "+r.Instruction)
	}
	wait, poll := t.SetupWait, t.SetupPoll
	if wait <= 0 {
		wait = DefaultSetupWait
	}
	if poll <= 0 {
		poll = DefaultSetupPoll
	}
	ps, err := t.Checkout.WaitPaymentSetup(ctx, customer, setupID, wait, poll)
	if err != nil {
		return t.fail(ctx, "add_payment_method", err)
	}
	if ps.Status == store.SetupComplete && completed != nil {
		completed(ps)
	}
	note := ""
	if ps.Status == store.SetupOpen {
		note = "The person has not finished on the page within " + minutes(wait) + "."
	}
	return t.setupResult(ctx, ps, note)
}

// setupResult shapes a setup as it now is; note, when set, says why the link is given.
func (t *Toolbox) setupResult(ctx context.Context, ps store.PaymentSetup, note string) *mcp.CallToolResult {
	r := addPaymentMethodResult{Status: "waiting", Mode: string(t.Checkout.Mode())}
	switch ps.Status {
	case store.SetupComplete:
		r.Status = "added"
		pms, err := t.Store.PaymentMethods(ctx, ps.CustomerID)
		if err != nil {
			return t.fail(ctx, "add_payment_method", err)
		}
		for _, pm := range pms {
			if pm.ID == ps.PaymentMethodID {
				v := viewMethod(pm)
				r.PaymentMethod = &v
			}
		}
		if r.PaymentMethod == nil { // removed since it was added
			r.Summary = "The card added on that page has since been removed."
			break
		}
		r.Summary = r.PaymentMethod.Label + " is now on file."
		if r.PaymentMethod.Default {
			r.Summary += " Purchases will use it: it is the default."
		} else {
			r.Instruction = "Purchases still use the default card; if the person wants this one used, call set_default_payment_method with payment_method_id \"" + r.PaymentMethod.PaymentMethodID + "\"."
		}
	case store.SetupExpired:
		r.Status = "expired"
		r.Summary = "The payment page lapsed before a card was saved, so nothing was added."
		r.Instruction = "If the person still wants to add a card, call add_payment_method again without setup_id for a new page."
	default:
		r.SetupID, r.URL, r.ExpiresAt = ps.ID, ps.URL, ps.ExpiresAt.UTC().Format(time.RFC3339)
		r.Summary = "A secure payment page is ready for the person to add a card."
		r.Instruction = strings.TrimSpace(note + " Give the person this link to open: " + ps.URL + " — they enter the card there, never in the chat. When they say they are done, call add_payment_method with setup_id \"" + ps.ID + "\" (or list_payment_methods) to see the card. The page works until " + r.ExpiresAt + ".")
		if t.Checkout.Mode() == checkout.ModeSandbox {
			r.Instruction += " This is the sandbox: the page offers test cards only and no money moves."
		}
	}
	text := r.Summary
	if r.Instruction != "" {
		text += " " + r.Instruction
	}
	return mcp.NewToolResultStructured(r, text)
}

// clientCanOpenURL reports whether the client declared URL-mode elicitation (and,
// before 2026-07-28, whether the transport can carry elicitation/create to it), and
// whether it speaks 2026-07-28 or later, as clientCanElicit does for form mode.
func clientCanOpenURL(ctx context.Context) (can, modern bool) {
	if info := server.RequestProtocolInfoFromContext(ctx); info != nil && info.Modern {
		c := info.ClientCapabilities
		return c != nil && c.Elicitation != nil && c.Elicitation.URL != nil, true
	}
	session := server.ClientSessionFromContext(ctx)
	if _, ok := session.(server.SessionWithElicitation); !ok {
		return false, false
	}
	if s, ok := session.(server.SessionWithClientInfo); ok {
		e := s.GetClientCapabilities().Elicitation
		return e != nil && e.URL != nil, false
	}
	return false, false
}

type listPaymentMethodsResult struct {
	Mode           string              `json:"mode" jsonschema:"sandbox (test cards only, no money moves), test or live"`
	PaymentMethods []paymentMethodView `json:"payment_methods" jsonschema:"the cards on file, the default first"`
	Summary        string              `json:"summary" jsonschema:"the cards in one sentence"`
}

func (t *Toolbox) listPaymentMethodsTool() server.ServerTool {
	return server.ServerTool{
		Tool: mcp.NewTool("list_payment_methods",
			mcp.WithTitleAnnotation("List payment cards"),
			mcp.WithDescription(`List the person's payment cards on file: brand, last four digits, expiry, and which one is the default that purchases use. It also picks up a card the person has just added on a secure payment page. Card numbers are never stored or shown. The tools that change cards take a payment_method_id from here.`),
			mcp.WithSchemaAdditionalProperties(false),
			mcp.WithRawOutputSchema(outputSchema[listPaymentMethodsResult]()),
			mcp.WithReadOnlyHintAnnotation(true),
			mcp.WithDestructiveHintAnnotation(false),
			mcp.WithIdempotentHintAnnotation(true),
			mcp.WithOpenWorldHintAnnotation(true),
		),
		Handler: t.listPaymentMethods,
	}
}

func (t *Toolbox) listPaymentMethods(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	customer, err := t.customerStore(ctx)
	if err == nil {
		_, err = bind[struct{}](req)
	}
	if err != nil {
		return t.fail(ctx, "list_payment_methods", err), nil
	}
	var (
		pms     []store.PaymentMethod
		refused []store.PaymentSetup // setups this look found refused
	)
	mode := string(checkout.ModeSandbox)
	if t.Checkout != nil {
		mode = string(t.Checkout.Mode())
		pms, refused, err = t.Checkout.PaymentMethods(ctx, customer)
	} else {
		pms, err = t.Store.PaymentMethods(ctx, customer)
	}
	if err != nil {
		return t.fail(ctx, "list_payment_methods", err), nil
	}
	r := listPaymentMethodsResult{Mode: mode, PaymentMethods: []paymentMethodView{}}
	var labels []string
	for _, pm := range pms {
		v := viewMethod(pm)
		r.PaymentMethods = append(r.PaymentMethods, v)
		label := v.Label
		if v.Default {
			label += " (default)"
		}
		if v.Mode != mode {
			label += " (" + putOnFileIn(v.Mode) + ": not usable on this " + mode + " server)"
		}
		labels = append(labels, label)
	}
	if len(labels) == 0 {
		r.Summary = "No card is on file."
		if !t.ReadOnly {
			r.Summary += " add_payment_method lets the person add one."
		}
	} else {
		cards := fmt.Sprintf("%d cards", len(labels))
		if len(labels) == 1 {
			cards = "1 card"
		}
		r.Summary = fmt.Sprintf("%s on file: %s.", cards, strings.Join(labels, ", "))
	}
	for _, ps := range refused { // the person may be waiting to hear about that page
		r.Summary += " " + walletText(checkout.RefusedSetupError(ps))
	}
	return mcp.NewToolResultStructured(r, r.Summary), nil
}

type changeMethodArgs struct {
	PaymentMethodID   string `json:"payment_method_id"`
	ConfirmationToken string `json:"confirmation_token"`
}

type changeMethodResult struct {
	Status            string              `json:"status" jsonschema:"done, or confirmation_required"`
	Summary           string              `json:"summary" jsonschema:"the change in one sentence"`
	ConfirmationToken string              `json:"confirmation_token,omitempty" jsonschema:"for confirmation_required: pass it back with the same payment_method_id once the person agrees"`
	ExpiresAt         string              `json:"expires_at,omitempty" jsonschema:"for confirmation_required: when the token lapses (RFC 3339)"`
	Instruction       string              `json:"instruction,omitempty" jsonschema:"what to do next"`
	PaymentMethods    []paymentMethodView `json:"payment_methods" jsonschema:"the cards on file after the call, the default first"`
}

func (t *Toolbox) setDefaultPaymentMethodTool() server.ServerTool {
	return server.ServerTool{
		Tool: mcp.NewTool("set_default_payment_method",
			mcp.WithTitleAnnotation("Change the default payment card"),
			mcp.WithDescription(`Make one of the person's cards on file the default, the one every later purchase is paid with. Only call it when the person has asked for this card to be used. The person must confirm: clients that support it ask them in a dialog; otherwise the result has status "confirmation_required" with a summary and confirmation_token — show them the summary exactly and, only if they agree, call again with the same payment_method_id and confirmation_token (it lapses after 10 minutes and works once). Status "done" lists the cards with the new default.`),
			mcp.WithString("payment_method_id", mcp.Required(), mcp.MaxLength(255), mcp.Description(`The card to make the default, as list_payment_methods returned it, e.g. "card_…".`)),
			mcp.WithString("confirmation_token", mcp.MaxLength(2000), mcp.Description("The confirmation_token of an earlier confirmation_required result, once the person has agreed to its summary.")),
			mcp.WithSchemaAdditionalProperties(false),
			mcp.WithRawOutputSchema(outputSchema[changeMethodResult]()),
			mcp.WithReadOnlyHintAnnotation(false),
			mcp.WithDestructiveHintAnnotation(false),
			mcp.WithIdempotentHintAnnotation(true),
			mcp.WithOpenWorldHintAnnotation(false),
		),
		Handler: func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			return t.changeMethod(ctx, req, checkout.ChangeSetDefault, "set_default_payment_method"), nil
		},
	}
}

func (t *Toolbox) removePaymentMethodTool() server.ServerTool {
	return server.ServerTool{
		Tool: mcp.NewTool("remove_payment_method",
			mcp.WithTitleAnnotation("Remove a payment card"),
			mcp.WithDescription(`Remove one of the person's cards: it is detached from their payment account and can no longer be charged. Only call it when the person has asked to remove this card. The default card can be removed too: the most recently added other card becomes the default (the summary names it), and when it is the last card none is left, so purchases need a new one (add_payment_method). The person must confirm: clients that support it ask them in a dialog; otherwise the result has status "confirmation_required" with a summary and confirmation_token — show them the summary exactly and, only if they agree, call again with the same payment_method_id and confirmation_token (it lapses after 10 minutes and works once). Orders already placed are not affected.`),
			mcp.WithString("payment_method_id", mcp.Required(), mcp.MaxLength(255), mcp.Description(`The card to remove, as list_payment_methods returned it, e.g. "card_…".`)),
			mcp.WithString("confirmation_token", mcp.MaxLength(2000), mcp.Description("The confirmation_token of an earlier confirmation_required result, once the person has agreed to its summary.")),
			mcp.WithSchemaAdditionalProperties(false),
			mcp.WithRawOutputSchema(outputSchema[changeMethodResult]()),
			mcp.WithReadOnlyHintAnnotation(false),
			mcp.WithDestructiveHintAnnotation(true),
			mcp.WithIdempotentHintAnnotation(true),
			mcp.WithOpenWorldHintAnnotation(true),
		),
		Handler: func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			return t.changeMethod(ctx, req, checkout.ChangeRemove, "remove_payment_method"), nil
		},
	}
}

// changeMethod serves set_default_payment_method and remove_payment_method.
func (t *Toolbox) changeMethod(ctx context.Context, req mcp.CallToolRequest, action checkout.ChangeAction, tool string) *mcp.CallToolResult {
	customer, err := t.checkoutCustomer(ctx, "Changing payment methods is not configured on this server.")
	if err != nil {
		return t.fail(ctx, tool, err)
	}
	if req.Params.RequestState != "" || len(req.Params.InputResponses) > 0 {
		var answer *mcp.ElicitationResponse
		if res := server.ElicitationResponse(req.Params.InputResponses, confirmKey); res != nil {
			answer = &res.ElicitationResponse
		}
		return t.changeAnswered(ctx, customer, req.Params.RequestState, action, "", answer, tool)
	}
	a, err := bind[changeMethodArgs](req)
	a.PaymentMethodID, a.ConfirmationToken = strings.TrimSpace(a.PaymentMethodID), strings.TrimSpace(a.ConfirmationToken)
	if err == nil && a.PaymentMethodID == "" {
		err = &argError{"payment_method_id is required; take it from list_payment_methods"}
	}
	if err != nil {
		return t.fail(ctx, tool, err)
	}
	if a.ConfirmationToken != "" {
		ch, err := t.Checkout.ConfirmMethodChange(ctx, customer, a.ConfirmationToken, checkout.ViaQuoteID, action, a.PaymentMethodID, checkout.AnswerYes)
		if err != nil {
			return t.fail(ctx, tool, err)
		}
		return t.changeResult(ctx, customer, ch, tool)
	}
	ch, err := t.Checkout.PlanMethodChange(ctx, customer, action, a.PaymentMethodID)
	var we *checkout.WalletError
	if errors.As(err, &we) && we.Code == checkout.WalletAlreadyDefault {
		ch.Action, ch.Method = action, store.PaymentMethod{CardID: a.PaymentMethodID}
		return t.changeResult(ctx, customer, ch, tool)
	}
	if err != nil {
		return t.fail(ctx, tool, err)
	}
	// A dialog's state and a confirmation token are sealed apart: the model sees the
	// state of a 2026-07-28 input request, and must not be able to pass it back as a
	// token and answer for the person.
	token := func() string { return t.Checkout.SealMethodChange(customer, ch, checkout.ViaQuoteID) }
	can, modern := clientCanElicit(ctx)
	switch {
	case can && modern:
		state := t.Checkout.SealMethodChange(customer, ch, checkout.ViaElicitation)
		return server.NewInputRequestBuilder(state).Elicit(confirmKey, changeDialog(ch)).ToolResult()
	case can:
		answer, why := t.showChangeDialog(ctx, ch)
		if why == "" {
			state := t.Checkout.SealMethodChange(customer, ch, checkout.ViaElicitation)
			return t.changeAnswered(ctx, customer, state, action, ch.Method.CardID, answer, tool)
		}
		return t.confirmationRequired(ch, token(), why)
	}
	return t.confirmationRequired(ch, token(), "")
}

// showChangeDialog shows the confirmation dialog of a change with elicitation/create
// (protocols before 2026-07-28), waiting at most ConfirmTimeout; it returns the answer,
// or why there is none.
func (t *Toolbox) showChangeDialog(ctx context.Context, ch checkout.MethodChange) (*mcp.ElicitationResponse, string) {
	wait := t.ConfirmTimeout
	if wait <= 0 {
		wait = DefaultConfirmTimeout
	}
	srv := server.ServerFromContext(ctx)
	err := errors.New("no server in the request context")
	var res *mcp.ElicitationResult
	if srv != nil {
		dctx, cancel := context.WithTimeout(ctx, wait)
		res, err = srv.RequestElicitation(dctx, mcp.ElicitationRequest{
			Request: mcp.Request{Method: string(mcp.MethodElicitationCreate)},
			Params:  changeDialog(ch),
		})
		cancel()
	}
	if err == nil && res != nil {
		return &res.ElicitationResponse, ""
	}
	t.Log.WarnContext(ctx, "payment method dialog failed; offering a confirmation token", "err", err)
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		return nil, "The confirmation dialog was not answered within " + minutes(wait) + ", so nothing was changed."
	}
	return nil, "The client could not show the confirmation dialog, so nothing was changed."
}

// changeSummary says what a change does, for the dialog and the summary.
func changeSummary(ch checkout.MethodChange) string {
	name := CardName(ch.Method.Brand, ch.Method.Last4)
	if ch.Action == checkout.ChangeSetDefault {
		if ch.Renewing > 0 {
			return "Make " + name + " the default card: every later purchase, and every renewal of " + activeSubscriptions(ch.Renewing) + ", is paid with it."
		}
		return "Make " + name + " the default card: every later purchase is paid with it."
	}
	s := "Remove " + name + ": it is detached from the payment account and can no longer be charged."
	switch {
	case !ch.Method.Default:
	case ch.NewDefault.CardID != "" && ch.NewDefault.Mode != string(ch.ServerMode):
		s += " " + CardName(ch.NewDefault.Brand, ch.NewDefault.Last4) + " becomes the default card, but it was " + putOnFileIn(ch.NewDefault.Mode) +
			" and this server runs in " + string(ch.ServerMode) + " mode, so it pays nothing here: purchases will need a card added on this server"
		if ch.Renewing > 0 {
			s += ", and " + activeSubscriptions(ch.Renewing) + " will pause at the next renewal, nothing charged, until one is added and the subscription resumed"
		}
		s += "."
	case ch.NewDefault.CardID != "" && ch.Renewing > 0:
		s += " " + CardName(ch.NewDefault.Brand, ch.NewDefault.Last4) + " becomes the default card, and pays every later purchase and every renewal of " +
			activeSubscriptions(ch.Renewing) + "."
	case ch.NewDefault.CardID != "":
		s += " " + CardName(ch.NewDefault.Brand, ch.NewDefault.Last4) + " becomes the default card."
	case ch.Renewing > 0:
		s += " It is the last card on file: purchases will need a new card, and " + activeSubscriptions(ch.Renewing) +
			" will pause at the next renewal, nothing charged, until a card is added and the subscription resumed."
	default:
		s += " It is the last card on file: purchases will need a new card."
	}
	return s
}

// activeSubscriptions names n active subscriptions of the customer.
func activeSubscriptions(n int) string {
	if n == 1 {
		return "the active subscription"
	}
	return fmt.Sprintf("the %d active subscriptions", n)
}

// changeDialog asks the person to confirm a change.
func changeDialog(ch checkout.MethodChange) mcp.ElicitationParams {
	title, desc := "Make it the default", "Tick to make this card the default; decline to keep things as they are."
	if ch.Action == checkout.ChangeRemove {
		title, desc = "Remove the card", "Tick to remove this card; decline to keep it."
	}
	return tickBox("Please confirm: "+changeSummary(ch), title, desc)
}

// changeAnswered acts on the person's answer to a change's dialog.
func (t *Toolbox) changeAnswered(ctx context.Context, customer, state string, action checkout.ChangeAction, cardID string, answer *mcp.ElicitationResponse, tool string) *mcp.CallToolResult {
	a := checkout.AnswerNo
	if answer != nil && answer.Action == mcp.ElicitationResponseActionAccept {
		content, _ := answer.Content.(map[string]any)
		if ticked, _ := content[confirmKey].(bool); ticked {
			a = checkout.AnswerYes
		}
	}
	ch, err := t.Checkout.ConfirmMethodChange(ctx, customer, state, checkout.ViaElicitation, action, cardID, a)
	if err != nil {
		return t.fail(ctx, tool, err)
	}
	return t.changeResult(ctx, customer, ch, tool)
}

// confirmationRequired offers a change for confirmation by token; note, when set, says
// why the dialog was not used.
func (t *Toolbox) confirmationRequired(ch checkout.MethodChange, state, note string) *mcp.CallToolResult {
	r := changeMethodResult{Status: "confirmation_required", Summary: changeSummary(ch), ConfirmationToken: state,
		ExpiresAt: ch.ExpiresAt.UTC().Format(time.RFC3339), PaymentMethods: []paymentMethodView{}}
	tool := "set_default_payment_method"
	if ch.Action == checkout.ChangeRemove {
		tool = "remove_payment_method"
	}
	r.Instruction = strings.TrimSpace(note + " Show the summary to the person exactly as written. Only if they agree, call " + tool +
		" with payment_method_id \"" + ch.Method.CardID + "\" and this confirmation_token. If they do not agree, do nothing: nothing changes.")
	return mcp.NewToolResultStructured(r, "Confirmation required. "+r.Summary+" "+r.Instruction)
}

// changeResult shapes a change that is done.
func (t *Toolbox) changeResult(ctx context.Context, customer string, ch checkout.MethodChange, tool string) *mcp.CallToolResult {
	pms, err := t.Store.PaymentMethods(ctx, customer)
	if err != nil {
		return t.fail(ctx, tool, err)
	}
	r := changeMethodResult{Status: "done", PaymentMethods: []paymentMethodView{}}
	var def string
	for _, pm := range pms {
		v := viewMethod(pm)
		r.PaymentMethods = append(r.PaymentMethods, v)
		if pm.CardID == ch.Method.CardID && ch.Method.Brand == "" {
			ch.Method = pm
		}
		if v.Default {
			def = v.Label
		}
	}
	name := CardName(ch.Method.Brand, ch.Method.Last4)
	if ch.Method.Brand == "" {
		name = "The card"
	}
	switch {
	case ch.Action == checkout.ChangeSetDefault:
		r.Summary = name + " is the default card; purchases are paid with it."
	case def != "":
		r.Summary = name + " was removed. The default card is " + def + "."
	default:
		r.Summary = name + " was removed. No card is on file now: purchases need a new one (add_payment_method)."
	}
	return mcp.NewToolResultStructured(r, r.Summary)
}

// walletText says why a payment-method request did not happen and what to do.
func walletText(e *checkout.WalletError) string {
	switch e.Code {
	case checkout.WalletNotConfigured:
		return "Adding payment cards is not available on this server; the operator can add one for the person."
	case checkout.WalletUnavailable:
		return "The payment provider could not be reached, so nothing was changed. Try again in a minute."
	case checkout.WalletMisconfigured:
		return "The payment provider refused this server's configuration, so nothing was changed. The operator must check the server's Stripe settings."
	case checkout.WalletRejected:
		return "The payment provider refused the request, so nothing was changed. Try again later; if it keeps failing the operator should check the server log."
	case checkout.WalletUnknownSetup:
		return "There is no such payment page for this person (setup_id is unknown or not theirs). Call add_payment_method without setup_id to start one."
	case checkout.WalletUnknownMethod:
		return "The person has no card with that payment_method_id; call list_payment_methods for their cards."
	case checkout.WalletConfirmInvalid:
		return "That confirmation is not valid (expired, already used, made for another card or change, or the cards changed since). Nothing was changed; call again without confirmation_token to ask the person afresh."
	case checkout.WalletDeclined:
		return "The person chose to keep things as they are; nothing was changed."
	case checkout.WalletOtherMode:
		return fmt.Sprintf("That card was %s and this server runs in %s mode, so it cannot pay with it here and it was not made the default. Nothing was changed; the person can add a card on this server with add_payment_method.", putOnFileIn(string(e.Mode)), e.ServerMode)
	case checkout.WalletCardPaying:
		return "That card is paying a purchase still under way, so it was not removed: removing it now could not stop that payment. Nothing was changed; list_orders shows the pending order, and the card can be removed once that payment has settled."
	case checkout.WalletCardRemovalPending:
		return "The payment provider did not answer while the card was being removed, so it is not known yet whether it was detached there. The card is no longer used: nothing new is paid with it, it is no longer listed, and the default card is now the one the confirmation named (list_payment_methods shows it). Its removal finishes by itself once the provider answers; nothing else is needed, and nothing was charged."
	case checkout.WalletCardKeptMode:
		return fmt.Sprintf("The card saved on the payment page is already on file for the person in %s mode, and this server runs in %s mode: a card keeps the mode it was put on file in, so it was not added here. Nothing was changed (list_payment_methods shows the card as it is); to pay on this server the person can add another card with add_payment_method, which opens a new page.", e.Mode, e.ServerMode)
	}
	return "The payment method request could not be carried out; nothing was changed."
}
