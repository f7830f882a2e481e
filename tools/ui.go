package tools

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/internal/ui"
)

// MCP Apps: hosts that support the extension (io.modelcontextprotocol/ui) read a tool's
// _meta.ui.resourceUri, fetch that ui:// resource and show the tool's result in it;
// every other client ignores both and gets the same text and structuredContent.

// appsExtension is the MCP Apps extension's identifier in capabilities.
const appsExtension = "io.modelcontextprotocol/ui"

// maxImageOrigins bounds the image hosts a view's content-security metadata declares.
// A catalog with more allowed hosts shows the images of those most products use and a
// letter in place of the others.
const maxImageOrigins = 32

// maxVariants bounds the other variants a product page lists.
const maxVariants = 12

// variantsMetaKey is the key of a get_product result's _meta that carries the
// product's other variants to the product page. It is not part of structuredContent:
// the model's view of the result does not change.
const variantsMetaKey = "commerce-mcp/variants"

func uiURI(v ui.View) string { return "ui://commerce-mcp/" + string(v) }

// uiViews maps each tool that has a view to it.
var uiViews = map[string]ui.View{
	"search_products": ui.Results,
	"recommend":       ui.Results,
	"get_product":     ui.Product,
	"add_to_cart":     ui.Cart,
	"update_cart":     ui.Cart,
	"view_cart":       ui.Cart,
	"clear_cart":      ui.Cart,
	"purchase":        ui.Checkout,
	"checkout":        ui.Checkout,
	"get_order":       ui.Order,
}

// withViews links every tool that has a view to it in the tool's _meta.
func withViews(tools []server.ServerTool) []server.ServerTool {
	for i := range tools {
		if v, ok := uiViews[tools[i].Tool.Name]; ok {
			tools[i].Tool.Meta = mcp.NewMetaFromMap(map[string]any{
				"ui": map[string]any{"resourceUri": uiURI(v)},
			})
		}
	}
	return tools
}

// uiResources returns the views of the served tools as ui:// resources (a read-only
// server has no checkout view), in the order of ui.Views.
func (t *Toolbox) uiResources() []server.ServerResource {
	used := map[ui.View]bool{}
	for _, st := range t.served() {
		if v, ok := uiViews[st.Tool.Name]; ok {
			used[v] = true
		}
	}
	var out []server.ServerResource
	for _, v := range ui.Views {
		if !used[v] {
			continue
		}
		uri := uiURI(v)
		out = append(out, server.ServerResource{
			Resource: mcp.Resource{
				URI:         uri,
				Name:        "view_" + string(v),
				Title:       ui.Titles[v] + " view",
				Description: "An MCP Apps page that shows " + uiDescriptions[v] + " (for hosts that render MCP Apps; it is linked from the tools' _meta.ui.resourceUri).",
				MIMEType:    ui.MIMEType,
				Meta:        mcp.NewMetaFromMap(map[string]any{"ui": map[string]any{"prefersBorder": true}}),
			},
			Handler: func(ctx context.Context, _ mcp.ReadResourceRequest) ([]mcp.ResourceContents, error) {
				return t.readView(ctx, v)
			},
		})
	}
	return out
}

var uiDescriptions = map[ui.View]string{
	ui.Results:  "search_products and recommend results as a grid with filters and paging",
	ui.Product:  "one product from get_product with its details and variants",
	ui.Cart:     "the cart with its lines by seller",
	ui.Checkout: "a purchase or checkout: what it will cost and the button that confirms it, or its outcome",
	ui.Order:    "an order from get_order with its status and history",
}

// readView returns view's page with its content-security metadata: the page loads
// nothing but images, and those only from the catalog's image hosts that the operator
// allows (Toolbox.ImageHosts); a product on another host shows a letter. The checkout
// view, the page with the button that pays, declares no outside host at all (hosts may
// apply the declared hosts to scripts as well as images): its lines show a letter.
func (t *Toolbox) readView(ctx context.Context, v ui.View) ([]mcp.ResourceContents, error) {
	uri := uiURI(v)
	origins, more := []string{}, false
	if v != ui.Checkout {
		var err error
		if origins, more, err = t.Catalog.ImageOrigins(ctx, t.ImageHosts, maxImageOrigins); err != nil {
			return nil, t.resourceError(ctx, uri, err)
		}
	}
	if more {
		t.Log.WarnContext(ctx, "the catalog has more allowed image hosts than a view declares; images from the others show as a letter", "uri", uri, "declared", len(origins))
	}
	return []mcp.ResourceContents{mcp.TextResourceContents{
		URI:      uri,
		MIMEType: ui.MIMEType,
		Text:     ui.Page(v, ui.Options{Buying: !t.ReadOnly, ImageOrigins: origins}),
		Meta: map[string]any{"ui": map[string]any{
			"csp":           map[string]any{"resourceDomains": origins, "connectDomains": []string{}},
			"prefersBorder": true,
		}},
	}}, nil
}

// clientShowsApps reports whether the client declared the MCP Apps extension.
func clientShowsApps(ctx context.Context) bool {
	var caps *mcp.ClientCapabilities
	if info := server.RequestProtocolInfoFromContext(ctx); info != nil && info.Modern {
		caps = info.ClientCapabilities
	} else if s, ok := server.ClientSessionFromContext(ctx).(server.SessionWithClientInfo); ok {
		c := s.GetClientCapabilities()
		caps = &c
	}
	if caps == nil {
		return false
	}
	_, ok := caps.Extensions[appsExtension]
	return ok
}
