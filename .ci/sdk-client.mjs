// A new user's walk through commerce-mcp with the official TypeScript SDK as the client
// (run by .ci/sdk, which installs the SDK, builds the server and starts it). Every step is
// a named check; any failure, thrown error or check that did not run fails the script.
//
// Environment: BIN (the server binary), STDIO_DB, HTTP_URL (stateful Streamable HTTP),
// STATELESS_URL, SSE_URL, TOKEN_A and TOKEN_B (bearer tokens of two customers).
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { ElicitRequestSchema, ResourceUpdatedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";

const env = process.env;
const ran = new Set();
const failures = [];

function check(name, ok, detail) {
  ran.add(name);
  if (ok) {
    console.log(`sdk: ${name}: ok`);
  } else {
    failures.push(name);
    console.log(`sdk: ${name}: FAILED${detail === undefined ? "" : ": " + short(detail)}`);
  }
}
function short(v) {
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 600 ? s.slice(0, 600) + "…" : s;
}
const text = (res) => (res.content || []).filter((c) => c.type === "text").map((c) => c.text).join("\n");

// connect opens a client over transport. With elicit, it declares the elicitation
// capability and answers each elicitation/create with the next answer queued on the
// returned object (an unexpected dialog fails the walk).
async function connect(label, transport, { elicit }) {
  const client = new Client({ name: `commerce-mcp-ci-${label}`, version: "1.0.0" },
    { capabilities: elicit ? { elicitation: { form: {} } } : {} });
  const dialogs = { queue: [], seen: [] };
  if (elicit) {
    client.setRequestHandler(ElicitRequestSchema, async (req) => {
      dialogs.seen.push(req.params);
      const answer = dialogs.queue.shift();
      if (!answer) {
        check(`${label}: no unexpected confirmation dialog`, false, req.params.message);
        return { action: "cancel" };
      }
      return answer(req.params);
    });
  }
  await client.connect(transport);
  return { client, dialogs, label, transport };
}

// call calls a tool through the SDK, which validates structuredContent against the
// tool's outputSchema (listTools must have run on this client first, see listTools).
async function call(c, name, args, options) {
  const res = await c.client.callTool({ name, arguments: args }, undefined, options);
  if (!text(res).trim()) textless.push(`${c.label}: ${name}`);
  return res;
}
const textless = []; // calls whose result had no readable text (checked at the end)

// listTools lists the tools and checks what every client relies on: a description, an
// object inputSchema, an outputSchema (so the SDK validates every result), and all four
// annotations set explicitly.
async function listTools(c) {
  const res = await c.client.listTools();
  check(`${c.label}: tools/list is one page (the SDK keeps only the last page's output schemas)`,
    !res.nextCursor, res.nextCursor);
  const tools = res.tools;
  check(`${c.label}: tools/list has the README's core tools`,
    ["search_products", "get_product", "recommend", "purchase", "add_to_cart", "view_cart", "checkout",
      "get_order", "list_orders", "cancel_order"].every((n) => tools.some((t) => t.name === n)),
    tools.map((t) => t.name));
  const bad = [];
  for (const t of tools) {
    const a = t.annotations || {};
    if (!t.description || t.description.length < 40) bad.push(`${t.name}: no real description`);
    if (!t.inputSchema || t.inputSchema.type !== "object") bad.push(`${t.name}: inputSchema not an object`);
    for (const [p, s] of Object.entries(t.inputSchema?.properties || {})) {
      if (!s.description) bad.push(`${t.name}.${p}: argument without a description`);
    }
    if (!t.outputSchema || t.outputSchema.type !== "object") bad.push(`${t.name}: no object outputSchema`);
    else if (!c.client.getToolOutputValidator(t.name)) bad.push(`${t.name}: the SDK holds no output validator`);
    else if (!(t.outputSchema.required || []).length) bad.push(`${t.name}: the outputSchema requires nothing, so it checks little`);
    else if (c.client.getToolOutputValidator(t.name)({}).valid) bad.push(`${t.name}: the SDK's validator accepts {}`);
    for (const h of ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"]) {
      if (typeof a[h] !== "boolean") bad.push(`${t.name}: annotation ${h} not set`);
    }
  }
  check(`${c.label}: every tool has a description, described arguments, schemas and four annotations`,
    bad.length === 0, bad);
  return tools;
}

// expectError checks that a call is refused as an isError tool result (not a JSON-RPC
// error, which a model never sees) whose text matches want and shows no internals.
async function expectError(c, what, name, args, want) {
  let res;
  try {
    res = await call(c, name, args);
  } catch (e) {
    check(`${c.label}: ${what} is an isError result`, false, `JSON-RPC error instead: ${e.message}`);
    return;
  }
  const t = text(res);
  if (env.SDK_VERBOSE) console.log(`   ${what} → ${t}`);
  check(`${c.label}: ${what} is an isError result saying ${want}`,
    res.isError === true && want.test(t) && !/json:|strconv|sql|panic|goroutine|\.go:\d/i.test(t),
    { isError: res.isError, text: t });
}

async function orderIds(c) {
  const res = await call(c, "list_orders", { limit: 50 });
  return res.structuredContent.orders.map((o) => o.order_id);
}

// shop is the README's walk for one client: find, look, recommend, buy (below the
// threshold, above it through a dialog accepted and declined), cart and checkout,
// follow the order, cancel it, resources and the prompt, hostile input.
async function shop(c, { dialogs: canDialog }) {
  const L = c.label;
  await listTools(c);

  const found = await call(c, "search_products", { query: "running shoes", limit: 3 });
  const hits = found.structuredContent.products || [];
  check(`${L}: search_products finds running shoes`, !found.isError && found.structuredContent.total > 0 && hits.length > 0 && hits.length <= 3,
    found.structuredContent);

  const prod = await call(c, "get_product", { product_id: hits[0].id });
  check(`${L}: get_product shows the product in full`, !prod.isError && prod.structuredContent.id === hits[0].id &&
    typeof prod.structuredContent.description === "string" && prod.structuredContent.price.amount > 0, prod.structuredContent);

  const rec = await call(c, "recommend", { context: "a gift for a runner under $100", limit: 3 });
  const picks = rec.structuredContent.recommendations || [];
  check(`${L}: recommend gives picks with reasons`, !rec.isError && picks.length > 0 &&
    picks.every((p) => Array.isArray(p.reasons) && p.reasons.length > 0), rec.structuredContent);

  const before = await orderIds(c);
  const cheap = await call(c, "purchase", { product_id: "nw-actv-0001" });
  check(`${L}: purchase below the threshold completes without a dialog`,
    !cheap.isError && cheap.structuredContent.status === "completed" && /^ord_/.test(cheap.structuredContent.order_id),
    cheap.structuredContent);

  if (canDialog) {
    c.dialogs.queue.push(() => ({ action: "accept", content: { confirm: true } }));
    const seen = c.dialogs.seen.length;
    const dear = await call(c, "purchase", { product_id: "nw-shoe-0001" });
    const dialog = c.dialogs.seen[seen];
    check(`${L}: purchase above the threshold asks in a dialog showing the total`,
      dialog !== undefined && /\$206\.95/.test(dialog.message) && dialog.requestedSchema?.properties?.confirm?.type === "boolean",
      dialog);
    check(`${L}: purchase accepted in the dialog completes`,
      !dear.isError && dear.structuredContent.status === "completed" && dear.structuredContent.totals.total.amount === 20695,
      dear.structuredContent);

    c.dialogs.queue.push(() => ({ action: "decline" }));
    const orders = await orderIds(c);
    const declined = await call(c, "purchase", { product_id: "nw-shoe-0001" });
    const after = await orderIds(c);
    check(`${L}: purchase declined in the dialog buys nothing`,
      declined.structuredContent?.status !== "completed" && !declined.structuredContent?.order_id &&
      after.length === orders.length && /nothing (was )?charged|not charged/i.test(text(declined)),
      { result: declined.structuredContent, text: text(declined), before: orders.length, after: after.length });
    check(`${L}: every dialog was answered`, c.dialogs.queue.length === 0, c.dialogs.queue.length);
  } else {
    const quoted = await call(c, "purchase", { product_id: "nw-shoe-0001" });
    const q = quoted.structuredContent;
    check(`${L}: purchase above the threshold without elicitation returns a quote_id`,
      !quoted.isError && q.status === "confirmation_required" && /^qt_/.test(q.quote_id) && q.totals.total.amount === 20695,
      q);
    const done = await call(c, "purchase", { quote_id: q.quote_id });
    check(`${L}: purchase(quote_id) completes`, !done.isError && done.structuredContent.status === "completed", done.structuredContent);
    const again = await call(c, "purchase", { quote_id: q.quote_id });
    check(`${L}: purchase(quote_id) again returns the first order, no second charge`,
      again.structuredContent?.order_id === done.structuredContent.order_id, again.structuredContent);
    await expectError(c, "a quote confirmed with another quantity", "purchase",
      { quote_id: q.quote_id, quantity: 2 }, /quote|quantit/i);
  }

  // Cart and checkout: two units of a cheap product, below the threshold.
  await call(c, "clear_cart", {});
  const added = await call(c, "add_to_cart", { product_id: "nw-actv-0001", quantity: 1 });
  check(`${L}: add_to_cart`, !added.isError && added.structuredContent.items === 1, added.structuredContent);
  const viewed = await call(c, "view_cart", {});
  check(`${L}: view_cart shows the line`, !viewed.isError && viewed.structuredContent.lines === 1, viewed.structuredContent);
  const paid = await call(c, "checkout", {});
  const co = paid.structuredContent;
  check(`${L}: checkout completes one order`, !paid.isError && co.status === "completed" && co.orders.length === 1 &&
    /^ord_/.test(co.orders[0].order_id), co);
  const emptied = await call(c, "view_cart", {});
  check(`${L}: the bought line left the cart`, emptied.structuredContent.lines === 0, emptied.structuredContent);

  const orderId = cheap.structuredContent.order_id;
  const got = await call(c, "get_order", { order_id: orderId });
  check(`${L}: get_order`, !got.isError && got.structuredContent.order_id === orderId && got.structuredContent.status === "completed",
    got.structuredContent);
  const listed = await orderIds(c);
  check(`${L}: list_orders holds the new orders`, listed.includes(orderId) && listed.includes(co.orders[0].order_id) &&
    listed.length >= before.length + 3, { before: before.length, after: listed.length });

  const canceled = await call(c, "cancel_order", { order_id: orderId });
  check(`${L}: cancel_order refunds the paid order`, !canceled.isError && canceled.structuredContent.status === "refunded",
    canceled.structuredContent);
  const canceledAgain = await call(c, "cancel_order", { order_id: orderId });
  check(`${L}: cancel_order again returns the first outcome`, canceledAgain.structuredContent?.status === "refunded",
    canceledAgain.structuredContent);

  const resources = (await c.client.listResources()).resources.map((r) => r.uri);
  check(`${L}: resources/list`, ["commerce://customer/preferences", "commerce://customer/orders"].every((u) => resources.includes(u)),
    resources);
  const ordersRes = await c.client.readResource({ uri: "commerce://customer/orders" });
  check(`${L}: the orders resource shows the new order`, ordersRes.contents.some((x) => (x.text || "").includes(orderId)),
    ordersRes.contents.map((x) => (x.text || "").slice(0, 200)));
  const prefs = await c.client.readResource({ uri: "commerce://customer/preferences" });
  check(`${L}: the preferences resource is JSON`, prefs.contents.length === 1 && isJSON(prefs.contents[0].text), prefs.contents);
  const prompts = (await c.client.listPrompts()).prompts;
  check(`${L}: prompts/list has shopping_assistant`, prompts.some((p) => p.name === "shopping_assistant"), prompts);
  const prompt = await c.client.getPrompt({ name: "shopping_assistant", arguments: { goal: "running shoes for a marathon" } });
  check(`${L}: the prompt carries the goal`, prompt.messages.some((m) => (m.content.text || "").includes("marathon")), prompt.messages);

  await hostile(c);
  return { orderId, quoteless: canDialog };
}

// step runs one part of the walk; a thrown error (a JSON-RPC error, or the SDK finding
// structuredContent that does not match the output schema) fails that part, and the walk
// goes on so that one run shows every failure.
async function step(c, name, fn) {
  try {
    await fn();
  } catch (e) {
    check(`${c.label}: ${name} ran to the end`, false, e.message || String(e));
  }
}

// more walks the tools the README lists beyond the shopping core, so that the SDK
// validates each of their results too: detail levels, paging, an out-of-stock product,
// delivery, preferences, cards, subscriptions, a basket above the threshold and a
// refund above the cancellation threshold.
async function more(c, { dialogs: canDialog }) {
  const L = c.label;
  await step(c, "search detail levels", async () => {
    for (const detail of ["brief", "standard", "full"]) {
      const r = await call(c, "search_products", { query: "tent", limit: 2, detail });
      check(`${L}: search_products detail ${detail}`, !r.isError && r.structuredContent.products.length > 0, r.structuredContent);
    }
    const r = await call(c, "recommend", { limit: 2, detail: "full", exclude_purchased: false });
    check(`${L}: recommend detail full`, !r.isError && r.structuredContent.recommendations.length > 0, r.structuredContent);
  });
  await step(c, "paging", async () => {
    const p1 = await call(c, "search_products", { query: "shoes", limit: 2 });
    check(`${L}: search_products gives a next page`, !!p1.structuredContent.next_cursor, p1.structuredContent);
    const p2 = await call(c, "search_products", { query: "shoes", limit: 2, cursor: p1.structuredContent.next_cursor });
    check(`${L}: search_products' second page differs`, !p2.isError &&
      p2.structuredContent.products[0]?.id !== p1.structuredContent.products[0].id, p2.structuredContent);
    const o1 = await call(c, "list_orders", { limit: 1 });
    check(`${L}: list_orders gives a next page`, !!o1.structuredContent.next_cursor, o1.structuredContent);
    const o2 = await call(c, "list_orders", { limit: 1, cursor: o1.structuredContent.next_cursor });
    check(`${L}: list_orders' second page differs`, !o2.isError &&
      o2.structuredContent.orders[0]?.order_id !== o1.structuredContent.orders[0].order_id, o2.structuredContent);
  });
  await step(c, "an out-of-stock product", async () => {
    const p = await call(c, "get_product", { product_id: "nw-shoe-0006" });
    check(`${L}: get_product of an out-of-stock product`, !p.isError && p.structuredContent.purchasable === false, p.structuredContent);
    await expectError(c, "purchase of an out-of-stock product", "purchase", { product_id: "nw-shoe-0006" }, /stock/i);
    await expectError(c, "add_to_cart of an out-of-stock product", "add_to_cart", { product_id: "nw-shoe-0006" }, /is not in stock/);
  });
  await step(c, "delivery", async () => {
    const a = await call(c, "set_shipping_address", { name: "Ann Example", line1: "1 Market St", city: "San Francisco",
      region: "CA", postal_code: "94105", country: "US", make_default: false });
    check(`${L}: set_shipping_address`, !a.isError && /^adr_/.test(a.structuredContent.address_id), a.structuredContent);
    await expectError(c, "set_shipping_address with a bad postal code", "set_shipping_address",
      { name: "Ann", line1: "1 Market St", city: "San Francisco", region: "CA", postal_code: "ABCDE", country: "US" }, /postal_code/);
    const list = await call(c, "get_shipping_addresses", {});
    check(`${L}: get_shipping_addresses`, !list.isError && list.structuredContent.addresses.length >= 2, list.structuredContent);
    // Express takes this $35.95 item over the $50 threshold: a dialog, or a quote.
    if (canDialog) c.dialogs.queue.push(() => ({ action: "accept", content: { confirm: true } }));
    let p = await call(c, "purchase", { product_id: "nw-actv-0001", address_id: a.structuredContent.address_id,
      fulfillment_option_id: "express" });
    if (!canDialog) p = await call(c, "purchase", { quote_id: p.structuredContent.quote_id });
    check(`${L}: purchase to another address by express`, !p.isError && p.structuredContent.status === "completed" &&
      p.structuredContent.fulfillment.chosen.id === "express" && p.structuredContent.totals.tax.amount > 0, p.structuredContent);
    await expectError(c, "purchase with an unknown delivery option", "purchase",
      { product_id: "nw-actv-0001", fulfillment_option_id: "teleport" }, /standard|express/);
    await expectError(c, "purchase to an unknown address", "purchase",
      { product_id: "nw-actv-0001", address_id: "adr_nope" }, /address/);
  });
  await step(c, "preferences", async () => {
    const u = await call(c, "update_preferences", { add_favorite_brands: ["Stridewell"], sizes: { shoes: "10" },
      price_range: { min: 10, max: 200 }, notes: "likes trail running" });
    check(`${L}: update_preferences`, !u.isError && u.structuredContent.favorite_brands.includes("Stridewell"), u.structuredContent);
    const g = await call(c, "get_preferences", {});
    check(`${L}: get_preferences`, !g.isError && g.structuredContent.sizes.shoes === "10", g.structuredContent);
    await expectError(c, "update_preferences adding and removing one brand", "update_preferences",
      { add_favorite_brands: ["Stridewell"], remove_favorite_brands: ["Stridewell"] }, /favorite_brands/);
    await expectError(c, "update_preferences with min above max", "update_preferences",
      { price_range: { min: 300, max: 10 } }, /price_range/);
  });
  await step(c, "cards", async () => {
    const l = await call(c, "list_payment_methods", {});
    const cards = l.structuredContent.payment_methods;
    check(`${L}: list_payment_methods`, !l.isError && cards.length >= 1 && !JSON.stringify(l).includes("pm_"), l.structuredContent);
    const add = await call(c, "add_payment_method", {});
    check(`${L}: add_payment_method gives a setup page`, !add.isError && add.structuredContent.status === "waiting" &&
      /^https?:/.test(add.structuredContent.url), add.structuredContent);
    const add2 = await call(c, "add_payment_method", { setup_id: add.structuredContent.setup_id });
    check(`${L}: add_payment_method(setup_id) is still waiting`, !add2.isError && add2.structuredContent.status === "waiting", add2.structuredContent);
    const other = cards.find((x) => !x.default); // .ci/sdk puts a second card on file
    check(`${L}: a second card is on file`, !!other, cards);
    if (canDialog) c.dialogs.queue.push(() => ({ action: "accept", content: { confirm: true } }));
    const d = await call(c, "set_default_payment_method", { payment_method_id: other.payment_method_id });
    check(`${L}: set_default_payment_method`, !d.isError && d.structuredContent.status === (canDialog ? "done" : "confirmation_required"),
      d.structuredContent);
    if (!canDialog) {
      const d2 = await call(c, "set_default_payment_method", { payment_method_id: other.payment_method_id,
        confirmation_token: d.structuredContent.confirmation_token });
      check(`${L}: set_default_payment_method(confirmation_token)`, !d2.isError && d2.structuredContent.status === "done", d2.structuredContent);
    }
    await expectError(c, "remove_payment_method of an unknown card", "remove_payment_method", { payment_method_id: "card_nope" }, /card|payment_method/);
  });
  await step(c, "subscriptions", async () => {
    if (canDialog) c.dialogs.queue.push(() => ({ action: "accept", content: { confirm: true } }));
    let s = await call(c, "subscribe", { product_id: "ml-sub-0001" });
    if (!canDialog) {
      check(`${L}: subscribe returns a quote_id`, s.structuredContent?.status === "confirmation_required" && !!s.structuredContent.quote_id,
        s.structuredContent);
      s = await call(c, "subscribe", { quote_id: s.structuredContent.quote_id });
    }
    check(`${L}: subscribe`, !s.isError && s.structuredContent.status === "subscribed" && s.structuredContent.first_charge?.status === "paid",
      s.structuredContent);
    const id = s.structuredContent.subscription.id;
    const l = await call(c, "list_subscriptions", {});
    check(`${L}: list_subscriptions`, !l.isError && l.structuredContent.subscriptions.some((x) => x.id === id), l.structuredContent);
    const p = await call(c, "pause_subscription", { subscription_id: id });
    check(`${L}: pause_subscription`, !p.isError && p.structuredContent.status === "paused", p.structuredContent);
    const r = await call(c, "resume_subscription", { subscription_id: id });
    check(`${L}: resume_subscription`, !r.isError && r.structuredContent.status === "active", r.structuredContent);
    const x = await call(c, "cancel_subscription", { subscription_id: id });
    check(`${L}: cancel_subscription`, !x.isError && x.structuredContent.status === "canceled", x.structuredContent);
    await expectError(c, "subscribe to a product that is not a subscription", "subscribe", { product_id: "nw-actv-0001" }, /subscri/);
    await expectError(c, "pause_subscription of an unknown one", "pause_subscription", { subscription_id: "sub_nope" }, /subscription/);
  });
  await step(c, "a subscription's choices, changed", async () => {
    await changeChoices(c, { dialogs: canDialog });
  });
  await step(c, "a basket above the threshold", async () => {
    await call(c, "clear_cart", {});
    await call(c, "add_to_cart", { product_id: "nw-shoe-0001" });
    await call(c, "add_to_cart", { product_id: "nw-actv-0001", quantity: 2 });
    if (canDialog) c.dialogs.queue.push(() => ({ action: "accept", content: { confirm: true } }));
    let co = await call(c, "checkout", {});
    if (!canDialog) {
      check(`${L}: checkout above the threshold returns a quote_id`, co.structuredContent?.status === "confirmation_required" &&
        !!co.structuredContent.quote_id, co.structuredContent);
      co = await call(c, "checkout", { quote_id: co.structuredContent.quote_id });
    }
    check(`${L}: checkout above the threshold completes`, !co.isError && co.structuredContent.status === "completed", co.structuredContent);
    const order = co.structuredContent.orders[0].order_id;
    if (canDialog) c.dialogs.queue.push(() => ({ action: "accept", content: { confirm: true } }));
    let x = await call(c, "cancel_order", { order_id: order });
    if (!canDialog && x.structuredContent?.status === "confirmation_required") {
      x = await call(c, "cancel_order", { order_id: order, confirmation_id: x.structuredContent.confirmation_id });
    }
    check(`${L}: cancel_order of a dear order refunds it`, !x.isError && x.structuredContent.status === "refunded", x.structuredContent);
    await expectError(c, "checkout of an empty cart", "checkout", {}, /cart/i);
  });
  check(`${L}: every dialog of the rest was answered`, !canDialog || c.dialogs.queue.length === 0, c.dialogs.queue.length);
}

// journey walks what happens after search for one customer, run for two customers at
// once over one server: a cart across two sellers (add, change a quantity, remove a
// line), checkout (a dialog, or its quote), each order's events and tracking so far,
// cancel_order refunding one of them, a purchase over the per-order limit, and
// recommend after buying (what was bought is left out). It returns the ids of the
// orders it made, for the other customer's checks.
async function journey(c, { dialogs: canDialog }) {
  const L = `${c.label} journey`;
  const mine = [];
  await call(c, "clear_cart", {});
  for (const [id, quantity] of [["nw-actv-0001", 1], ["ml-game-0007", 1], ["ml-bkck-0010", 1]]) {
    const r = await call(c, "add_to_cart", { product_id: id, quantity });
    check(`${L}: add_to_cart ${id}`, !r.isError, text(r));
  }
  const up = await call(c, "update_cart", { product_id: "nw-actv-0001", quantity: 2 });
  check(`${L}: update_cart changes a quantity, saying what the cart holds`, !up.isError && up.structuredContent.items === 4 &&
    /holds 2 of nw-actv-0001/.test(text(up)), { sc: up.structuredContent, text: text(up) });
  const rm = await call(c, "update_cart", { product_id: "ml-bkck-0010", quantity: 0 });
  check(`${L}: update_cart with quantity 0 removes the line`, !rm.isError && rm.structuredContent.lines === 2 &&
    /Removed ml-bkck-0010/.test(text(rm)), text(rm));
  const cart = await call(c, "view_cart", {});
  const sellers = (cart.structuredContent.sellers || []).length;
  check(`${L}: view_cart holds only this customer's two lines, from two sellers`,
    cart.structuredContent.lines === 2 && cart.structuredContent.items === 3 && sellers === 2, cart.structuredContent);

  // $35.95 × 2 + $21.99 is above the $50 threshold: a dialog, or a quote to confirm.
  if (canDialog) c.dialogs.queue.push(() => ({ action: "accept", content: { confirm: true } }));
  let co = await call(c, "checkout", {});
  if (!canDialog) {
    check(`${L}: checkout of two sellers asks for confirmation with a quote_id and one total`,
      co.structuredContent?.status === "confirmation_required" && /^qt_/.test(co.structuredContent.quote_id) &&
      co.structuredContent.orders.length === 2 && /call checkout with quote_id/.test(text(co)), co.structuredContent);
    co = await call(c, "checkout", { quote_id: co.structuredContent.quote_id });
  }
  const orders = co.structuredContent?.orders || [];
  check(`${L}: checkout places one order per seller`, !co.isError && co.structuredContent.status === "completed" &&
    orders.length === 2 && orders.every((o) => /^ord_/.test(o.order_id)), co.structuredContent);
  mine.push(...orders.map((o) => o.order_id));
  const left = await call(c, "view_cart", {});
  check(`${L}: the bought lines left the cart`, left.structuredContent.lines === 0, left.structuredContent);

  for (const id of mine) {
    const o = await call(c, "get_order", { order_id: id });
    check(`${L}: get_order ${id} shows it paid, with its seller's word and history`, !o.isError &&
      o.structuredContent.status === "completed" && Array.isArray(o.structuredContent.history) &&
      (o.structuredContent.seller_status === undefined || /confirmed|processing|shipped|delivered/.test(o.structuredContent.seller_status)),
      o.structuredContent);
  }

  const target = mine[0];
  if (canDialog) c.dialogs.queue.push(() => ({ action: "accept", content: { confirm: true } }));
  let x = await call(c, "cancel_order", { order_id: target });
  if (!canDialog && x.structuredContent?.status === "confirmation_required") {
    x = await call(c, "cancel_order", { order_id: target, confirmation_id: x.structuredContent.confirmation_id });
  }
  check(`${L}: cancel_order refunds one order of the checkout`, !x.isError && x.structuredContent.status === "refunded", x.structuredContent);
  const after = await call(c, "get_order", { order_id: target });
  check(`${L}: get_order shows the refund`, after.structuredContent?.status === "refunded" &&
    after.structuredContent.refunded?.amount === after.structuredContent.totals.total.amount, after.structuredContent);
  const other = await call(c, "get_order", { order_id: mine[1] });
  check(`${L}: the other seller's order stands`, other.structuredContent?.status === "completed", other.structuredContent);

  await expectError(c, "a purchase over the per-order limit", "purchase", { product_id: "nw-shoe-0001", quantity: 3 },
    /limit[\s\S]*[Nn]othing (was )?charged|[Nn]othing (was )?charged[\s\S]*limit/);

  const rec = await call(c, "recommend", { limit: 10 });
  const picked = (rec.structuredContent.recommendations || []).map((p) => p.id ?? p.product_id);
  check(`${L}: recommend after buying leaves out what was bought`, !rec.isError && picked.length > 0 &&
    !picked.includes("ml-game-0007") && !picked.includes("nw-actv-0001"), picked);
  return mine;
}

// rejects calls f and returns what it throws (undefined when it does not throw).
// changeChoices subscribes to the demo's coffee plan with a choice of grind (whole
// bean), changes the grind to espresso with change_subscription (in the dialog, or by
// its quote_id), checks list_subscriptions shows the new grind at the quoted price, and
// cancels it.
async function changeChoices(c, { dialogs: canDialog }) {
  const L = c.label;
  const grindOf = (x) => (x?.choices || []).find((o) => o.option === "grind")?.value;
  if (canDialog) c.dialogs.queue.push(() => ({ action: "accept", content: { confirm: true } }));
  let s = await call(c, "subscribe", { product_id: "ml-sub-0002", choices: { grind: "Whole Bean" } });
  if (!canDialog) {
    check(`${L}: subscribe with choices returns a quote_id`,
      s.structuredContent?.status === "confirmation_required" && /grind «Whole Bean»/.test(s.structuredContent.summary), s.structuredContent);
    s = await call(c, "subscribe", { quote_id: s.structuredContent.quote_id });
  } else {
    const asked = c.dialogs.seen.at(-1)?.message || "";
    check(`${L}: the subscribe dialog names the grind`, /Grind: «Whole Bean»/.test(asked), asked);
  }
  check(`${L}: subscribe with choices`, !s.isError && s.structuredContent.status === "subscribed" &&
    grindOf(s.structuredContent.subscription) === "Whole Bean", s.structuredContent);
  const id = s.structuredContent.subscription.id;
  await expectError(c, "change_subscription to a grind not offered", "change_subscription",
    { subscription_id: id, choices: { grind: "Turkish" } }, /Espresso/);
  if (canDialog) c.dialogs.queue.push(() => ({ action: "accept", content: { confirm: true } }));
  let ch = await call(c, "change_subscription", { subscription_id: id, choices: { grind: "Espresso" } });
  if (!canDialog) {
    check(`${L}: change_subscription returns a quote_id`, ch.structuredContent?.status === "confirmation_required" &&
      /^qc_/.test(ch.structuredContent.quote_id) && /grind «Espresso»/.test(ch.structuredContent.summary), ch.structuredContent);
    ch = await call(c, "change_subscription", { subscription_id: id, quote_id: ch.structuredContent.quote_id });
  } else {
    const asked = c.dialogs.seen.at(-1)?.message || "";
    check(`${L}: the change dialog names the new grind and the current one`,
      /New choices:\nGrind: «Espresso»/.test(asked) && /Now:\nGrind: «Whole Bean»/.test(asked), asked);
  }
  const price = ch.structuredContent?.new_price?.amount;
  check(`${L}: change_subscription`, !ch.isError && ch.structuredContent.status === "active" &&
    grindOf(ch.structuredContent.subscription) === "Espresso" && price > 0, ch.structuredContent);
  const l = await call(c, "list_subscriptions", {});
  const mine = l.structuredContent?.subscriptions?.find((x) => x.id === id);
  check(`${L}: list_subscriptions shows the new grind at the quoted price`, !l.isError && grindOf(mine) === "Espresso" &&
    mine.price_per_cycle?.amount === price, mine);
  const x = await call(c, "cancel_subscription", { subscription_id: id });
  check(`${L}: cancel_subscription after a change`, !x.isError && x.structuredContent.status === "canceled", x.structuredContent);
  await expectError(c, "change_subscription of a canceled one", "change_subscription",
    { subscription_id: id, choices: { grind: "Filter" } }, /canceled/);
}

async function rejects(f) {
  try {
    await f();
  } catch (e) {
    return e;
  }
  return undefined;
}

// protocol checks what a client meets around the tools: the person's answers to a
// dialog other than a plain yes or no, a message over the size limit, unknown prompts
// and resources, order updates to a subscriber, and 20 retries racing with one key.
async function protocol(c, { dialogs: canDialog, tooLarge }) {
  const L = c.label;
  if (canDialog) {
    for (const [what, answer, want] of [
      ["accepted without ticking the box", { action: "accept", content: { confirm: false } }, /without ticking/],
      ["accepted with no content", { action: "accept" }, /without ticking/],
      ["dismissed (cancel)", { action: "cancel" }, /declined|cancel/i],
    ]) {
      c.dialogs.queue.push(() => answer);
      const r = await call(c, "purchase", { product_id: "nw-shoe-0001" });
      check(`${L}: a purchase dialog ${what} buys nothing and says so`, r.structuredContent?.status !== "completed" &&
        !r.structuredContent?.order_id && want.test(text(r)) && /nothing was charged|nothing is charged/i.test(text(r)),
        { sc: r.structuredContent, text: text(r) });
    }
  }
  // The SDK writes a request's id after its params: the server must still answer.
  const big = await rejects(() => call(c, "search_products", { query: "y".repeat(5 << 20) }, { timeout: 20_000 }));
  check(`${L}: a request over 4 MiB is refused at once, saying so`, big !== undefined && tooLarge(big), big?.message);
  check(`${L}: the connection serves after it`, (await c.client.ping()) !== undefined);

  const np = await rejects(() => c.client.getPrompt({ name: "no_such_prompt" }));
  check(`${L}: an unknown prompt is error -32602 naming it`, np?.code === -32602 && /no_such_prompt/.test(np.message), np?.message);
  const nr = await rejects(() => c.client.readResource({ uri: "commerce://customer/nope" }));
  check(`${L}: an unknown resource is error -32002 naming it`, nr?.code === -32002 && /commerce:\/\/customer\/nope/.test(nr.message), nr?.message);

  let updates = 0;
  c.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
    if (n.params.uri === "commerce://customer/orders") updates++;
  });
  await c.client.subscribeResource({ uri: "commerce://customer/orders" });
  const key = `sdk-${L}-${Date.now()}`;
  const raced = await Promise.all(Array.from({ length: 20 }, () =>
    call(c, "purchase", { product_id: "nw-actv-0001", idempotency_key: key }).then((r) => r.structuredContent?.order_id ?? text(r))));
  check(`${L}: 20 purchases racing with one idempotency_key make one order`,
    new Set(raced).size === 1 && /^ord_/.test(raced[0]), [...new Set(raced)]);
  for (let i = 0; i < 50 && updates === 0; i++) await new Promise((r) => setTimeout(r, 100));
  check(`${L}: a subscriber to the orders resource hears of the new order`, updates > 0, updates);
  return () => updates;
}

