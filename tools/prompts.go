package tools

import (
	"context"
	"strconv"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	txt "github.com/commerce-mcp/commerce-mcp/internal/text" // tools' tests have a func text
)

// shoppingAssistant is the name of the one prompt.
const shoppingAssistant = "shopping_assistant"

// Prompts returns the MCP prompts, in a stable order. Their arguments category and
// brand complete from the catalog (completion/complete: see completer).
func (t *Toolbox) Prompts() []server.ServerPrompt {
	return []server.ServerPrompt{{
		Prompt: mcp.NewPrompt(shoppingAssistant,
			mcp.WithPromptTitle("Shopping assistant"),
			mcp.WithPromptDescription("Instructions for shopping on the person's behalf with these tools: preferences, search, product details, personal recommendations"+t.readOnlyOr(" and orders", ", orders and purchases with confirmation")+". The same text as the server instructions."),
			mcp.WithArgument("goal", mcp.ArgumentDescription(`What the person wants to shop for, if known, e.g. "new trail running shoes under $150" or "a birthday gift for my sister".`)),
			mcp.WithArgument("category", mcp.ArgumentDescription(`A category of the catalog to shop in, if the person has one in mind, e.g. "Apparel > Shoes"; completes from the catalog's categories.`)),
			mcp.WithArgument("brand", mcp.ArgumentDescription(`A brand the person wants, if any; completes from the catalog's brands.`)),
		),
		Handler: t.shoppingAssistant,
	}}
}

func (t *Toolbox) shoppingAssistant(_ context.Context, req mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
	text := t.instructions()
	// Clean also makes each argument one line: line breaks become spaces.
	goal := txt.Clean(req.Params.Arguments["goal"], 500)
	category := catalog.NormalizeCategory(req.Params.Arguments["category"])
	brand := txt.Clean(req.Params.Arguments["brand"], 100)
	var lines, filters []string
	if goal != "" {
		lines = append(lines, "The person wants: "+goal)
	}
	if category != "" {
		lines, filters = append(lines, "In the category: "+category), append(filters, "category "+strconv.Quote(category))
	}
	if brand != "" {
		lines, filters = append(lines, "Of the brand: "+brand), append(filters, "brand "+strconv.Quote(brand))
	}
	if len(lines) > 0 {
		text += "\n\n" + strings.Join(lines, "\n") + "\nStart by calling get_preferences, then search_products or recommend for this"
		if len(filters) > 0 {
			text += " (give search_products " + strings.Join(filters, " and ") + ")"
		}
		text += "."
	}
	return mcp.NewGetPromptResult("How to shop for the person with commerce-mcp",
		[]mcp.PromptMessage{mcp.NewPromptMessage(mcp.RoleUser, mcp.NewTextContent(text))}), nil
}
