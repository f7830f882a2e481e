package demo

import (
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// subscriptionProducts are the demo catalog's subscriptions, written out rather than
// drawn (so that adding them left every drawn product as it was): a coffee delivery,
// a coffee plan with a choice of grind (an option the person chooses and may change
// with change_subscription), a software plan with a free trial, and an API plan.
func subscriptionProducts() []catalog.Product {
	updated := newestUpdate.Add(-72 * time.Hour)
	seats := int64(200) // the demo's in-stock products all say how many are left
	sub := func(s *shop, id, brand, category, title, desc string, cents int64, b catalog.Billing, delivery string, tags ...string) catalog.Product {
		return catalog.Product{
			ID: id, SellerID: s.ID, Brand: brand, Category: category, Title: title, Description: desc,
			Tags: tags, Attributes: map[string]string{"fulfillment": delivery}, Price: money.Money{Amount: cents, Currency: "USD"}, Availability: catalog.InStock,
			Rating: 4.6, ReviewCount: 128, URL: "https://" + s.host + "/p/" + id,
			ImageURL: "https://" + s.host + "/img/" + id + ".jpg", Billing: &b, UpdatedAt: updated,
			Stock: &seats, GTIN: gtin(int64(900000 + cents)),
		}
	}
	market, circuit := &demoSellers[3], &demoSellers[2]
	return []catalog.Product{
		sub(market, "ml-sub-0001", "Ridgeback Roasters", "Grocery > Coffee Subscriptions",
			"Ridgeback Roasters Monthly Coffee Delivery, 12 oz Whole Bean",
			"A fresh 12 oz bag of single-origin whole bean coffee, roasted to order and delivered every month. Pause or cancel any time.",
			1800, catalog.Billing{Interval: catalog.Month, Every: 1}, "shipped", "coffee", "subscription", "whole bean"),
		withChoices(sub(market, "ml-sub-0002", "Ridgeback Roasters", "Grocery > Coffee Subscriptions",
			"Ridgeback Roasters Coffee Beans 1 kg, Monthly, Choice of Grind",
			"A 1 kg bag of house blend coffee every month, whole bean or ground to order for espresso, filter or French press. Change the grind or cancel any time.",
			3400, catalog.Billing{Interval: catalog.Month, Every: 1}, "shipped", "coffee", "subscription", "coffee beans", "ground coffee"),
			map[string]string{"grind": "Whole Bean, Espresso, Filter, French Press", catalog.AttrChoices: "grind"}),
		sub(circuit, "cy-sub-0001", "Lumenforge", "Software > Subscriptions",
			"Lumenforge Photo Studio Pro Plan",
			"Photo editing software plan with cloud sync for up to three devices. Delivered as a license key; 14-day free trial.",
			1200, catalog.Billing{Interval: catalog.Month, Every: 1, TrialDays: 14}, "digital", "software", "photo editor", "subscription"),
		sub(circuit, "cy-sub-0002", "Stratus Labs", "Software > Subscriptions",
			"Stratus Labs Weather API Starter Plan",
			"Weather forecast API access: 100,000 calls a month, hourly and daily forecasts. Delivered as an API key.",
			2900, catalog.Billing{Interval: catalog.Month, Every: 1}, "digital", "api", "weather", "subscription", "developer"),
	}
}

// withChoices is p with the attributes attrs added (its options and their values).
func withChoices(p catalog.Product, attrs map[string]string) catalog.Product {
	for k, v := range attrs {
		p.Attributes[k] = v
	}
	return p
}
