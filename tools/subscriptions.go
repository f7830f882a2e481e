package tools

import (
	"context"
	"slices"
	"sync"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// subscriptions tracks which sessions subscribed to the orders resource
// (resources/subscribe before protocol 2026-07-28, subscriptions/listen from it), and
// for which customer, so that a change of a customer's orders notifies
// only that customer's sessions (notifications/resources/updated). mcp-go v1.2.1
// accepts subscriptions but keeps none for its own sessions, so the server's hooks
// record them here.
type subscriptions struct {
	srv *server.MCPServer

	mu       sync.Mutex
	sessions map[string]string // session id → customer, of sessions subscribed to the orders resource
	streams  map[server.ClientSession]stream
}

// stream is an open 2026-07-28 subscriptions/listen request that asked for the orders
// resource: its session is not registered with the server (Streamable HTTP makes one
// per request), so notices are written to it directly, tagged with the request's id.
type stream struct {
	customer string
	id       any
}

// watchOrders makes s accept subscriptions to the orders resource and notify them
// when the Checkout service reports an order change.
func (t *Toolbox) watchOrders(s *server.MCPServer, hooks *server.Hooks) *subscriptions {
	subs := &subscriptions{srv: s, sessions: map[string]string{}, streams: map[server.ClientSession]stream{}}
	hooks.AddBeforeSubscriptionsListen(func(ctx context.Context, id any, req *mcp.SubscriptionsListenRequest) {
		session := server.ClientSessionFromContext(ctx)
		customer, err := t.currentCustomer(ctx)
		if session == nil || err != nil || !slices.Contains(req.Params.Notifications.ResourceSubscriptions, ordersURI) {
			return
		}
		subs.mu.Lock()
		subs.streams[session] = stream{customer: customer, id: id}
		subs.mu.Unlock()
		// The request's context ends with the stream.
		context.AfterFunc(ctx, func() {
			subs.mu.Lock()
			delete(subs.streams, session)
			subs.mu.Unlock()
		})
	})
	hooks.AddAfterSubscribe(func(ctx context.Context, _ any, req *mcp.SubscribeRequest, _ *mcp.EmptyResult) {
		session := server.ClientSessionFromContext(ctx)
		customer, err := t.currentCustomer(ctx)
		if session == nil || err != nil {
			return
		}
		subs.add(session.SessionID(), customer, req.Params.URI)
	})
	hooks.AddAfterUnsubscribe(func(ctx context.Context, _ any, req *mcp.UnsubscribeRequest, _ *mcp.EmptyResult) {
		if session := server.ClientSessionFromContext(ctx); session != nil {
			subs.remove(session.SessionID(), req.Params.URI)
		}
	})
	hooks.AddOnUnregisterSession(func(_ context.Context, session server.ClientSession) {
		subs.forget(session.SessionID())
	})
	if t.Checkout != nil {
		t.Checkout.OnOrderChange(func(customer, _ string) { subs.notify(customer) })
	}
	return subs
}

// add records that session subscribed to uri for customer. Only the orders resource
// is ever notified, so only a subscription to it is kept: mcp-go accepts any uri,
// and keeping each would let a client grow the server's memory without end (a
// session's subscriptions are otherwise bounded only by its life). Nor is one kept
// without a session id (Streamable HTTP without sessions): there is no session to
// notify, and every such request shares the id "", so a notice for one customer
// could reach another's request that happens to be registered under it.
func (s *subscriptions) add(session, customer, uri string) {
	if uri != ordersURI || session == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sessions[session] = customer
}

func (s *subscriptions) remove(session, uri string) {
	if uri != ordersURI {
		return
	}
	s.forget(session)
}

func (s *subscriptions) forget(session string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.sessions, session)
}

// held is how many sessions' subscriptions are kept, for tests.
func (s *subscriptions) held() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// notify sends notifications/resources/updated for the orders resource to the
// sessions of customer that subscribed to it. A session whose queue is full misses
// the notice; the resource itself is always current.
func (s *subscriptions) notify(customer string) {
	const uri = ordersURI
	s.mu.Lock()
	var to []string
	for id, c := range s.sessions {
		if c == customer {
			to = append(to, id)
		}
	}
	listening := map[server.ClientSession]any{}
	for session, st := range s.streams {
		if st.customer == customer {
			listening[session] = st.id
		}
	}
	s.mu.Unlock()
	for _, id := range to {
		_ = s.srv.SendNotificationToSpecificClient(id, mcp.MethodNotificationResourceUpdated, map[string]any{"uri": uri})
	}
	for session, id := range listening {
		n := mcp.JSONRPCNotification{JSONRPC: mcp.JSONRPC_VERSION, Notification: mcp.Notification{
			Method: mcp.MethodNotificationResourceUpdated,
			Params: mcp.NotificationParams{Meta: map[string]any{mcp.MetaKeySubscriptionID: id}, AdditionalFields: map[string]any{"uri": uri}},
		}}
		select {
		case session.NotificationChannel() <- n:
		default: // a full queue misses the notice; the resource itself is current
		}
	}
}
