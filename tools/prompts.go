package tools

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	txt "github.com/commerce-mcp/commerce-mcp/internal/text" // tools' tests have a func text
)

// Prompts returns the MCP prompts, in a stable order.
func (t *Toolbox) Prompts() []server.ServerPrompt {
	return []server.ServerPrompt{{
		Prompt: mcp.NewPrompt("shopping_assistant",
			mcp.WithPromptTitle("Shopping assistant"),
			mcp.WithPromptDescription("Instructions for shopping on the person's behalf with these tools: preferences, search, product details, personal recommendations"+t.readOnlyOr(" and orders", ", orders and purchases with confirmation")+". The same text as the server instructions."),
			mcp.WithArgument("goal", mcp.ArgumentDescription(`What the person wants to shop for, if known, e.g. "new trail running shoes under $150" or "a birthday gift for my sister".`)),
		),
		Handler: t.shoppingAssistant,
	}}
}

func (t *Toolbox) shoppingAssistant(_ context.Context, req mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
	text := t.instructions()
	// Clean also makes the goal one line: line breaks become spaces.
	if goal := txt.Clean(req.Params.Arguments["goal"], 500); goal != "" {
		text += "\n\nThe person wants: " + goal + "\nStart by calling get_preferences, then search_products or recommend for this."
	}
	return mcp.NewGetPromptResult("How to shop for the person with commerce-mcp",
		[]mcp.PromptMessage{mcp.NewPromptMessage(mcp.RoleUser, mcp.NewTextContent(text))}), nil
}
