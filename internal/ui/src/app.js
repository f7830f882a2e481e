// commerce-mcp's MCP Apps views. This script speaks the MCP Apps postMessage JSON-RPC
// dialect with the host (ui/initialize, then tool input and tool results as
// notifications, tools/call through the host) and renders what it is given; buy.js
// (only on a server that buys) adds the buttons and views that change the cart or buy,
// and start.js starts it. Every piece of data is put in the page as text
// (createElement + textContent), never as markup: product text comes from sellers and
// is untrusted.
  var PROTOCOL = "2026-01-26";
  var root = document.documentElement;
  var view = root.dataset.view;
  // The image origins this view's CSP declares: a picture is loaded from these only,
  // whatever policy the host applies.
  var imageOrigins = (root.dataset.imageOrigins || "").split(" ").filter(Boolean);
  var app = document.getElementById("app");
  var statusEl = document.getElementById("status");

  // ---- JSON-RPC over postMessage with the parent (the host) ----
  var nextId = 1;
  var pending = {};
  function post(msg) { window.parent.postMessage(msg, "*"); }
  function request(method, params) {
    var id = nextId++;
    post({ jsonrpc: "2.0", id: id, method: method, params: params || {} });
    return new Promise(function (resolve, reject) { pending[id] = { resolve: resolve, reject: reject }; });
  }
  function notify(method, params) { post({ jsonrpc: "2.0", method: method, params: params || {} }); }

  var handlers = {
    "ui/notifications/tool-input": function (p) { state.input = (p && p.arguments) || {}; },
    "ui/notifications/tool-input-partial": function () {},
    "ui/notifications/tool-result": function (p) { show(state.tool || toolOfView[view], p); },
    "ui/notifications/tool-cancelled": function () { render([el("p", { className: "muted" }, "Cancelled.")]); },
    "ui/notifications/host-context-changed": function (p) { applyContext(p); }
  };
  var requests = {
    "ui/resource-teardown": function () { return {}; },
    "ping": function () { return {}; }
  };
  window.addEventListener("message", function (e) {
    if (e.source !== window.parent) { return; }
    var m = e.data;
    if (!m || m.jsonrpc !== "2.0") { return; }
    if (m.method === undefined && m.id !== undefined && pending[m.id]) {
      var p = pending[m.id];
      delete pending[m.id];
      if (m.error) { p.reject(new Error(m.error.message || "error")); } else { p.resolve(m.result); }
      return;
    }
    if (m.method && m.id !== undefined) {
      var h = requests[m.method];
      if (h) { post({ jsonrpc: "2.0", id: m.id, result: h(m.params) }); }
      else { post({ jsonrpc: "2.0", id: m.id, error: { code: -32601, message: "Method not found" } }); }
      return;
    }
    if (m.method && handlers[m.method]) { handlers[m.method](m.params); }
  });

  // ---- host context: theme and style variables ----
  function applyContext(ctx) {
    if (!ctx) { return; }
    if (ctx.theme === "light" || ctx.theme === "dark") { root.dataset.theme = ctx.theme; }
    var vars = ctx.styles && ctx.styles.variables;
    if (vars) {
      Object.keys(vars).forEach(function (k) {
        if (/^--[a-z0-9-]+$/.test(k) && typeof vars[k] === "string") { root.style.setProperty(k, vars[k]); }
      });
    }
    if (ctx.toolInfo && ctx.toolInfo.tool && typeof ctx.toolInfo.tool.name === "string") { state.tool = ctx.toolInfo.tool.name; }
  }

  // ---- size: tell the host how tall the page is ----
  var lastW = 0, lastH = 0, sizeTimer = 0;
  function sendSize() {
    sizeTimer = 0;
    var w = Math.ceil(root.getBoundingClientRect().width), h = Math.ceil(root.scrollHeight);
    if (w === lastW && h === lastH) { return; }
    lastW = w; lastH = h;
    notify("ui/notifications/size-changed", { width: w, height: h });
  }
  if (window.ResizeObserver) {
    new ResizeObserver(function () { if (!sizeTimer) { sizeTimer = setTimeout(sendSize, 30); } }).observe(document.body);
  }

  // ---- DOM helpers: text only ----
  function el(tag, props) {
    var n = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        if (k === "on") { Object.keys(props.on).forEach(function (ev) { n.addEventListener(ev, props.on[ev]); }); }
        else if (k === "attrs") { Object.keys(props.attrs).forEach(function (a) { n.setAttribute(a, props.attrs[a]); }); }
        else { n[k] = props[k]; }
      });
    }
    for (var i = 2; i < arguments.length; i++) { add(n, arguments[i]); }
    return n;
  }
  function add(n, c) {
    if (c === null || c === undefined || c === false) { return; }
    if (Array.isArray(c)) { c.forEach(function (x) { add(n, x); }); return; }
    n.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
  }
  function render(children) {
    app.replaceChildren();
    add(app, children);
    app.setAttribute("aria-busy", "false");
    sendSize();
  }
  function say(msg, isError) {
    statusEl.hidden = !msg;
    statusEl.textContent = msg || "";
    statusEl.classList.toggle("error", !!isError);
    sendSize();
  }
  function button(label, onClick, opts) {
    opts = opts || {};
    var b = el("button", { type: "button", className: opts.className || "", on: { click: function () { onClick(b); } } }, label);
    if (opts.label) { b.setAttribute("aria-label", opts.label); }
    if (opts.pressed !== undefined) { b.setAttribute("aria-pressed", String(opts.pressed)); }
    if (opts.tool) { b.dataset.tool = opts.tool; }
    if (opts.id) { b.id = opts.id; }
    return b;
  }
  function money(m) { return m && typeof m.display === "string" ? m.display : ""; }
  function initials(s) { return String(s || "?").trim().slice(0, 1).toUpperCase() || "?"; }
  function declaredOrigin(url) {
    try { return imageOrigins.indexOf(new URL(url).origin) >= 0; } catch (e) { return false; }
  }
  // image shows an https image from a declared origin, or a letter when there is none,
  // its host is not declared, or it does not load (the host's content-security policy
  // also lets only the declared hosts in).
  function image(url, alt, fallback) {
    var box = el("div", { className: "thumb", attrs: { "aria-hidden": alt ? "false" : "true" } });
    function letter() { box.replaceChildren(document.createTextNode(initials(fallback))); }
    if (typeof url === "string" && /^https:\/\//i.test(url) && declaredOrigin(url)) {
      var img = el("img", { alt: alt || "", loading: "lazy", decoding: "async", referrerPolicy: "no-referrer", className: "thumb" });
      img.addEventListener("error", letter);
      img.src = url;
      box.appendChild(img);
    } else { letter(); }
    return box;
  }
  function stars(rating, count) {
    if (!count) { return el("span", { className: "rating" }, "No reviews yet"); }
    return el("span", { className: "rating", attrs: { "aria-label": "Rated " + rating + " out of 5 from " + count + " reviews" } },
      "★ " + Number(rating).toFixed(1) + " (" + count + ")");
  }
  var availText = { in_stock: "In stock", out_of_stock: "Out of stock", preorder: "Pre-order", backorder: "Back-order", discontinued: "Discontinued", unknown: "Availability unknown" };
  function avail(a, stock) {
    if (!a) { return null; }
    var t = availText[a] || a;
    if (a === "in_stock" && typeof stock === "number" && stock <= 5) { t += " — only " + stock + " left"; }
    return el("span", { className: "avail-" + (availText[a] ? a : "unknown") }, t);
  }
  function resultText(res) {
    return ((res && res.content) || []).filter(function (c) { return c && c.type === "text"; })
      .map(function (c) { return c.text; }).join("\n");
  }

  // ---- calling tools through the host ----
  var state = { input: {}, tool: "" };
  var toolOfView = { results: "search_products", product: "get_product", cart: "view_cart", order: "get_order" };
  var viewOfTool = { search_products: "results", recommend: "results", get_product: "product", view_cart: "cart", get_order: "order" };
  // hooks are where buy.js adds what only a buying server offers; each returns nodes or
  // null. stay says what a call made with stay reports instead of a new page.
  var hooks = {
    cardActions: function () { return null; },
    productActions: function () { return null; },
    cartLine: function () { return null; },
    cartActions: function () { return null; },
    stay: {}
  };
  // call asks the host to call a tool of this server (the same tools, arguments and
  // confirmation rules as the model's) and shows the result; stay keeps the current
  // page and reports the outcome in the status line instead (add to cart from a list).
  function call(name, args, btn, stay) {
    if (btn) { btn.disabled = true; }
    app.setAttribute("aria-busy", "true");
    say("Working…");
    return request("tools/call", { name: name, arguments: args }).then(function (res) {
      if (stay && !(res && res.isError)) { say(stayMessage(name, res)); return; }
      if (res && res.isError) { say(resultText(res) || "That did not work.", true); return; }
      say("");
      state.input = args;
      show(name, res);
      window.scrollTo(0, 0);
    }, function (err) {
      say("The host could not call " + name + ": " + err.message, true);
    }).then(function () {
      if (btn) { btn.disabled = false; }
      app.setAttribute("aria-busy", "false");
    });
  }
  function stayMessage(name, res) {
    var sc = res && res.structuredContent;
    return hooks.stay[name] && sc ? hooks.stay[name](sc) : "Done.";
  }

  // ---- views ----
  function show(tool, res) {
    if (!res) { return; }
    var sc = res.structuredContent;
    if (res.isError || !sc) {
      render([el("div", { className: "notice error", attrs: { role: "alert" } }, resultText(res) || "Nothing to show.")]);
      return;
    }
    var r = renderers[viewOfTool[tool] || view];
    if (r) { r(sc, tool, res); }
  }
  var renderers = {
    results: function (sc) { renderResults(sc, !!sc.recommendations); },
    product: function (sc, tool, res) { renderProduct(sc, res); },
    cart: function (sc) { renderCart(sc); },
    order: function (sc) { renderOrder(sc); }
  };

  function productActions(p, showDetails) {
    var acts = el("div", { className: "actions" });
    if (showDetails) {
      add(acts, button("Details", function (b) { call("get_product", { product_id: p.id }, b); },
        { label: "Details of " + p.title, tool: "get_product" }));
    }
    add(acts, hooks.cardActions(p));
    return acts;
  }

  function productCard(p, withReasons) {
    return el("li", { className: "card", attrs: { "data-product": p.id } },
      image(p.image_url, "", p.brand || p.title),
      el("h2", null, button(p.title, function (b) { call("get_product", { product_id: p.id }, b); }, { className: "link", tool: "get_product" })),
      p.brand ? el("p", { className: "muted" }, p.brand) : null,
      el("p", { className: "price" }, money(p.price)),
      p.unit_price ? el("p", { className: "muted unit-price" }, money(p.unit_price)) : null,
      el("p", null, stars(p.rating, p.review_count)),
      el("p", null, avail(p.availability, p.stock)),
      p.seller ? el("p", { className: "muted" }, "Sold by " + p.seller.name) : null,
      withReasons && p.reasons && p.reasons.length ? el("ul", { className: "reasons", attrs: { "aria-label": "Why this pick" } },
        p.reasons.map(function (r) { return el("li", null, r); })) : null,
      productActions(p, false));
  }

  function searchWith(changes, btn) {
    var args = {};
    Object.keys(state.input || {}).forEach(function (k) { if (k !== "cursor") { args[k] = state.input[k]; } });
    Object.keys(changes).forEach(function (k) { if (changes[k] === null) { delete args[k]; } else { args[k] = changes[k]; } });
    call("search_products", args, btn);
  }

  function facetChips(label, items, key, toArgs, current) {
    if (!items || !items.length) { return null; }
    return el("div", null, el("h2", { className: "muted" }, label),
      el("ul", { className: "chips", attrs: { "aria-label": label } }, items.map(function (f) {
        var args = toArgs(f);
        var on = current(f);
        var text = (f.label || f.value) + " (" + f.count + ")";
        return el("li", null, button(text, function (b) {
          var change = {};
          Object.keys(args).forEach(function (k) { change[k] = on ? null : args[k]; });
          searchWith(change, b);
        }, { className: "chip", pressed: on, tool: "search_products", label: (on ? "Remove filter " : "Filter by ") + label.toLowerCase() + " " + (f.label || f.value) }));
      })));
  }

  function renderResults(sc, recs) {
    var items = recs ? sc.recommendations || [] : sc.products || [];
    var head;
    if (recs) {
      head = el("h1", null, sc.cold_start ? "Popular picks" : "Picks for you");
    } else {
      var total = sc.total_estimated ? "about " + sc.total : String(sc.total);
      head = el("h1", null, (sc.total === 1 ? "1 product" : total + " products") + (sc.searched ? " for “" + sc.searched + "”" : ""));
    }
    var out = [head];
    if (sc.corrected) { out.push(el("p", { className: "muted" }, "Showing results for “" + sc.corrected + "”.")); }
    (sc.notes || []).forEach(function (n) { out.push(el("p", { className: "muted" }, typeof n === "string" ? n : "")); });
    var f = sc.facets;
    if (!recs && f) {
      var inp = state.input || {};
      out.push(el("section", { attrs: { "aria-label": "Filters" } },
        facetChips("Brands", f.brands, "brand", function (x) { return { brand: x.value }; },
          function (x) { return (inp.brand || "").toLowerCase() === String(x.value).toLowerCase(); }),
        facetChips("Categories", f.categories, "category", function (x) { return { category: x.value }; },
          function (x) { return (inp.category || "").toLowerCase() === String(x.value).toLowerCase(); }),
        facetChips("Prices", f.prices, "price", function (x) { var a = { min_price: x.min }; a.max_price = x.max === undefined ? null : x.max; return a; },
          function (x) { return inp.min_price === x.min && (x.max === undefined || inp.max_price === x.max); })));
    }
    if (!items.length) { out.push(el("p", null, "Nothing found.")); }
    out.push(el("ul", { className: "grid", attrs: { "aria-label": recs ? "Recommendations" : "Products" } },
      items.map(function (p) { return productCard(p, recs); })));
    if (!recs && sc.next_cursor) {
      out.push(el("div", { className: "row" }, button("Next page", function (b) {
        var args = {};
        Object.keys(state.input || {}).forEach(function (k) { args[k] = state.input[k]; });
        args.cursor = sc.next_cursor;
        call("search_products", args, b);
      }, { tool: "search_products", id: "next-page" })));
    }
    render(out);
  }

  function renderProduct(p, res) {
    var attrs = p.attributes || {};
    var keys = Object.keys(attrs).sort();
    var variants = (res && res._meta && res._meta["commerce-mcp/variants"]) || [];
    var buy = hooks.productActions(p);
    render([
      el("div", { className: "product" },
        image(p.image_url, p.title, p.brand || p.title),
        el("div", null,
          el("h1", null, p.title),
          p.brand ? el("p", { className: "muted" }, p.brand + (p.category ? " · " + p.category : "")) : null,
          el("p", { className: "price" }, money(p.price)),
          p.unit_price ? el("p", { className: "muted unit-price" }, money(p.unit_price)) : null,
          el("p", null, stars(p.rating, p.review_count)),
          el("p", null, avail(p.availability, p.stock)),
          p.seller ? el("p", { className: "muted" }, "Sold by " + p.seller.name) : null,
          buy,
          p.url && /^https?:\/\//i.test(p.url) ? el("p", null, button("Open on the seller's site", function () {
            request("ui/open-link", { url: p.url }).catch(function () {});
          }, { className: "link" })) : null)),
      p.description ? el("section", null, el("h2", null, "Description"), el("p", null, p.description)) : null,
      keys.length ? el("section", null, el("h2", null, "Details"),
        el("dl", { className: "attrs" }, keys.map(function (k) { return [el("dt", null, k), el("dd", null, attrs[k])]; }))) : null,
      variants.length ? el("section", null, el("h2", null, "Other variants"),
        el("ul", { className: "grid" }, variants.map(function (v) {
          return el("li", { className: "card", attrs: { "data-product": v.id } },
            image(v.image_url, "", v.brand || v.title),
            el("h3", null, button(v.title, function (b) { call("get_product", { product_id: v.id }, b); }, { className: "link", tool: "get_product" })),
            el("p", { className: "price" }, money(v.price)), el("p", null, avail(v.availability, v.stock)));
        }))) : null,
      p.tags && p.tags.length ? el("p", { className: "muted" }, "Tags: " + p.tags.join(", ")) : null
    ]);
  }

  // optionLabel is an option's name as a person reads it: "ring_size" is "Ring size".
  function optionLabel(name) {
    var s = String(name || "").replace(/[_-]+/g, " ").trim();
    return s.charAt(0).toUpperCase() + s.slice(1);
  }
  // lineChoices shows what was chosen for a line's product (as sent to the seller):
  // one "Ring size: 7" per option, then the personalisation; null when none.
  function lineChoices(l) {
    var parts = (l.choices || []).map(function (c) { return optionLabel(c.option) + ": " + c.value; });
    if (l.personalization) { parts.push("Personalisation: “" + l.personalization + "”"); }
    return parts.length ? el("div", { className: "muted line-choices" }, parts.join(" · ")) : null;
  }

  function lineRows(lines, editable) {
    return el("table", null,
      el("thead", null, el("tr", null, el("th", null, "Item"), el("th", { className: "num" }, "Qty"), el("th", { className: "num" }, "Price"))),
      el("tbody", null, lines.map(function (l) {
        var controls = editable ? hooks.cartLine(l) : null;
        return el("tr", { attrs: { "data-product": l.product_id } },
          el("td", null, l.title, lineChoices(l), l.available === false ? el("div", { className: "avail-out_of_stock" }, "Not available now") : null,
            controls ? controls.remove : null),
          el("td", { className: "num" }, controls ? controls.quantity : String(l.quantity)),
          el("td", { className: "num" }, money(l.unit_price) + (l.quantity > 1 ? " each" : "")));
      })));
  }

  function renderCart(sc) {
    var sellers = sc.sellers || [];
    var out = [el("h1", null, sellers.length ? "Cart: " + sc.items + (sc.items === 1 ? " item" : " items") : "Your cart is empty")];
    sellers.forEach(function (g) {
      out.push(el("section", { className: "box", attrs: { "aria-label": "From " + g.seller.name } },
        el("h2", null, "From " + g.seller.name), lineRows(g.lines || [], true),
        el("p", { className: "muted" }, "Estimated subtotal " + money(g.estimated_subtotal) + " before delivery and tax.")));
    });
    if (sellers.length) { out.push(hooks.cartActions(sc)); }
    render(out);
  }

  function totalsTable(t) {
    if (!t) { return null; }
    var rows = [["Subtotal", t.subtotal], ["Delivery", t.shipping], ["Tax", t.tax]].filter(function (r) { return r[1]; });
    return el("table", { className: "totals" }, el("tbody", null,
      rows.map(function (r) { return el("tr", null, el("td", null, r[0]), el("td", { className: "num" }, money(r[1]))); }),
      t.total ? el("tr", { className: "total" }, el("td", null, "Total"), el("td", { className: "num" }, money(t.total))) : null));
  }
  function delivery(f) {
    if (!f || !f.chosen) { return null; }
    var c = f.chosen;
    var when = c.earliest_delivery ? " · arrives " + day(c.earliest_delivery) + (c.latest_delivery ? "–" + day(c.latest_delivery) : "") : "";
    return el("p", null, "Delivery: " + c.title + " (" + money(c.cost) + ")" + when);
  }
  function day(iso) {
    var d = new Date(iso);
    return isNaN(d) ? "" : d.toLocaleDateString(undefined, { month: "short", day: "numeric" });
  }
  function card(c, toPay) { return c ? el("p", null, (toPay ? "To pay with " : "Paid with ") + cap(c.brand) + " •••• " + c.last4) : null; }
  function cap(s) { s = String(s || "card"); return s.charAt(0).toUpperCase() + s.slice(1); }
  function orderBox(o) {
    var lines = o.lines || (o.line ? [o.line] : []);
    return el("section", { className: "box", attrs: { "aria-label": "Order from " + (o.seller ? o.seller.name : "") } },
      o.seller ? el("h2", null, "From " + o.seller.name) : null,
      o.status && o.status !== "confirmation_required" ? el("p", null, el("span", { className: "badge" }, o.status)) : null,
      lineRows(lines, false), delivery(o.fulfillment), totalsTable(o.totals),
      o.order_id ? el("div", { className: "row" }, button("View order", function (b) { call("get_order", { order_id: o.order_id }, b); }, { tool: "get_order" })) : null);
  }

  function renderOrder(o) {
    var out = [el("h1", null, "Order " + o.order_id),
      el("p", null, el("span", { className: "badge" }, o.status), o.seller_status ? [" ", el("span", { className: "badge" }, o.seller_status)] : null,
        o.mode === "sandbox" ? el("span", { className: "muted" }, " sandbox") : null)];
    if (o.failure_reason) { out.push(el("p", { className: "notice error" }, o.failure_reason)); }
    if (o.tracking) {
      out.push(el("p", null, "Tracking: " + [o.tracking.carrier, o.tracking.number || o.tracking.tracking_number].filter(Boolean).join(" ")));
    }
    out.push(orderBox({ seller: o.seller, lines: o.lines, line: o.line, fulfillment: o.fulfillment, totals: o.totals }));
    out.push(card(o.card));
    if (o.refunded) { out.push(el("p", null, "Refunded " + money(o.refunded))); }
    if (o.history && o.history.length) {
      out.push(el("section", null, el("h2", null, "History"), el("ol", { className: "history" }, o.history.map(function (h) {
        return el("li", null, new Date(h.at).toLocaleString() + " — " + h.status + (h.refunded ? " (" + money(h.refunded) + " refunded)" : ""));
      }))));
    }
    if (o.created_at) { out.push(el("p", { className: "muted" }, "Placed " + new Date(o.created_at).toLocaleString())); }
    out.push(el("div", { className: "row" }, button("Refresh", function (b) { call("get_order", { order_id: o.order_id }, b); }, { tool: "get_order" })));
    render(out);
  }

