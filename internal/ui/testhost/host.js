// The test host: embeds one MCP Apps view in a sandboxed iframe the way a host does,
// with the ext-apps SDK's AppBridge on the host side, a Content-Security-Policy built
// from the resource's _meta.ui.csp, and tools/call answered by the Go test (POST
// /call, which calls the real server). What the view asks for is recorded in
// window.host for the test to check. Bundled into host.bundle.js by .ci/ui-assets.
import { AppBridge, PostMessageTransport } from "@modelcontextprotocol/ext-apps/app-bridge";

// csp builds the policy a host applies to a view from its declared domains, after the
// MCP Apps specification's restrictive default.
function csp(declared) {
  const res = (declared && declared.resourceDomains) || [];
  const conn = (declared && declared.connectDomains) || [];
  const list = (xs) => xs.join(" ");
  return [
    "default-src 'none'",
    "script-src 'unsafe-inline' " + list(res),
    "style-src 'unsafe-inline' " + list(res),
    "img-src data: " + list(res),
    "font-src " + (res.length ? list(res) : "'none'"),
    "media-src data: " + list(res),
    "connect-src " + (conn.length ? list(conn) : "'none'"),
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
  ].join("; ");
}

window.host = { calls: [], links: [], sizes: [], ready: false, errors: [] };

// startHost shows html (a view) in a new iframe and, once the view has initialized,
// sends it input (the tool's arguments) and result (the tool's result).
window.startHost = async function (o) {
  const policy = csp(o.csp);
  const html = o.html.replace(/<head>/i, '<head><meta http-equiv="Content-Security-Policy" content="' + policy + '">');
  const frame = document.createElement("iframe");
  frame.setAttribute("sandbox", "allow-scripts");
  frame.setAttribute("title", o.title || "view");
  frame.style.width = "100%";
  frame.style.border = "0";
  frame.style.height = "200px";
  document.getElementById("stage").appendChild(frame);
  const bridge = new AppBridge(null, { name: "commerce-mcp-test-host", version: "1" },
    { serverTools: {}, openLinks: {}, sandbox: { csp: o.csp || {} } },
    { hostContext: { theme: o.theme, displayMode: "inline", platform: "web", toolInfo: { tool: o.tool }, containerDimensions: { maxHeight: 4000 } } });
  bridge.oncalltool = async (params) => {
    window.host.calls.push({ name: params.name, arguments: params.arguments || {} });
    const r = await fetch("/call", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(params) });
    if (!r.ok) { throw new Error("call failed: " + r.status); }
    return await r.json();
  };
  bridge.onopenlink = async (p) => { window.host.links.push(p.url); return {}; };
  bridge.onsizechange = (p) => {
    window.host.sizes.push(p);
    if (p.height) { frame.style.height = p.height + "px"; }
  };
  bridge.oninitialized = async () => {
    await bridge.sendToolInput({ arguments: o.input || {} });
    await bridge.sendToolResult(o.result);
    window.host.ready = true;
  };
  window.setTheme = (theme) => bridge.sendHostContextChange({ theme: theme });
  await bridge.connect(new PostMessageTransport(frame.contentWindow, frame.contentWindow));
  frame.srcdoc = html;
};