function isJSON(s) {
  try { JSON.parse(s); return true; } catch { return false; }
}

// hostile sends what a confused or hostile model might: wrong types, huge strings,
// impossible quantities, unknown ids. Each must be an isError result naming what to fix.
async function hostile(c) {
  const huge = "x".repeat(200_000);
  const cases = [
    ["search_products with a number for query", "search_products", { query: 42 }, /query/],
    ["search_products with a 200,000-character query", "search_products", { query: huge }, /query/],
    ["search_products with limit 0", "search_products", { query: "tent", limit: 0 }, /limit/],
    ["search_products with limit 1e9", "search_products", { query: "tent", limit: 1e9 }, /limit/],
    ["search_products with an unknown argument", "search_products", { query: "tent", colour: "red" }, /colour/],
    ["get_product with an unknown id", "get_product", { product_id: "no-such-product" }, /search_products/],
    ["get_product with a 200,000-character id", "get_product", { product_id: huge }, /product_id|not found|no product/i],
    ["get_product without product_id", "get_product", {}, /product_id/],
    ["get_product with a list for product_id", "get_product", { product_id: ["nw-shoe-0019"] }, /product_id/],
    ["recommend with a 200,000-character context", "recommend", { context: huge }, /context/],
    ["purchase with quantity 0", "purchase", { product_id: "nw-actv-0001", quantity: 0 }, /quantity/],
    ["purchase with quantity -1", "purchase", { product_id: "nw-actv-0001", quantity: -1 }, /quantity/],
    ["purchase with quantity 100", "purchase", { product_id: "nw-actv-0001", quantity: 100 }, /quantity/],
    ["purchase with quantity 2^63", "purchase", { product_id: "nw-actv-0001", quantity: 9223372036854775808 }, /quantity/],
    ["purchase with quantity 1.5", "purchase", { product_id: "nw-actv-0001", quantity: 1.5 }, /quantity/],
    ["purchase with quantity \"2\"", "purchase", { product_id: "nw-actv-0001", quantity: "2" }, /quantity/],
    ["purchase of an unknown product", "purchase", { product_id: "no-such-product" }, /nothing (was )?charged/i],
    ["purchase with an unknown quote_id", "purchase", { quote_id: "qt_nope" }, /quote/i],
    ["purchase with a 200,000-character idempotency_key", "purchase", { product_id: "nw-actv-0001", idempotency_key: huge }, /idempotency_key/],
    ["add_to_cart with quantity 0", "add_to_cart", { product_id: "nw-actv-0001", quantity: 0 }, /quantity/],
    ["add_to_cart with quantity 1e12", "add_to_cart", { product_id: "nw-actv-0001", quantity: 1e12 }, /quantity/],
    ["add_to_cart of an unknown product", "add_to_cart", { product_id: "no-such-product" }, /search_products|not found|no product/i],
    ["update_cart with quantity -5", "update_cart", { product_id: "nw-actv-0001", quantity: -5 }, /quantity/],
    ["get_order with an unknown id", "get_order", { order_id: "ord_nope" }, /not found|no order/i],
    ["get_order with a number", "get_order", { order_id: 12 }, /order_id/],
    ["cancel_order with an unknown id", "cancel_order", { order_id: "ord_nope" }, /not found|no order/i],
    ["list_orders with limit -1", "list_orders", { limit: -1 }, /limit/],
    ["list_orders with a forged cursor", "list_orders", { cursor: "not-a-cursor" }, /cursor/],
    ["view_cart with an unknown argument", "view_cart", { customer_id: "cus_other" }, /customer_id/],
    ["list_payment_methods with an unknown argument", "list_payment_methods", { customer_id: "cus_other" }, /customer_id/],
    ["get_order with SQL in the id", "get_order", { order_id: "' OR 1=1 --" }, /not found|no order/i],
    ["get_product with a path as the id", "get_product", { product_id: "../../etc/passwd" }, /search_products/],
    ["purchase with a list for arguments", "purchase", ["nw-actv-0001"], /arguments must be a JSON object/],
    ["set_shipping_address with control characters in the name", "set_shipping_address",
      { name: "\u0000\u202e", line1: "1 Main St", city: "Portland", region: "OR", postal_code: "97201", country: "US" }, /name/],
  ];
  for (const [what, name, args, want] of cases) await expectError(c, what, name, args, want);
  // An unknown tool is a protocol error (-32602), as the specification says, naming it.
  let unknown;
  try {
    unknown = await call(c, "no_such_tool", {});
  } catch (e) {
    unknown = e;
  }
  check(`${c.label}: an unknown tool is JSON-RPC error -32602 naming it`,
    unknown.code === -32602 && /no_such_tool/.test(unknown.message), unknown.message ?? unknown);
}

