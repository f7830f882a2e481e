// Starts the view: the handshake with the host (ui/initialize, then
// ui/notifications/initialized), after which the host sends the tool's input and result.
  request("ui/initialize", {
    appInfo: { name: "commerce-mcp", version: "1" },
    appCapabilities: { availableDisplayModes: ["inline"] },
    protocolVersion: PROTOCOL
  }).then(function (r) {
    applyContext(r && r.hostContext);
    notify("ui/notifications/initialized", {});
    sendSize();
  }, function (err) { say("The host did not start this view: " + err.message, true); });
