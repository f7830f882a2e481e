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
    // A product that needs the person's choices is not added from a list: its view
    // has the pickers.
    if (p.choices_required) {
      return button("Choose options", function (b) { call("get_product", { product_id: p.id }, b); },
        { className: "primary", label: "Choose the options of " + p.title, tool: "get_product" });
    }
    return button("Add to cart", function (b) { call("add_to_cart", { product_id: p.id, quantity: 1 }, b, true); },
      { className: "primary", label: "Add " + p.title + " to the cart", tool: "add_to_cart" });
  };

  // choicePickers shows what a product asks the person to choose when buying it
  // (get_product's options and personalization): a list of the values offered for each
  // option and a text field for the personalisation, with the seller's instructions and
  // limit. Nothing is checked here: the server checks what is sent, as for the model,
  // and its refusal words are shown in the status line. It returns the nodes and a
  // function that adds the person's choices to a tool's arguments.
  function choicePickers(p) {
    var opts = p.options || [], pz = p.personalization;
    if (!opts.length && !pz) { return { nodes: null, addTo: function (a) { return a; } }; }
    var selects = opts.map(function (o, i) {
      var id = "choice-" + i;
      var s = el("select", { id: id, name: o.name, required: true },
        el("option", { value: "" }, "Choose…"),
        (o.values || []).map(function (v) { return el("option", { value: v }, v); }));
      return { name: o.name, select: s, node: el("div", { className: "choice" }, el("label", { htmlFor: id }, optionLabel(o.name)), s) };
    });
    var text = null, pzNode = null;
    if (pz) {
      text = el("input", { type: "text", id: "personalization", name: "personalization", maxLength: pz.max_length || 256, required: !!pz.required, autocomplete: "off" });
      pzNode = el("div", { className: "choice" },
        el("label", { htmlFor: "personalization" }, "Personalisation" + (pz.required ? "" : " (optional)")),
        text,
        el("p", { className: "muted", id: "personalization-help" },
          (pz.instructions ? pz.instructions + " · " : "") + "At most " + (pz.max_length || 256) + " characters."));
      text.setAttribute("aria-describedby", "personalization-help");
    }
    return {
      nodes: el("fieldset", { className: "choices" }, el("legend", null, "Your choices"), selects.map(function (x) { return x.node; }), pzNode),
      addTo: function (args) {
        var chosen = {}, any = false;
        selects.forEach(function (x) { if (x.select.value !== "") { chosen[x.name] = x.select.value; any = true; } });
        if (any) { args.choices = chosen; }
        if (text && text.value.trim() !== "") { args.personalization = text.value; }
        return args;
      }
    };
  }

  hooks.productActions = function (p) {
    if (!p.purchasable) { return null; }
    var input = el("input", { type: "number", id: "qty", min: 1, max: 99, value: 1 });
    function qty() {
      var n = parseInt(input.value, 10);
      return n >= 1 && n <= 99 ? n : 1;
    }
    var pick = choicePickers(p);
    return el("div", null, pick.nodes, el("div", { className: "row" }, el("label", { htmlFor: "qty" }, "Quantity "), input,
      button("Add to cart", function (b) { call("add_to_cart", pick.addTo({ product_id: p.id, quantity: qty() }), b, true); }, { className: "primary", tool: "add_to_cart" }),
      // Buy now never buys at once: it asks the server for a quote (confirm_first, even
      // below the person's confirmation threshold), the checkout view shows its total,
      // and only the second press (Confirm and pay, with the quote_id alone) buys.
      button("Buy now", function (b) { call("purchase", pick.addTo({ product_id: p.id, quantity: qty(), confirm_first: true }), b); }, { tool: "purchase" })));
  };

  // lineArgs are update_cart's arguments for cart line l: its product and, when the
  // cart holds the product with choices, the line's choices, which name the line.
  function lineArgs(l, quantity) {
    var a = { product_id: l.product_id, quantity: quantity };
    if (l.choices && l.choices.length) {
      a.choices = {};
      l.choices.forEach(function (c) { a.choices[c.option] = c.value; });
    }
    if (l.personalization) { a.personalization = l.personalization; }
    return a;
  }

  hooks.cartLine = function (l) {
    return {
      quantity: [
        button("−", function (b) { call("update_cart", lineArgs(l, l.quantity - 1), b); }, { label: "One fewer " + l.title, tool: "update_cart" }),
        el("span", { attrs: { "aria-label": "quantity" } }, " " + l.quantity + " "),
        button("+", function (b) { call("update_cart", lineArgs(l, l.quantity + 1), b); }, { label: "One more " + l.title, tool: "update_cart" })
      ],
      remove: el("div", null, button("Remove", function (b) { call("update_cart", lineArgs(l, 0), b); }, { className: "link", label: "Remove " + l.title, tool: "update_cart" }))
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

