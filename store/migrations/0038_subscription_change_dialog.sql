-- How a change of a subscription's choices (0037) is confirmed: 'elicitation' when the
-- client showed the person a dialog (the quote_id alone then confirms nothing: the
-- model could read it from the dialog's sealed state), 'quote_id' when the assistant
-- confirms it by its quote_id after showing the summary, as every change written
-- before did. declined_at is set when the person declined the dialog: the change then
-- never applies.
ALTER TABLE subscription_changes ADD COLUMN confirm_via TEXT NOT NULL DEFAULT 'quote_id';
ALTER TABLE subscription_changes ADD COLUMN declined_at TEXT NOT NULL DEFAULT '';