// isolation: customer B, over its own token, must not see or touch customer A's order,
// nor confirm A's quote.
async function isolation(b, aOrder, aQuote, a) { // aQuote, a (the other customer's client): optional
  const L = b.label;
  if (a) {
    const adr = (await call(a, "get_shipping_addresses", {})).structuredContent.addresses[0].address_id;
    const card = (await call(a, "list_payment_methods", {})).structuredContent.payment_methods[0].payment_method_id;
    await expectError(b, "purchase to another customer's address", "purchase", { product_id: "nw-actv-0001", address_id: adr }, /No saved address/);
    await expectError(b, "set_default_payment_method with another customer's card", "set_default_payment_method",
      { payment_method_id: card }, /card|payment_method/i);
    await expectError(b, "remove_payment_method of another customer's card", "remove_payment_method",
      { payment_method_id: card }, /card|payment_method/i);
  }
  await expectError(b, "get_order of another customer's order", "get_order", { order_id: aOrder }, /not found|no order/i);
  await expectError(b, "cancel_order of another customer's order", "cancel_order", { order_id: aOrder }, /not found|no order/i);
  if (aQuote) await expectError(b, "purchase with another customer's quote_id", "purchase", { quote_id: aQuote }, /quote/i);
  const ids = await orderIds(b);
  check(`${L}: list_orders does not show another customer's order`, !ids.includes(aOrder), ids);
  const res = await b.client.readResource({ uri: "commerce://customer/orders" });
  check(`${L}: the orders resource does not show another customer's order`,
    !res.contents.some((x) => (x.text || "").includes(aOrder)), "leaked");
}

