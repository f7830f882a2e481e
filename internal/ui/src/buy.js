// What a server that buys adds to the views (a read-only server leaves this file out):
// add to cart and buy buttons, cart changes, and the checkout view that shows a quote
// and the button that confirms it. Every button calls one of the server's tools through
// the host, with the arguments the model would use; a confirmation button sends back
// only the quote_id the server minted, so the server's rules decide as they do for the
// model.
  viewOfTool.add_to_cart = "cart";
  viewOfTool.update_cart = "cart";
  viewOfTool.clear_cart = "emptied";
  viewOfTool.purchase = "checkout";
  viewOfTool.checkout = "checkout";
  toolOfView.checkout = "checkout";
  renderers.emptied = function (sc) {
    render([el("h1", null, "Cart emptied"), el("p", { className: "muted" }, (sc.removed || 0) + (sc.removed === 1 ? " line" : " lines") + " removed.")]);
  };
  renderers.checkout = function (sc, tool) { renderCheckout(sc, tool); };
  hooks.stay.add_to_cart = function (sc) { return "Added to the cart: " + sc.items + (sc.items === 1 ? " item" : " items") + " in it now."; };

  hooks.cardActions = function (p) {
    if (!p.purchasable) { return null; }
    return button("Add to cart", function (b) { call("add_to_cart", { product_id: p.id, quantity: 1 }, b, true); },
      { className: "primary", label: "Add " + p.title + " to the cart", tool: "add_to_cart" });
  };

  hooks.productActions = function (p) {
    if (!p.purchasable) { return null; }
    var input = el("input", { type: "number", id: "qty", min: 1, max: 99, value: 1 });
    function qty() {
      var n = parseInt(input.value, 10);
      return n >= 1 && n <= 99 ? n : 1;
    }
    return el("div", { className: "row" }, el("label", { htmlFor: "qty" }, "Quantity "), input,
      button("Add to cart", function (b) { call("add_to_cart", { product_id: p.id, quantity: qty() }, b, true); }, { className: "primary", tool: "add_to_cart" }),
      // Buy now never buys at once: it asks the server for a quote (confirm_first, even
      // below the person's confirmation threshold), the checkout view shows its total,
      // and only the second press (Confirm and pay, with the quote_id alone) buys.
      button("Buy now", function (b) { call("purchase", { product_id: p.id, quantity: qty(), confirm_first: true }, b); }, { tool: "purchase" }));
  };

  hooks.cartLine = function (l) {
    return {
      quantity: [
        button("−", function (b) { call("update_cart", { product_id: l.product_id, quantity: l.quantity - 1 }, b); }, { label: "One fewer " + l.title, tool: "update_cart" }),
        el("span", { attrs: { "aria-label": "quantity" } }, " " + l.quantity + " "),
        button("+", function (b) { call("update_cart", { product_id: l.product_id, quantity: l.quantity + 1 }, b); }, { label: "One more " + l.title, tool: "update_cart" })
      ],
      remove: el("div", null, button("Remove", function (b) { call("update_cart", { product_id: l.product_id, quantity: 0 }, b); }, { className: "link", label: "Remove " + l.title, tool: "update_cart" }))
    };
  };

  hooks.cartActions = function (sc) {
    return [el("div", { className: "row" },
      button("Check out", function (b) { call("checkout", {}, b); }, { className: "primary", tool: "checkout" }),
      button("Empty the cart", function (b) { call("clear_cart", {}, b); }, { tool: "clear_cart" })),
      (sc.sellers || []).length > 1 ? el("p", { className: "muted" }, "One order per seller, paid with one confirmation.") : null];
  };

  // deliveryChoices names a quote's other delivery options. They are not buttons: while
  // a quote is open, checkout answers with that quote whatever fulfillment_option_id it is
  // given, so choosing another option is a matter for the conversation.
  function deliveryChoices(o) {
    var f = o.fulfillment;
    if (!f || !f.options || f.options.length < 2) { return null; }
    var others = f.options.filter(function (x) { return !f.chosen || x.id !== f.chosen.id; });
    return el("p", { className: "muted" }, "Also offered: " + others.map(function (x) {
      return x.title + " (" + money(x.cost) + (x.earliest_delivery ? ", from " + day(x.earliest_delivery) : "") + ")";
    }).join(", ") + ".");
  }

  function renderCheckout(sc, tool) {
    // Without the host's tool info the view tells a purchase (one line) from a checkout.
    if (tool !== "purchase" && tool !== "checkout") { tool = sc.line && !sc.orders ? "purchase" : "checkout"; }
    if (tool === "checkout" && sc.line && !sc.orders) { tool = "purchase"; }
    var orders = tool === "purchase" || !sc.orders ? [sc] : sc.orders;
    var out = [];
    var confirm = sc.status === "confirmation_required";
    out.push(el("h1", null, confirm ? "Confirm your order" : sc.status === "completed" ? "Order placed" : "Checkout: " + sc.status));
    if (sc.mode === "sandbox") { out.push(el("p", { className: "muted" }, "Sandbox: no real money moves.")); }
    if (sc.summary && !confirm) { out.push(el("p", { className: "notice" }, sc.summary)); }
    orders.forEach(function (o) {
      out.push(orderBox(o));
      if (confirm) { out.push(deliveryChoices(o)); }
    });
    if (tool === "checkout" && sc.total) { out.push(el("p", { className: "price" }, "Total " + money(sc.total))); }
    out.push(card(sc.card, confirm));
    if (sc.deliver_to) {
      var a = sc.deliver_to;
      out.push(el("p", null, "Deliver to " + [a.name, a.line1, a.city, a.region, a.postal_code, a.country].filter(Boolean).join(", ")));
    }
    if (sc.summary && confirm) { out.push(el("details", null, el("summary", null, "The whole quote in words"), el("p", null, sc.summary))); }
    if (confirm && sc.quote_id) {
      out.push(el("p", { className: "muted" }, "This quote lapses at " + new Date(sc.expires_at).toLocaleTimeString() + ". Nothing is charged until you confirm."));
      out.push(el("div", { className: "row" }, button("Confirm and pay " + money(tool === "purchase" ? (sc.totals && sc.totals.total) : sc.total),
        function (b) { call(tool, { quote_id: sc.quote_id }, b); }, { className: "primary", tool: tool })));
    }
    render(out);
  }