const bearer = (t) => ({ requestInit: { headers: { Authorization: `Bearer ${t}` } } });
// legacySSE walks the legacy SSE transport with the SDK's SSEClientTransport: customers
// A (declaring elicitation) and B (not) walk the journey past search at once, each seeing none
// of the other's orders; a stream without a token, or with an unknown one, is refused
// 401; B's token cannot post to A's session (404); a client whose stream drops while
// its checkout runs reconnects on a new stream and, retrying with the same
// idempotency_key, gets the one checkout it started (each seller charged once), and a
// quote made before the drop still confirms after it; the dropped session's endpoint
// answers 404 saying to open a new stream.
async function legacySSE(bOrder) {
  const url = new URL(env.SSE_URL);
  const a = await connect("sse A", new SSEClientTransport(url, bearer(env.TOKEN_A)), { elicit: true });
  const b = await connect("sse B", new SSEClientTransport(url, bearer(env.TOKEN_B)), { elicit: false });
  await listTools(a);
  await listTools(b);
  const ss = await call(a, "search_products", { query: "tent", limit: 2 });
  check(`${a.label}: search_products`, ss.structuredContent?.total > 0, ss.structuredContent);
  await expectError(a, "get_order of another customer's order", "get_order", { order_id: bOrder }, /not found|no order/i);
  // Over SSE a confirmation is a quote_id, not a dialog, even for a client that declares
  // elicitation (the README's hosted table): A's journey confirms by quote_id too.
  const [aJourney, bJourney] = await Promise.all([journey(a, { dialogs: false }), journey(b, { dialogs: false })]);
  for (const [who, them, theirs] of [[a, b, bJourney], [b, a, aJourney]]) {
    const ids = await orderIds(who);
    check(`${who.label}: list_orders shows none of ${them.label}'s journey orders`, theirs.length === 2 && !theirs.some((id) => ids.includes(id)), ids);
    await expectError(who, `get_order of ${them.label}'s journey order`, "get_order", { order_id: theirs[0] }, /not found|no order/i);
  }

  for (const [what, headers] of [["no token", {}], ["an unknown token", { Authorization: "Bearer not-a-token" }]]) {
    const r = await fetch(url, { headers: { Accept: "text/event-stream", ...headers } });
    check(`sse: a stream with ${what} is refused 401 with WWW-Authenticate`, r.status === 401 && !!r.headers.get("www-authenticate"), r.status);
    await r.body?.cancel();
  }
  const aEndpoint = a.transport._endpoint; // the SDK keeps the endpoint event's URL here
  if (aEndpoint) {
    const r = await fetch(aEndpoint, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${env.TOKEN_B}` },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "list_orders", arguments: {} } }) });
    check(`sse: B's token on A's session endpoint is refused 404`, r.status === 404, r.status);
  } else {
    check("sse: the SDK shows the session endpoint", false, "no _endpoint on SSEClientTransport");
  }

  // B drops its stream while its checkout (below its threshold: paid at once) runs,
  // reconnects, and asks again with the same key: the one checkout, whatever became of
  // the dropped call (it may have been paid, stopped before paying, or never sent).
  await call(b, "clear_cart", {});
  await call(b, "add_to_cart", { product_id: "nw-actv-0001" }); // $35.95: below B's $50 threshold
  const key = `sse-drop-${Date.now()}`;
  const q = await call(b, "purchase", { product_id: "nw-shoe-0001" });
  check(`${b.label}: a quote before the drop`, /^qt_/.test(q.structuredContent?.quote_id || ""), q.structuredContent);
  const [newest] = await orderIds(b); // newest first
  const inFlight = b.client.callTool({ name: "checkout", arguments: { idempotency_key: key } }).catch((e) => e);
  await new Promise((r) => setTimeout(r, 20));
  const bEndpoint = b.transport._endpoint;
  await b.client.close(); // the stream drops
  const dropped = await inFlight;
  const b2 = await connect("sse B again", new SSEClientTransport(url, bearer(env.TOKEN_B)), { elicit: false });
  await listTools(b2);
  let co = await call(b2, "checkout", { idempotency_key: key });
  for (let i = 0; i < 40 && co.structuredContent?.status === "pending"; i++) {
    await new Promise((r) => setTimeout(r, 500));
    co = await call(b2, "checkout", { idempotency_key: key });
  }
  const got = co.structuredContent || {};
  const cartNow = (await call(b2, "view_cart", {})).structuredContent;
  const paid = !co.isError && got.status === "completed" && (got.orders || []).length === 1 && cartNow.lines === 0;
  const stopped = co.isError && /[Nn]othing (was )?charged/.test(text(co)) && cartNow.lines === 1;
  check(`${b2.label}: after the drop, the key answers the one checkout: paid once, or stopped with nothing charged and the line kept`,
    paid || stopped, { dropped: dropped?.message ?? dropped?.structuredContent?.status, got, text: text(co), lines: cartNow.lines });
  const again = await call(b2, "checkout", { idempotency_key: key });
  check(`${b2.label}: the key answers the same again, charging nothing more`,
    again.isError === co.isError && again.structuredContent?.checkout_id === got.checkout_id && again.structuredContent?.status === got.status,
    again.structuredContent);
  const ids = await orderIds(b2);
  const listed = await orderIds(b2);
  const want = paid ? [got.orders[0].order_id, newest] : [newest];
  check(`${b2.label}: list_orders shows the dropped checkout's order once, or none`,
    want.every((id, i) => listed[i] === id), { newest, listed: listed.slice(0, 3), orders: got.orders });
  const qd = await call(b2, "purchase", { quote_id: q.structuredContent.quote_id });
  check(`${b2.label}: the quote made before the drop confirms after it`, !qd.isError && qd.structuredContent?.status === "completed", qd.structuredContent);
  if (bEndpoint) {
    const r = await fetch(bEndpoint, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${env.TOKEN_B}` },
      body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "list_orders", arguments: {} } }) });
    const body = await r.text();
    check(`${b2.label}: the dropped session's endpoint answers 404, saying to open a new stream`, r.status === 404 && /new stream/.test(body), { status: r.status, body });
  }
  await a.client.close();
  await b2.client.close();
}

async function main() {
  const t0 = Date.now();
  // 1. stdio, with elicitation: the Claude Desktop way.
  const stdio = await connect("stdio", new StdioClientTransport({
    command: env.BIN, args: ["--db", env.STDIO_DB], stderr: "ignore",
  }), { elicit: true });
  await shop(stdio, { dialogs: true });
  await more(stdio, { dialogs: true });
  await protocol(stdio, { dialogs: true, tooLarge: (e) => e.code === -32600 && /too large/.test(e.message) });
  await stdio.client.close();

  // 2. stdio without elicitation: the quote_id path.
  const plain = await connect("stdio without elicitation", new StdioClientTransport({
    command: env.BIN, args: ["--db", env.STDIO_DB], stderr: "ignore",
  }), { elicit: false });
  await listTools(plain);
  const q = await call(plain, "purchase", { product_id: "nw-shoe-0001" });
  check(`${plain.label}: purchase above the threshold returns a quote_id`,
    q.structuredContent?.status === "confirmation_required" && /^qt_/.test(q.structuredContent.quote_id), q.structuredContent);
  const qd = await call(plain, "purchase", { quote_id: q.structuredContent.quote_id });
  check(`${plain.label}: purchase(quote_id) completes`, qd.structuredContent?.status === "completed", qd.structuredContent);
  await plain.client.close();

  // 3. Streamable HTTP (stateful), customer A with elicitation, customer B without.
  const a = await connect("http A", new StreamableHTTPClientTransport(new URL(env.HTTP_URL), bearer(env.TOKEN_A)), { elicit: true });
  const { orderId: aOrder } = await shop(a, { dialogs: true });
  await step(a, "a subscription's choices, changed in dialogs over HTTP", () => changeChoices(a, { dialogs: true }));
  const b = await connect("http B", new StreamableHTTPClientTransport(new URL(env.HTTP_URL), bearer(env.TOKEN_B)), { elicit: false });
  const { orderId: bOrder } = await shop(b, { dialogs: false });
  await more(b, { dialogs: false });
  // Both customers walk past search at once, each with their own cart and orders.
  const [aJourney, bJourney] = await Promise.all([journey(a, { dialogs: true }), journey(b, { dialogs: false })]);
  for (const [who, them, theirs] of [[a, b, bJourney], [b, a, aJourney]]) {
    const ids = await orderIds(who);
    check(`${who.label}: list_orders shows none of ${them.label}'s journey orders`, theirs.length === 2 && !theirs.some((id) => ids.includes(id)), ids);
    for (const id of theirs) {
      await expectError(who, `cancel_order of ${them.label}'s journey order`, "cancel_order", { order_id: id }, /not found|no order/i);
    }
  }
  const bq = await call(b, "purchase", { product_id: "nw-shoe-0001" });
  check(`${b.label}: a quote for the isolation checks`, /^qt_/.test(bq.structuredContent?.quote_id || ""), bq.structuredContent);
  await isolation(a, bOrder, bq.structuredContent.quote_id);
  await isolation(b, aOrder, undefined, a);
  // B listens to its orders while A buys: B must hear nothing of A's orders.
  let bUpdates = 0;
  b.client.setNotificationHandler(ResourceUpdatedNotificationSchema, () => { bUpdates++; });
  await b.client.subscribeResource({ uri: "commerce://customer/orders" });
  await protocol(a, { dialogs: true, tooLarge: (e) => e.code === 413 && /too large/.test(e.message) });
  await new Promise((r) => setTimeout(r, 300));
  check(`${b.label}: a subscriber hears nothing of another customer's orders`, bUpdates === 0, bUpdates);
  // A session id is a name, not a credential: B's token cannot use A's session.
  const stolen = new StreamableHTTPClientTransport(new URL(env.HTTP_URL), { ...bearer(env.TOKEN_B), sessionId: a.transport.sessionId });
  const thief = new Client({ name: "commerce-mcp-ci-thief", version: "1.0.0" });
  const refused = await rejects(async () => {
    await thief.connect(stolen);
    await thief.callTool({ name: "list_orders", arguments: {} });
  });
  check(`${b.label}: another customer's session id is refused (404)`, !!a.transport.sessionId && refused?.code === 404, refused?.message);
  await thief.close();
  await a.client.close();
  await b.client.close();

  // 4. Streamable HTTP, stateless server: no session, so no dialog; quote_id instead.
  const sl = await connect("stateless", new StreamableHTTPClientTransport(new URL(env.STATELESS_URL), bearer(env.TOKEN_A)), { elicit: true });
  await listTools(sl);
  const sq = await call(sl, "purchase", { product_id: "nw-shoe-0001" });
  check(`${sl.label}: purchase above the threshold returns a quote_id`,
    sq.structuredContent?.status === "confirmation_required" && /^qt_/.test(sq.structuredContent.quote_id), sq.structuredContent);
  const sd = await call(sl, "purchase", { quote_id: sq.structuredContent.quote_id });
  check(`${sl.label}: purchase(quote_id) completes`, sd.structuredContent?.status === "completed", sd.structuredContent);
  // This server keeps the default limit (10 calls/s, 20 back to back): 40 at once
  // must be partly refused, each refusal an isError result saying when to retry.
  const burst = await Promise.all(Array.from({ length: 40 }, () => call(sl, "get_product", { product_id: "nw-actv-0001" })));
  const refusedCalls = burst.filter((r) => r.isError);
  check(`${sl.label}: over the rate limit, calls are refused saying when to retry`,
    refusedCalls.length > 0 && refusedCalls.length < 40 && refusedCalls.every((r) => /Too many calls.*Try again in/s.test(text(r))),
    refusedCalls.map(text).slice(0, 2));
  await sl.client.close();

  // 5. legacy SSE, as a client that still uses it: both customers at once, tokens, and
  // a client that drops its stream and reconnects.
  await legacySSE(bOrder);

  check("every result has a readable text version", textless.length === 0, textless);
  console.log(`sdk: ${ran.size} checks in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

main().then(() => {
  if (failures.length) {
    console.log(`sdk: ${failures.length} of ${ran.size} checks FAILED:\n  ` + failures.join("\n  "));
    process.exit(1);
  }
}, (e) => {
  console.log(`sdk: the walk stopped after ${ran.size} checks: ${e.stack || e}`);
  process.exit(1);
});
